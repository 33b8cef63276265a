import Fluent
import Planning
import Vapor

/// One organisation's dashboard: each indicator it reports, its value for the period held against its own plan
/// (the unit's targets, where it set them) and against the sector's, beside the sector's value.
struct UnitDashboardPage: Encodable {
    struct Row: Encodable {
        let text: AssessmentText
        /// The unit's own milestone (`2030: ≥ 90`), empty when it set none.
        let ownMilestone: String
        /// Judged against the unit's plan; nil when it set no target.
        let own: AssessmentText?
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
        let style: NumberStyle = language == .vietnamese ? .vietnamese : .english
        let user = try req.requireUser()
        var query = try req.query.decode(EvaluationSnapshot.Query.self)
        let organisation = try await UnitPlans.organisation(req.parameters.get("org"), on: req.db)
        guard AccessPolicy.mayReadData(role: user.role, own: user.organisationCode, other: organisation.code) else { throw AppError.forbidden }
        query.org = organisation.code
        query.kind = nil
        let unitSnapshot = try await EvaluationSnapshot.load(query, user: user, on: req.db)
        let sector = try await EvaluationSnapshot.load(.init(period: query.period, lead: query.lead, include: query.include, plan: query.plan), user: user, on: req.db)
        layout = Layout(req, title: organisation.name)
        filters = try await DashboardFilters(unitSnapshot, query, user: user, language: language, fixedScope: true, on: req.db)
        self.organisation = organisation.name
        code = organisation.code
        let stored = try await UnitTargetRecord.query(on: req.db).filter(\.$planCode == unitSnapshot.plan.code)
            .filter(\.$organisationCode == organisation.code).all()
        var rows: [Row] = []
        var tally: [EvaluationStatus: Int] = [:]
        for (index, indicator) in unitSnapshot.indicators.enumerated() where indicator.reporters.includes(organisation) {
            let assessment = unitSnapshot.assessments[index]
            let own = stored.filter { $0.indicatorCode == indicator.code }.compactMap { record -> MilestoneTarget? in
                guard case .success(let target) = UnitPlan.target(record.text, for: indicator), target.kind != .none else { return nil }
                return MilestoneTarget(year: record.year, text: record.text, target: target)
            }
            let ownAssessment = own.isEmpty ? nil : unitSnapshot.assess(indicator.heldAgainst(own))
            tally[(ownAssessment ?? assessment).evaluation.status, default: 0] += 1
            let ownMilestone = AssessmentText.milestone(indicator.heldAgainst(own), year: unitSnapshot.period.year)
            rows.append(Row(text: AssessmentText(assessment, indicator: indicator, language: language),
                            ownMilestone: own.isEmpty ? "" : ownMilestone.map { "\($0.year): \(style.describe($0.target))" } ?? "",
                            own: ownAssessment.map { AssessmentText($0, indicator: indicator, language: language) },
                            sector: AssessmentText(sector.assessments[index], indicator: indicator, language: language)))
        }
        self.rows = rows
        counts = DashboardPage.Count.all(tally, language)
        directives = try await DirectiveBlock(req, kind: "organisation", code: code)
    }
}
