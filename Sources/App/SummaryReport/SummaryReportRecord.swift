import Fluent
import Foundation

/// The Department's report to the People's Committee for one period: the parts the coordinator writes before it
/// is downloaded (its figures are never stored: they come live from the evaluation).
final class SummaryReportRecord: Model, @unchecked Sendable {
    static let schema = "summary_reports"

    @ID(key: .id) var id: UUID?
    @Field(key: "plan_code") var planCode: String
    @Field(key: "period_code") var periodCode: String
    @Field(key: "number") var number: String
    /// dd/mm/yyyy is how it is typed; stored ISO (`2026-12-05`).
    @Field(key: "report_date") var reportDate: String
    @Field(key: "results") var results: String
    @Field(key: "shortcomings") var shortcomings: String
    @Field(key: "proposals") var proposals: String
    @Field(key: "signer_mandate") var signerMandate: String
    @Field(key: "signer_title") var signerTitle: String
    @Field(key: "signer_name") var signerName: String
    /// One recipient per line, as written under "Nơi nhận:".
    @Field(key: "recipients") var recipients: String
    @Field(key: "updated_by") var updatedBy: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var fields: [String: String?] {
        ["number": number, "date": reportDate, "results": results, "shortcomings": shortcomings, "proposals": proposals,
         "signerMandate": signerMandate, "signerTitle": signerTitle, "signerName": signerName, "recipients": recipients]
    }
}

struct CreateSummaryReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SummaryReportRecord.schema)
            .id()
            .field("plan_code", .string, .required)
            .field("period_code", .string, .required)
            .field("number", .string, .required)
            .field("report_date", .string, .required)
            .field("results", .string, .required)
            .field("shortcomings", .string, .required)
            .field("proposals", .string, .required)
            .field("signer_mandate", .string, .required)
            .field("signer_title", .string, .required)
            .field("signer_name", .string, .required)
            .field("recipients", .string, .required)
            .field("updated_by", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "plan_code", "period_code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SummaryReportRecord.schema).delete()
    }
}
