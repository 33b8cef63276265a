import Fluent
import Foundation
import Planning

/// Kinh phí — planned and spent money of one source, for one organisation in one cycle, for one of its
/// tasks or for the unit as a whole. Amounts are whole đồng for the cycle's six months.
final class FundingLineRecord: Model, @unchecked Sendable {
    static let schema = "funding_lines"

    @ID(key: .id) var id: UUID?
    @Parent(key: "cycle_id") var cycle: CycleRecord
    @Field(key: "organisation_code") var organisationCode: String
    @OptionalParent(key: "task_id") var task: TaskRecord?
    /// The task's id, or empty for a unit-level line: unlike a null, it makes the unique key hold.
    @Field(key: "task_key") var taskKey: String
    /// `FundingSource` raw value.
    @Field(key: "source") var source: String
    @Field(key: "planned") var planned: Int64
    @Field(key: "spent") var spent: Int64
    @Field(key: "updated_by") var updatedBy: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var fundingSource: FundingSource { FundingSource(rawValue: source) ?? .otherLawful }
    var line: FundingLine { FundingLine(source: fundingSource, planned: planned, spent: spent) }

    static func key(_ task: UUID?) -> String { task?.uuidString ?? "" }
}

struct CreateFundingLines: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FundingLineRecord.schema)
            .id()
            .field("cycle_id", .uuid, .required, .references(CycleRecord.schema, .id))
            .field("organisation_code", .string, .required)
            .field("task_id", .uuid, .references(TaskRecord.schema, .id))
            .field("task_key", .string, .required)
            .field("source", .string, .required)
            .field("planned", .int64, .required)
            .field("spent", .int64, .required)
            .field("updated_by", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "cycle_id", "organisation_code", "task_key", "source")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FundingLineRecord.schema).delete()
    }
}
