import Fluent
import Foundation

/// One organisation's own target for one indicator and milestone year, as typed (kế hoạch của đơn vị).
final class UnitTargetRecord: Model, @unchecked Sendable {
    static let schema = "unit_targets"

    @ID(key: .id) var id: UUID?
    @Field(key: "plan_code") var planCode: String
    @Field(key: "organisation_code") var organisationCode: String
    @Field(key: "indicator_code") var indicatorCode: String
    @Field(key: "year") var year: Int
    @Field(key: "text") var text: String
    @Field(key: "updated_by") var updatedBy: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

struct CreateUnitTargets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UnitTargetRecord.schema)
            .id()
            .field("plan_code", .string, .required)
            .field("organisation_code", .string, .required)
            .field("indicator_code", .string, .required)
            .field("year", .int, .required)
            .field("text", .string, .required)
            .field("updated_by", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "plan_code", "organisation_code", "indicator_code", "year")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UnitTargetRecord.schema).delete()
    }
}
