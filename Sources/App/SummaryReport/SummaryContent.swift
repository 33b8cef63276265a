import Fluent
import Foundation
import Planning
import Vapor

/// Everything the documents say, gathered once: the evaluation snapshot (the same figures as the dashboard and the
/// API), the coordinator's text, and who reported in the period. Documents are written in Vietnamese, the language
/// the report is sent in.
struct SummaryContent: Sendable {
    struct Submission: Sendable {
        let organisation: Organisation
        let state: ReportState
        let submittedAt: Date?
        let approvedAt: Date?
        let isLate: Bool
    }

    let snapshot: EvaluationSnapshot
    let draft: SummaryReports.Draft
    /// One per indicator, in plan order, as the dashboard words it.
    let texts: [AssessmentText]
    let statistics: CycleStatistics?
    /// The cycle's due day (reports are due before it), when the period has a cycle.
    let due: Day?
    let submissions: [Submission]
    /// The tasks of Appendix II and the funding of section III.
    let annexes: SummaryAnnexes
    /// Organisation names by code (the units carried forward, the narratives).
    let names: [String: String]
    let planTitle: String
    let planIssuer: String
    let planIssuedOn: String
    let periodLabel: String
    let scopeLabel: String
    /// The lead offices' own assessments of the period, by indicator code.
    var leadAssessments: [String: LeadAssessmentText] = [:]

    static let language = Language.vietnamese
    static let style = NumberStyle.vietnamese

    static func load(_ req: Request) async throws -> SummaryContent {
        let query = try req.query.decode(EvaluationSnapshot.Query.self)
        let snapshot = try await EvaluationSnapshot.load(query, user: req.requireUser(), on: req.db, coverageThreshold: req.application.settings.coverageThreshold, perUnit: true)
        let draft = try await SummaryReports.draft(plan: snapshot.plan.code, period: snapshot.period, today: Day(Date()), on: req.db).draft
        let day = DayInput.parse(draft.date) ?? Day(Date())
        let annexes = try await SummaryAnnexes.load(snapshot, on: day, db: req.db)
        let names = Dictionary(try await Directory.all(on: req.db).map { ($0.code, $0.name) }) { first, _ in first }
        var statistics: CycleStatistics?
        var due: Day?
        var submissions: [Submission] = []
        if let cycle = try await CycleRecord.query(on: req.db).filter(\.$planCode == snapshot.plan.code).filter(\.$periodCode == snapshot.period.code).first() {
            let reports = try await ReportRecord.query(on: req.db).filter(\.$cycle.$id == cycle.requireID()).sort(\.$organisationCode).all()
            statistics = Cycles.statistics(cycle, reports: reports)
            due = cycle.dates.due
            let organisations = Dictionary(try await Directory.all(on: req.db).map { ($0.code, $0.toDomain()) }) { first, _ in first }
            submissions = reports.compactMap { report in
                organisations[report.organisationCode].map {
                    Submission(organisation: $0, state: report.reportState, submittedAt: report.submittedAt, approvedAt: report.approvedAt,
                               isLate: report.submittedAt.map { ReportingCycleRules.isLate($0, due: cycle.dates.due) } ?? false)
                }
            }
        }
        let leadAssessments = try await LeadAssessments.stored(snapshot, on: req.db).mapValues { LeadAssessmentText($0.record, stale: $0.stale, language: language) }
        return SummaryContent(snapshot: snapshot, draft: draft,
                              texts: zip(snapshot.assessments, snapshot.indicators).map { AssessmentText($0, indicator: $1, language: language, names: names) },
                              statistics: statistics, due: due, submissions: submissions, annexes: annexes, names: names,
                              planTitle: snapshot.plan.title, planIssuer: snapshot.plan.issuer,
                              planIssuedOn: snapshot.plan.issuedOn, periodLabel: CycleText.period(snapshot.period.code, language),
                              scopeLabel: DashboardPage.scopeLabel(snapshot, query, language), leadAssessments: leadAssessments)
    }

    /// `bao-cao-chi-tieu-2026NovS2.docx`
    func fileName(_ ext: String) -> String { "bao-cao-chi-tieu-\(snapshot.period.code).\(ext)" }

    /// The period in words for the subject line: "6 tháng đầu năm 2026" or "năm 2026".
    var periodWords: String {
        snapshot.period.half == .first ? "6 tháng đầu năm \(snapshot.period.year)" : "năm \(snapshot.period.year)"
    }
}
