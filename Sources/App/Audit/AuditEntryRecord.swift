import Fluent
import Foundation
import Planning

/// One row of the append-only change log. Never updated or deleted by the app.
final class AuditEntryRecord: Model, @unchecked Sendable {
    static let schema = "audit_log"

    @ID(key: .id) var id: UUID?
    @Field(key: "sequence") var sequence: Int
    @Field(key: "at") var at: String
    @Field(key: "actor") var actor: String
    @Field(key: "entity") var entity: String
    @Field(key: "entity_id") var entityID: String
    @Field(key: "field") var field: String
    @OptionalField(key: "old_value") var oldValue: String?
    @OptionalField(key: "new_value") var newValue: String?
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String
    /// HMAC-SHA256 with the key outside the database; nil or false: plain SHA-256 (written before the key).
    @OptionalField(key: "keyed") var keyed: Bool?

    init() {}

    init(_ entry: AuditEntry) {
        sequence = entry.sequence
        at = entry.at
        actor = entry.actor
        entity = entry.entity
        entityID = entry.entityID
        field = entry.field
        oldValue = entry.oldValue
        newValue = entry.newValue
        reason = entry.reason
        previousHash = entry.previousHash
        hash = entry.hash
        keyed = entry.keyed
    }

    func toDomain() -> AuditEntry {
        AuditEntry(sequence: sequence, at: at, actor: actor, entity: entity, entityID: entityID, field: field,
                   oldValue: oldValue, newValue: newValue, reason: reason, previousHash: previousHash, hash: hash,
                   keyed: keyed ?? false)
    }
}

struct CreateAuditLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntryRecord.schema)
            .id()
            .field("sequence", .int, .required)
            .field("at", .string, .required)
            .field("actor", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string, .required)
            .field("field", .string, .required)
            .field("old_value", .string)
            .field("new_value", .string)
            .field("reason", .string)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "sequence")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntryRecord.schema).delete()
    }
}

/// Entries written from now on are sealed with the key outside the database; older ones keep their plain hash.
struct UpdateAuditLogAddKeyed: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntryRecord.schema).field("keyed", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntryRecord.schema).deleteField("keyed").update()
    }
}
