import Planning
import Vapor

/// The coordinator's page for the text of the report to the People's Committee, with the downloads.
struct SummaryReportPage: Encodable {
    let layout: Layout
    let filters: DashboardFilters
    let draft: SummaryReports.Draft
    let saved: Bool
    let justSaved: Bool
    let error: String?
    let counts: [DashboardPage.Count]
    let signoff: SummarySignoffPanel

    init(_ req: Request, draft typed: SummaryReports.Draft? = nil, error: String? = nil) async throws {
        let language = req.language
        let user = try req.requireUser()
        let query = try req.query.decode(EvaluationSnapshot.Query.self)
        let snapshot = try await EvaluationSnapshot.load(query, user: user, on: req.db, coverageThreshold: req.application.settings.coverageThreshold)
        layout = Layout(req, title: Localizer.text("summary.title", language))
        filters = try await DashboardFilters(snapshot, query, user: user, language: language, on: req.db)
        let (stored, saved) = try await SummaryReports.draft(plan: snapshot.plan.code, period: snapshot.period, today: Day(Date()), on: req.db)
        draft = typed ?? stored
        self.saved = saved
        justSaved = req.query[String.self, at: "saved"] == "1" && error == nil
        self.error = error
        counts = DashboardPage.Count.all(snapshot.statusCounts, language)
        signoff = try await SummarySignoffPanel(req, plan: snapshot.plan.code, period: snapshot.period)
    }
}
