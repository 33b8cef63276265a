import Fluent
import Foundation
import Planning

/// Số liệu gốc — a baseline a lead office entered for an indicator: its value, year and source. At most one per
/// indicator of a plan; it wins over the first reported year's value.
final class BaselineRecord: Model, @unchecked Sendable {
    static let schema = "indicator_baselines"

    @ID(key: .id) var id: UUID?
    @Field(key: "plan_code") var planCode: String
    @Field(key: "indicator_code") var indicatorCode: String
    @Field(key: "year") var year: Int
    /// The number (a percentage for ratios and shares); for a level indicator, the level's rank when entered.
    @Field(key: "value") var value: Double
    /// For a level indicator, the level's words (read back against the scale).
    @OptionalField(key: "level") var level: String?
    @Field(key: "source") var source: String
    /// The office that entered it, and the person.
    @Field(key: "office_code") var officeCode: String
    @Field(key: "entered_by") var enteredBy: String
    @Field(key: "entered_at") var enteredAt: Date

    init() {}

    /// The fields as the change log records them.
    var fields: [String: String?] {
        ["year": String(year), "value": level ?? NumberStyle.english.format(value, maxDecimals: 4), "source": source, "office": officeCode]
    }
}

struct CreateIndicatorBaselines: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(BaselineRecord.schema)
            .id()
            .field("plan_code", .string, .required)
            .field("indicator_code", .string, .required)
            .field("year", .int, .required)
            .field("value", .double, .required)
            .field("level", .string)
            .field("source", .string, .required)
            .field("office_code", .string, .required)
            .field("entered_by", .string, .required)
            .field("entered_at", .datetime, .required)
            .unique(on: "plan_code", "indicator_code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(BaselineRecord.schema).delete()
    }
}
