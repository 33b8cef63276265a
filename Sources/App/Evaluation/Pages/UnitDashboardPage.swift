import Fluent
import Planning
import Vapor

/// One organisation's dashboard: each indicator it reports, its value for the period judged against what applies to a
/// unit (`AssessmentScope`: its own plan where it set targets, else the sector's; a sector total never), beside the
/// sector's value and, for a sector total, the unit's share of it.
struct UnitDashboardPage: Encodable {
    struct Row: Encodable {
        /// The unit judged as a unit.
        let text: AssessmentText
        /// The unit's own milestone (`2030: ≥ 90`), empty when it set none.
        let ownMilestone: String
        /// For a sector total, the unit's share of it (`25 % tổng toàn ngành`); else empty.
        let share: String
        let sector: AssessmentText
    }

    let layout: Layout
    let filters: DashboardFilters
    let organisation: String
    let code: String
    let rows: [Row]
    let counts: [DashboardPage.Count]
    /// The Ban Chỉ đạo's directives about this unit.
    var directives: DirectiveBlock?

    init(_ req: Request) async throws {
        let language = req.language
        let style = language.numbers
        let user = try req.requireUser()
        var query = try req.query.decode(EvaluationSnapshot.Query.self)
        let organisation = try await UnitPlans.organisation(req.parameters.get("org"), on: req.db)
        guard AccessPolicy.mayReadData(role: user.role, own: user.organisationCode, other: organisation.code) else { throw AppError.forbidden }
        query.org = organisation.code
        query.kind = nil
        let unitSnapshot = try await EvaluationSnapshot.load(query, user: user, on: req.db, coverageThreshold: req.application.settings.coverageThreshold)
        let sector = try await EvaluationSnapshot.load(.init(period: query.period, lead: query.lead, include: query.include, plan: query.plan), user: user, on: req.db, coverageThreshold: req.application.settings.coverageThreshold)
        layout = Layout(req, title: organisation.name)
        filters = try await DashboardFilters(unitSnapshot, query, user: user, language: language, fixedScope: true, on: req.db)
        self.organisation = organisation.name
        code = organisation.code
        var rows: [Row] = []
        var tally: [EvaluationStatus: Int] = [:]
        for (index, indicator) in unitSnapshot.indicators.enumerated() where indicator.reporters.includes(organisation) {
            let assessment = unitSnapshot.assessments[index]
            tally[assessment.evaluation.status, default: 0] += 1
            let own = unitSnapshot.ownTargets[indicator.code]?[organisation.code] ?? []
            let ownMilestone = AssessmentText.milestone(indicator.judged(as: .unit(own: own)).indicator, year: unitSnapshot.period.year)
            rows.append(Row(text: AssessmentText(assessment, indicator: indicator, language: language),
                            ownMilestone: own.isEmpty ? "" : ownMilestone.map { "\($0.year): \(style.describe($0.target))" } ?? "",
                            share: AssessmentText.share(assessment, of: sector.assessments[index], language: language),
                            sector: AssessmentText(sector.assessments[index], indicator: indicator, language: language)))
        }
        self.rows = rows
        counts = DashboardPage.Count.all(tally, language)
        directives = try await DirectiveBlock(req, kind: "organisation", code: code)
    }
}
