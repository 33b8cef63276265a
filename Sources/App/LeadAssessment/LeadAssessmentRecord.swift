import Fluent
import Foundation
import Planning

/// Đánh giá của cơ quan chủ trì — a lead office's assessment of one indicator for one period (one per indicator and
/// period; an indicator with two lead offices has one, written by either).
final class LeadAssessmentRecord: Model, @unchecked Sendable {
    static let schema = "lead_assessments"

    @ID(key: .id) var id: UUID?
    @Field(key: "plan_code") var planCode: String
    @Field(key: "period_code") var periodCode: String
    @Field(key: "indicator_code") var indicatorCode: String
    @Field(key: "office_code") var officeCode: String
    /// The computed status when it was written (to tell when it has gone stale).
    @Field(key: "computed_status") var computedStatus: String
    @Field(key: "status") var status: String
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "analysis") var analysis: String
    @Field(key: "measures") var measures: String
    @Field(key: "author") var author: String
    @Field(key: "written_at") var writtenAt: Date

    init() {}

    /// The stored assessment as the domain reads it; nil for a status this release does not know.
    func toDomain() -> LeadAssessment? {
        guard let computed = EvaluationStatus(rawValue: computedStatus), let chosen = EvaluationStatus(rawValue: status) else { return nil }
        return LeadAssessment(computedStatus: computed, status: chosen, reason: reason, analysis: analysis, measures: measures)
    }

    /// The fields as the change log records them.
    var fields: [String: String?] {
        ["office": officeCode, "computedStatus": computedStatus, "status": status, "reason": reason, "analysis": analysis, "measures": measures]
    }
}

struct CreateLeadAssessments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LeadAssessmentRecord.schema)
            .id()
            .field("plan_code", .string, .required)
            .field("period_code", .string, .required)
            .field("indicator_code", .string, .required)
            .field("office_code", .string, .required)
            .field("computed_status", .string, .required)
            .field("status", .string, .required)
            .field("reason", .string)
            .field("analysis", .string, .required)
            .field("measures", .string, .required)
            .field("author", .string, .required)
            .field("written_at", .datetime, .required)
            .unique(on: "plan_code", "period_code", "indicator_code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LeadAssessmentRecord.schema).delete()
    }
}
