import Planning
import Vapor

struct ReportSummaryDTO: Content {
    let id: UUID
    let cycle: UUID
    let period: String
    let organisation: String
    let state: String
    let version: Int
    @Nullable var submittedAt: Date?
    let late: Bool
    @Nullable var approvedAt: Date?
    /// The unit head who signed and sent it (units with a head), and when.
    @Nullable var signedBy: String?
    @Nullable var signedAt: Date?

    init(_ report: ReportRecord, cycle: CycleRecord) throws {
        id = try report.requireID()
        self.cycle = try cycle.requireID()
        period = cycle.periodCode
        organisation = report.organisationCode
        state = report.state
        version = report.version
        submittedAt = report.submittedAt
        late = report.submittedAt.map { ReportingCycleRules.isLate($0, due: cycle.dates.due) } ?? false
        approvedAt = report.approvedAt
        signedBy = report.signedBy
        signedAt = report.signedAt
    }
}

struct ReportDTO: Content {
    struct Value: Content {
        let indicator: String
        let measure: String
        /// The target expected in the period's year, as written (`≥ 80`, a level …).
        let target: String
        @Nullable var numerator: Double?
        @Nullable var denominator: Double?
        @Nullable var amount: Double?
        @Nullable var answer: Bool?
        @Nullable var level: String?
        /// 100 × numerator / denominator for ratios.
        @Nullable var percent: Double?
        @Nullable var comment: String?
        @Nullable var reviewComment: String?
        @Nullable var previous: String?
    }

    struct Event: Content {
        let action: String
        let from: String
        let to: String
        let actor: String
        @Nullable var reason: String?
        let at: Date
    }

    let report: ReportSummaryDTO
    let due: String
    @Nullable var results: String?
    @Nullable var difficulties: String?
    @Nullable var proposals: String?
    @Nullable var returnReason: String?
    let values: [Value]
    let events: [Event]

    init(_ context: ReportContext, events: [ReportEventRecord]) throws {
        let report = context.report
        self.report = try ReportSummaryDTO(report, cycle: context.cycle)
        due = context.cycle.dueOn
        results = context.showsNarrative ? report.results : nil
        difficulties = context.showsNarrative ? report.difficulties : nil
        proposals = context.showsNarrative ? report.proposals : nil
        returnReason = report.returnReason
        let year = context.period?.year ?? 0
        values = context.indicators.map { indicator in
            let stored = context.values[indicator.code]
            let entry = stored?.entry ?? ValueEntry()
            let percent = entry.numerator.flatMap { n in entry.denominator.flatMap { $0 > 0 ? 100 * n / $0 : nil } }.flatMap { $0.isFinite ? $0 : nil }
            return Value(indicator: indicator.code, measure: indicator.measure.rawValue,
                         target: NumberStyle.vietnamese.describe(indicator.expected(in: year)),
                         numerator: entry.numerator, denominator: entry.denominator, amount: entry.amount, answer: entry.answer,
                         level: entry.level, percent: percent, comment: entry.comment, reviewComment: stored?.reviewComment,
                         previous: context.previous[indicator.code].map { ReportText.value($0, .vietnamese) })
        }
        self.events = events.map { Event(action: $0.action, from: $0.fromState, to: $0.toState, actor: $0.actor, reason: $0.reason, at: $0.at) }
    }
}

struct ValueHistoryDTO: Content {
    struct Change: Content {
        let at: String
        let actor: String
        let field: String
        @Nullable var oldValue: String?
        @Nullable var newValue: String?
        @Nullable var reason: String?
    }

    let report: UUID
    let indicator: String
    let changes: [Change]
}
