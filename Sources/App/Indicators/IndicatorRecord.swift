import Fluent
import Foundation

/// A plan's indicator (chỉ tiêu), as stored.
final class IndicatorRecord: Model, @unchecked Sendable {
    static let schema = "indicators"

    @ID(key: .id) var id: UUID?
    @Parent(key: "plan_id") var plan: PlanRecord
    @Field(key: "code") var code: String
    @Field(key: "number") var number: Int
    @Field(key: "group_code") var groupCode: String
    @Field(key: "name") var name: String
    @OptionalField(key: "unit") var unit: String?
    @Field(key: "lead_office_text") var leadOfficeText: String
    @Field(key: "lead_offices") var leadOffices: [String]
    @Field(key: "implementers") var implementers: String
    @Field(key: "reporters") var reporters: String
    @Field(key: "measure") var measure: String
    @Field(key: "aggregation") var aggregation: String
    @Field(key: "scale") var scale: [String]
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "numerator_text") var numeratorText: String?
    @OptionalField(key: "denominator_text") var denominatorText: String?
    @Children(for: \.$indicator) var targets: [TargetRecord]

    init() {}
}

/// The target of one milestone year: the cell text as written and its parsed meaning.
final class TargetRecord: Model, @unchecked Sendable {
    static let schema = "indicator_targets"

    @ID(key: .id) var id: UUID?
    @Parent(key: "indicator_id") var indicator: IndicatorRecord
    @Field(key: "year") var year: Int
    @Field(key: "text") var text: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "value") var value: Double?
    @OptionalField(key: "low") var low: Double?
    @OptionalField(key: "high") var high: Double?
    @OptionalField(key: "level") var level: String?

    init() {}
}

struct CreateIndicators: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(IndicatorRecord.schema)
            .id()
            .field("plan_id", .uuid, .required, .references(PlanRecord.schema, .id, onDelete: .cascade))
            .field("code", .string, .required)
            .field("number", .int, .required)
            .field("group_code", .string, .required)
            .field("name", .string, .required)
            .field("unit", .string)
            .field("lead_office_text", .string, .required)
            .field("lead_offices", .array(of: .string), .required)
            .field("implementers", .string, .required)
            .field("reporters", .string, .required)
            .field("measure", .string, .required)
            .field("aggregation", .string, .required)
            .field("scale", .array(of: .string), .required)
            .field("note", .string)
            .unique(on: "plan_id", "code")
            .create()
        try await database.schema(TargetRecord.schema)
            .id()
            .field("indicator_id", .uuid, .required, .references(IndicatorRecord.schema, .id, onDelete: .cascade))
            .field("year", .int, .required)
            .field("text", .string, .required)
            .field("kind", .string, .required)
            .field("value", .double)
            .field("low", .double)
            .field("high", .double)
            .field("level", .string)
            .unique(on: "indicator_id", "year")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TargetRecord.schema).delete()
        try await database.schema(IndicatorRecord.schema).delete()
    }
}
