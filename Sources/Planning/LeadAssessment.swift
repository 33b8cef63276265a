import Foundation

/// Đánh giá của cơ quan chủ trì — a lead office's own assessment of an indicator it leads, for one period: it confirms
/// the computed status or sets another with a reason, and writes its analysis ("Phân tích, đánh giá") and the measures
/// it proposes ("Giải pháp, kiến nghị").
public struct LeadAssessment: Sendable, Hashable {
    /// The computed status when the assessment was written.
    public let computedStatus: EvaluationStatus
    /// The status the office gives: the computed one (confirmed) or another.
    public let status: EvaluationStatus
    /// Why the office departs from the computed status; nil when it confirms it.
    public let reason: String?
    public let analysis: String
    public let measures: String

    public static let maximumReasonLength = 1_000
    public static let maximumTextLength = 5_000

    /// What the office typed: `status` nil confirms the computed status.
    public struct Draft: Sendable, Hashable {
        public var status: EvaluationStatus?
        public var reason: String
        public var analysis: String
        public var measures: String

        public init(status: EvaluationStatus?, reason: String, analysis: String, measures: String) {
            self.status = status
            self.reason = reason
            self.analysis = analysis
            self.measures = measures
        }
    }

    /// What makes a draft not an assessment, by field.
    public enum Problem: Error, Sendable, Hashable {
        /// A status that is not a judgement for this period (e.g. "met" in a period judged against the trajectory).
        case statusNotChoosable(EvaluationStatus, allowed: [EvaluationStatus])
        /// A status other than the computed one without a reason.
        case reasonRequired
        case analysisRequired
        case tooLong(field: String, maximum: Int)
    }

    /// The statuses an office may set: a milestone year's closing period is judged exceeded / met / not met; any
    /// other period on track / behind. (No data, no target and no baseline are facts, not judgements.)
    public static func choices(isFinal: Bool) -> [EvaluationStatus] {
        isFinal ? [.exceeded, .met, .notMet] : [.onTrack, .behind]
    }

    /// Checks `draft` against the computed status of the period: a status that differs needs a reason and must be
    /// one of `choices(isFinal:)`; the analysis is required; every text within its length. Texts are trimmed.
    public static func check(_ draft: Draft, computed: EvaluationStatus, isFinal: Bool) -> Result<LeadAssessment, Problems<Problem>> {
        var problems: [Problem] = []
        let reason = draft.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        let analysis = draft.analysis.trimmingCharacters(in: .whitespacesAndNewlines)
        let measures = draft.measures.trimmingCharacters(in: .whitespacesAndNewlines)
        let status = draft.status ?? computed
        let changed = status != computed
        if changed {
            let allowed = choices(isFinal: isFinal)
            if !allowed.contains(status) { problems.append(.statusNotChoosable(status, allowed: allowed)) }
            if reason.isEmpty { problems.append(.reasonRequired) }
        }
        if analysis.isEmpty { problems.append(.analysisRequired) }
        if reason.count > maximumReasonLength { problems.append(.tooLong(field: "reason", maximum: maximumReasonLength)) }
        if analysis.count > maximumTextLength { problems.append(.tooLong(field: "analysis", maximum: maximumTextLength)) }
        if measures.count > maximumTextLength { problems.append(.tooLong(field: "measures", maximum: maximumTextLength)) }
        guard problems.isEmpty else { return .failure(Problems(problems)) }
        return .success(LeadAssessment(computedStatus: computed, status: status, reason: changed ? reason : nil,
                                       analysis: analysis, measures: measures))
    }

    public init(computedStatus: EvaluationStatus, status: EvaluationStatus, reason: String?, analysis: String, measures: String) {
        self.computedStatus = computedStatus
        self.status = status
        self.reason = reason
        self.analysis = analysis
        self.measures = measures
    }

    /// Whether the office set a status other than the computed one.
    public var changesStatus: Bool { status != computedStatus }

    /// Stale: the computed status has changed since the assessment was written (values approved or corrected later),
    /// so the office should look again ("Trạng thái tính toán đã thay đổi từ khi đánh giá").
    public func isStale(now current: EvaluationStatus) -> Bool { current != computedStatus }

    /// A text cut to at most `limit` characters at a word boundary, with "…" when cut; whitespace collapsed.
    public static func summary(_ text: String, limit: Int = 300) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace })
        let collapsed = words.joined(separator: " ")
        guard collapsed.count > limit, limit > 1 else { return collapsed }
        var result = ""
        for word in words {
            let next = result.isEmpty ? String(word) : result + " " + word
            if next.count > limit - 1 { break }
            result = next
        }
        if result.isEmpty { result = String(collapsed.prefix(limit - 1)) }
        return result + "…"
    }
}
