import Fluent

/// What a ratio's numerator and denominator count (optional fields of the plan file), shown on the report form.
struct UpdateIndicatorsAddRatioParts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema(IndicatorRecord.schema).field("numerator_text", .string).update()
        try await database.schema(IndicatorRecord.schema).field("denominator_text", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IndicatorRecord.schema).deleteField("denominator_text").update()
        try await database.schema(IndicatorRecord.schema).deleteField("numerator_text").update()
    }
}
