import Foundation

/// Tính đầy đủ và kịp thời — a cycle's reporting figures.
public struct CycleStatistics: Sendable, Equatable {
    public let expected: Int
    public let submitted: Int
    public let approved: Int
    public let late: Int
    public let missing: Int
    /// Submitted / expected, in %; nil when nobody is expected.
    public let completeness: Double?
    /// On time / expected, in %; nil when nobody is expected.
    public let timeliness: Double?

    /// What each expected organisation did. Organisations not expected are ignored, so neither figure
    /// can pass 100 %.
    public struct Submission: Sendable {
        public let organisation: String
        /// First submission; nil if never submitted.
        public let submittedAt: Date?
        /// When the coordinator approved it; nil if not (yet) approved. Kept when the report is locked.
        public let approvedAt: Date?

        public init(organisation: String, submittedAt: Date?, approvedAt: Date?) {
            self.organisation = organisation
            self.submittedAt = submittedAt
            self.approvedAt = approvedAt
        }
    }

    /// - Parameter due: the cycle's due day; a submission from its first instant (Việt Nam time) on is late
    ///   (`ReportingCycleRules.isLate`) and still counts as submitted.
    public static func compute(expected: Set<String>, submissions: [Submission], due: Day) -> CycleStatistics {
        let relevant = submissions.filter { expected.contains($0.organisation) }
        let sent = relevant.filter { $0.submittedAt != nil }
        let late = sent.filter { $0.submittedAt.map { ReportingCycleRules.isLate($0, due: due) } ?? false }.count
        let count = expected.count
        func percent(_ n: Int) -> Double? { count == 0 ? nil : 100 * Double(n) / Double(count) }
        return CycleStatistics(
            expected: count, submitted: sent.count,
            approved: relevant.filter { $0.approvedAt != nil }.count,
            late: late, missing: count - sent.count,
            completeness: percent(sent.count), timeliness: percent(sent.count - late))
    }
}
