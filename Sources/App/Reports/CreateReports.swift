import Fluent

struct CreateReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReportRecord.schema)
            .id()
            .field("cycle_id", .uuid, .required, .references(CycleRecord.schema, "id"))
            .field("organisation_code", .string, .required)
            .field("state", .string, .required)
            .field("version", .int, .required)
            .field("results", .string).field("difficulties", .string).field("proposals", .string)
            .field("submitted_at", .datetime).field("last_submitted_at", .datetime).field("submitted_by", .string)
            .field("approved_at", .datetime).field("approved_by", .string)
            .field("return_reason", .string).field("returned_at", .datetime).field("returned_by", .string)
            .field("locked_at", .datetime).field("updated_by", .string).field("updated_at", .datetime)
            .unique(on: "cycle_id", "organisation_code")
            .create()
        try await database.schema(ReportValueRecord.schema)
            .id()
            .field("report_id", .uuid, .required, .references(ReportRecord.schema, "id"))
            .field("indicator_code", .string, .required)
            .field("numerator", .double).field("denominator", .double).field("amount", .double)
            .field("answer", .bool).field("level", .string).field("comment", .string)
            .field("review_comment", .string).field("reviewed_by", .string).field("reviewed_at", .datetime)
            .field("updated_by", .string).field("updated_at", .datetime)
            .unique(on: "report_id", "indicator_code")
            .create()
        try await database.schema(ReportEventRecord.schema)
            .id()
            .field("report_id", .uuid, .required, .references(ReportRecord.schema, "id"))
            .field("action", .string, .required)
            .field("from_state", .string, .required)
            .field("to_state", .string, .required)
            .field("actor", .string, .required)
            .field("reason", .string)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReportEventRecord.schema).delete()
        try await database.schema(ReportValueRecord.schema).delete()
        try await database.schema(ReportRecord.schema).delete()
    }
}
