import Fluent
import Foundation

/// A health-sector organisation (cơ quan, đơn vị), as stored.
final class OrganisationRecord: Model, @unchecked Sendable {
    static let schema = "organisations"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @Field(key: "is_medical") var isMedical: Bool
    @OptionalField(key: "parent_code") var parentCode: String?
    /// Shipped demo data, not a real unit of the province.
    @Field(key: "is_demo") var isDemo: Bool
    @Field(key: "is_active") var isActive: Bool
    /// Other spellings the source documents use for this organisation.
    @Field(key: "spellings") var spellings: [String]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

struct CreateOrganisations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OrganisationRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("is_medical", .bool, .required)
            .field("parent_code", .string)
            .field("is_demo", .bool, .required)
            .field("is_active", .bool, .required)
            .field("spellings", .array(of: .string), .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrganisationRecord.schema).delete()
    }
}
