import Fluent
import Foundation
import Planning

/// One organisation's report for one cycle (báo cáo định kỳ của đơn vị), as stored.
final class ReportRecord: Model, @unchecked Sendable {
    static let schema = "reports"

    @ID(key: .id) var id: UUID?
    @Parent(key: "cycle_id") var cycle: CycleRecord
    @Field(key: "organisation_code") var organisationCode: String
    @Field(key: "state") var state: String
    /// Raised by every change; a save must name the version it started from (two people, one report).
    @Field(key: "version") var version: Int
    @OptionalField(key: "results") var results: String?
    @OptionalField(key: "difficulties") var difficulties: String?
    @OptionalField(key: "proposals") var proposals: String?
    /// First submission: timeliness counts this one.
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "last_submitted_at") var lastSubmittedAt: Date?
    @OptionalField(key: "submitted_by") var submittedBy: String?
    @OptionalField(key: "approved_at") var approvedAt: Date?
    @OptionalField(key: "approved_by") var approvedBy: String?
    /// The reason of the latest return (or reopening), shown to the unit.
    @OptionalField(key: "return_reason") var returnReason: String?
    @OptionalField(key: "returned_at") var returnedAt: Date?
    @OptionalField(key: "returned_by") var returnedBy: String?
    @OptionalField(key: "locked_at") var lockedAt: Date?
    /// The unit head who signed the report and sent it to the Department (units with a head), and when; cleared
    /// when the reporter sends it to the head again.
    @OptionalField(key: "signed_by") var signedBy: String?
    @OptionalField(key: "signed_at") var signedAt: Date?
    @OptionalField(key: "updated_by") var updatedBy: String?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Children(for: \.$report) var values: [ReportValueRecord]

    init() {}

    init(cycleID: UUID, organisationCode: String) {
        $cycle.id = cycleID
        self.organisationCode = organisationCode
        state = ReportState.draft.rawValue
        version = 1
    }

    var reportState: ReportState { ReportState(rawValue: state) ?? .draft }
}

/// One value of a report: the fields its indicator's measure uses, a comment by the unit, and the lead
/// office's review comment.
final class ReportValueRecord: Model, @unchecked Sendable {
    static let schema = "report_values"

    @ID(key: .id) var id: UUID?
    @Parent(key: "report_id") var report: ReportRecord
    @Field(key: "indicator_code") var indicatorCode: String
    @OptionalField(key: "numerator") var numerator: Double?
    @OptionalField(key: "denominator") var denominator: Double?
    @OptionalField(key: "amount") var amount: Double?
    @OptionalField(key: "answer") var answer: Bool?
    @OptionalField(key: "level") var level: String?
    @OptionalField(key: "comment") var comment: String?
    @OptionalField(key: "review_comment") var reviewComment: String?
    @OptionalField(key: "reviewed_by") var reviewedBy: String?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?
    @OptionalField(key: "updated_by") var updatedBy: String?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(reportID: UUID, indicatorCode: String) {
        $report.id = reportID
        self.indicatorCode = indicatorCode
    }

    /// The value as counted: nil while not (completely) filled in, and nil for a stored number outside its domain
    /// (written before the domain was enforced), which is shown as invalid instead (`isOutOfDomain`).
    var value: ReportedValue? { storedValue.flatMap { $0.isWithinDomain ? $0 : nil } }

    /// A stored number beyond `NumberDomain.quantity` (1e307, infinity): shown as invalid, never summed.
    var isOutOfDomain: Bool { storedValue.map { !$0.isWithinDomain } ?? false }

    /// The value in the domain's shape as stored, whatever its numbers.
    private var storedValue: ReportedValue? {
        Self.stored(numerator: numerator, denominator: denominator, amount: amount, answer: answer, level: level)
    }

    /// The stored fields in the domain's shape: a ratio when both parts are there, else a count, an answer, a level.
    static func stored(numerator: Double?, denominator: Double?, amount: Double?, answer: Bool?, level: String?) -> ReportedValue? {
        if let numerator, let denominator { return .ratio(numerator: numerator, denominator: denominator) }
        if let amount { return .count(amount) }
        if let answer { return .yesNo(answer) }
        if let level { return .level(level) }
        return nil
    }

    func set(_ value: ValueEntry) {
        numerator = value.numerator
        denominator = value.denominator
        amount = value.amount
        answer = value.answer
        level = value.level
        comment = value.comment
    }

    var entry: ValueEntry {
        ValueEntry(numerator: numerator, denominator: denominator, amount: amount, answer: answer, level: level, comment: comment)
    }
}

/// Who moved a report and when (a line of its history).
final class ReportEventRecord: Model, @unchecked Sendable {
    static let schema = "report_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "report_id") var report: ReportRecord
    @Field(key: "action") var action: String
    @Field(key: "from_state") var fromState: String
    @Field(key: "to_state") var toState: String
    @Field(key: "actor") var actor: String
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "at") var at: Date

    init() {}

    init(reportID: UUID, action: ReportAction, from: ReportState, to: ReportState, actor: String, reason: String?, at: Date) {
        $report.id = reportID
        self.action = action.rawValue
        fromState = from.rawValue
        toState = to.rawValue
        self.actor = actor
        self.reason = reason
        self.at = at
    }
}
