import Fluent
import Foundation
import Planning
import SQLKit
import Vapor

/// A change to write to the log: which field of which thing, from what to what.
struct AuditChange: Sendable {
    let entity: String
    let entityID: String
    let field: String
    let oldValue: String?
    let newValue: String?

    init(_ entity: String, _ entityID: String, _ field: String, old: String?, new: String?) {
        self.entity = entity
        self.entityID = entityID
        self.field = field
        oldValue = old
        newValue = new
    }

    /// The changes between two versions of the same fields; unchanged ones are left out.
    static func diff(_ entity: String, _ entityID: String, old: [String: String?], new: [String: String?]) -> [AuditChange] {
        Set(old.keys).union(new.keys).sorted().compactMap { field in
            let before = old[field] ?? nil, after = new[field] ?? nil
            return before == after ? nil : AuditChange(entity, entityID, field, old: before, new: after)
        }
    }
}

/// Who made a change: a signed-in user, or the command line, or the system itself (first start).
enum Actor: Sendable {
    case user(String)
    case commandLine
    case system

    var name: String {
        switch self {
        case .user(let email): email
        case .commandLine: "dòng lệnh"
        case .system: "hệ thống"
        }
    }
}

enum Audit {
    /// Appends `changes` to the chain. Call it on the transaction that makes the changes, so that
    /// both land or neither does.
    static func record(_ changes: [AuditChange], by actor: Actor, reason: String? = nil, on db: any Database) async throws {
        guard !changes.isEmpty else { return }
        // One writer at a time extends the chain (PostgreSQL; SQLite serialises writers itself).
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(4242)").run()
        }
        let last = try await AuditEntryRecord.query(on: db).sort(\.$sequence, .descending).first()
        var sequence = last?.sequence ?? 0
        var previousHash = last?.hash ?? AuditChain.genesis
        let at = timestamp()
        var records: [AuditEntryRecord] = []
        for change in changes {
            sequence += 1
            let entry = AuditEntry(sequence: sequence, at: at, actor: actor.name, entity: change.entity, entityID: change.entityID,
                                   field: change.field, oldValue: change.oldValue, newValue: change.newValue, reason: reason,
                                   previousHash: previousHash, hash: "").sealed(by: hash)
            records.append(AuditEntryRecord(entry))
            previousHash = entry.hash
        }
        // One insert for the whole batch: a plan load logs hundreds of fields.
        try await records.create(on: db)
    }

    /// Walks the whole chain; nil when it is whole.
    static func verify(on db: any Database) async throws -> (count: Int, break: AuditChain.Break?) {
        let entries = try await AuditEntryRecord.query(on: db).sort(\.$sequence).all().map { $0.toDomain() }
        return (entries.count, AuditChain.verify(entries, hash: hash))
    }

    static func hash(_ text: String) -> String { Secrets.digest(text) }

    static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

extension Request {
    /// The actor of changes made by this request.
    var actor: Actor { currentUser.map { .user($0.email) } ?? .system }
}
