import Fluent
import Foundation

/// A loaded plan (kế hoạch) and its groups, as stored.
final class PlanRecord: Model, @unchecked Sendable {
    static let schema = "plans"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "title") var title: String
    @Field(key: "issuer") var issuer: String
    @Field(key: "issued_on") var issuedOn: String
    @Field(key: "milestone_years") var milestoneYears: [Int]
    @OptionalField(key: "note") var note: String?
    @Children(for: \.$plan) var groups: [IndicatorGroupRecord]
    @Children(for: \.$plan) var indicators: [IndicatorRecord]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

final class IndicatorGroupRecord: Model, @unchecked Sendable {
    static let schema = "indicator_groups"

    @ID(key: .id) var id: UUID?
    @Parent(key: "plan_id") var plan: PlanRecord
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "position") var position: Int

    init() {}
}

struct CreatePlans: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PlanRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("title", .string, .required)
            .field("issuer", .string, .required)
            .field("issued_on", .string, .required)
            .field("milestone_years", .array(of: .int), .required)
            .field("note", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.schema(IndicatorGroupRecord.schema)
            .id()
            .field("plan_id", .uuid, .required, .references(PlanRecord.schema, .id, onDelete: .cascade))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("position", .int, .required)
            .unique(on: "plan_id", "code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IndicatorGroupRecord.schema).delete()
        try await database.schema(PlanRecord.schema).delete()
    }
}
