import Fluent

/// Who signed a report as the unit head (Thủ trưởng đơn vị), and when.
struct UpdateReportsAddSignature: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        try await database.schema(ReportRecord.schema).field("signed_by", .string).update()
        try await database.schema(ReportRecord.schema).field("signed_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReportRecord.schema).deleteField("signed_at").update()
        try await database.schema(ReportRecord.schema).deleteField("signed_by").update()
    }
}
