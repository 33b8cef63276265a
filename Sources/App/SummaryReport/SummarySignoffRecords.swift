import Fluent
import Foundation

/// One step of the sign-off of a period's report to the People's Committee (sent for approval, returned, approved,
/// issued): who, when, from which state to which, and why. The latest step gives the report's state.
final class SummaryReportStepRecord: Model, @unchecked Sendable {
    static let schema = "summary_report_steps"

    @ID(key: .id) var id: UUID?
    @Field(key: "plan_code") var planCode: String
    @Field(key: "period_code") var periodCode: String
    /// `SummaryReportAction`.
    @Field(key: "action") var action: String
    @Field(key: "from_state") var fromState: String
    @Field(key: "to_state") var toState: String
    @Field(key: "actor") var actor: String
    @Field(key: "actor_name") var actorName: String
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "at") var at: Date

    init() {}
}

/// The report as issued: its number and date, and the exact DOCX and XLSX produced at that moment with their SHA-256,
/// downloaded unchanged ever after whatever happens to the figures.
final class IssuedSummaryReportRecord: Model, @unchecked Sendable {
    static let schema = "issued_summary_reports"

    @ID(key: .id) var id: UUID?
    @Field(key: "plan_code") var planCode: String
    @Field(key: "period_code") var periodCode: String
    /// The number before `/BC-SYT`; unique per plan and year.
    @Field(key: "number") var number: String
    @Field(key: "report_year") var reportYear: Int
    /// ISO `2026-12-05`.
    @Field(key: "report_date") var reportDate: String
    @Field(key: "issued_at") var issuedAt: Date
    @Field(key: "issued_by") var issuedBy: String
    @Field(key: "docx") var docx: Data
    @Field(key: "docx_sha256") var docxSHA256: String
    @Field(key: "xlsx") var xlsx: Data
    @Field(key: "xlsx_sha256") var xlsxSHA256: String

    init() {}
}

/// The coordinating office's report to the Ban Chỉ đạo for a period: its own number, date and signer (the head of
/// Phòng Quản lý Khám chữa bệnh); the rest comes from the same figures and text as the report to UBND tỉnh.
final class SteeringReportRecord: Model, @unchecked Sendable {
    static let schema = "steering_reports"

    @ID(key: .id) var id: UUID?
    @Field(key: "plan_code") var planCode: String
    @Field(key: "period_code") var periodCode: String
    @Field(key: "number") var number: String
    @Field(key: "report_date") var reportDate: String
    @Field(key: "signer_title") var signerTitle: String
    @Field(key: "signer_name") var signerName: String
    @Field(key: "recipients") var recipients: String
    @Field(key: "updated_by") var updatedBy: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var fields: [String: String?] {
        ["number": number, "date": reportDate, "signerTitle": signerTitle, "signerName": signerName, "recipients": recipients]
    }
}

struct CreateSummarySignoff: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SummaryReportStepRecord.schema)
            .id()
            .field("plan_code", .string, .required)
            .field("period_code", .string, .required)
            .field("action", .string, .required)
            .field("from_state", .string, .required)
            .field("to_state", .string, .required)
            .field("actor", .string, .required)
            .field("actor_name", .string, .required)
            .field("reason", .string)
            .field("at", .datetime, .required)
            .create()
        try await database.schema(IssuedSummaryReportRecord.schema)
            .id()
            .field("plan_code", .string, .required)
            .field("period_code", .string, .required)
            .field("number", .string, .required)
            .field("report_year", .int, .required)
            .field("report_date", .string, .required)
            .field("issued_at", .datetime, .required)
            .field("issued_by", .string, .required)
            .field("docx", .data, .required)
            .field("docx_sha256", .string, .required)
            .field("xlsx", .data, .required)
            .field("xlsx_sha256", .string, .required)
            .unique(on: "plan_code", "period_code")
            .unique(on: "plan_code", "report_year", "number")
            .create()
        try await database.schema(SteeringReportRecord.schema)
            .id()
            .field("plan_code", .string, .required)
            .field("period_code", .string, .required)
            .field("number", .string, .required)
            .field("report_date", .string, .required)
            .field("signer_title", .string, .required)
            .field("signer_name", .string, .required)
            .field("recipients", .string, .required)
            .field("updated_by", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "plan_code", "period_code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SteeringReportRecord.schema).delete()
        try await database.schema(IssuedSummaryReportRecord.schema).delete()
        try await database.schema(SummaryReportStepRecord.schema).delete()
    }
}
