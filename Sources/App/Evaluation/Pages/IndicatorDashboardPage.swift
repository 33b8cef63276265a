import Fluent
import Planning
import Vapor

/// One indicator's dashboard: its trend against the milestone targets and the trajectory, its value by unit
/// (sortable by gap, value or code) and the share of units behind, for the period and scope in the URL.
struct IndicatorDashboardPage: Encodable {
    struct PeriodRow: Encodable {
        let period: String
        let text: AssessmentText
    }

    struct UnitRow: Encodable {
        let code: String
        let name: String
        let text: AssessmentText
        /// For a sector total, the unit's share of the scope's total (`25 % tổng toàn ngành`); else empty.
        let share: String
    }

    let layout: Layout
    let filters: DashboardFilters
    let summary: AssessmentText
    let unit: String
    let lead: String
    let measure: String
    let chart: TrendChart?
    let periods: [PeriodRow]
    let units: [UnitRow]
    let sort: String
    let sorts: [Choice]
    let behind: String
    /// The baseline and the lead office's assessments.
    let leadAssessment: IndicatorLeadBlock

    static let sortOrders = ["gap", "value", "code"]

    init(_ req: Request) async throws {
        let language = req.language
        let style = language.numbers
        let query = try req.query.decode(EvaluationSnapshot.Query.self)
        let user = try req.requireUser()
        let code = (req.parameters.get("code") ?? "").uppercased()
        let snapshot = try await EvaluationSnapshot.load(query, user: user, on: req.db, coverageThreshold: req.application.settings.coverageThreshold,
                                                         perUnit: true, unitIndicators: [code])
        guard let index = snapshot.indicators.firstIndex(where: { $0.code == code }) else { throw AppError.indicatorNotFound(code) }
        let indicator = snapshot.indicators[index]
        layout = Layout(req, title: "\(indicator.code) — \(indicator.name)")
        filters = try await DashboardFilters(snapshot, query, user: user, language: language, on: req.db)
        let names = Dictionary(snapshot.scope.organisations.map { ($0.code, $0.name) }) { first, _ in first }
        summary = AssessmentText(snapshot.assessments[index], indicator: indicator, language: language, names: names)
        unit = indicator.unit ?? ""
        lead = indicator.leadOfficeText
        measure = Localizer.text("measure.\(indicator.measure.rawValue)", language)
        let series = snapshot.series(indicator)
        let nextMilestone = AssessmentText.milestone(indicator, year: snapshot.period.year)?.year ?? snapshot.period.year
        chart = TrendChart(indicator: indicator, series: series.map { ($0.period, $0.value?.comparable) }, through: nextMilestone, style: style)
        periods = series.reversed().map { PeriodRow(period: CycleText.period($0.period.code, language), text: AssessmentText($0, indicator: indicator, language: language)) }
        let readable = snapshot.units(indicator).filter { AccessPolicy.mayReadData(role: user.role, own: user.organisationCode, other: $0.organisation.code) }
        let order = req.query[String.self, at: "sort"].flatMap { Self.sortOrders.contains($0) ? $0 : nil } ?? "gap"
        sort = order
        let whole = snapshot.assessments[index]
        units = Self.sorted(readable, by: order).map {
            UnitRow(code: $0.organisation.code, name: $0.organisation.name, text: AssessmentText($0.assessment, indicator: indicator, language: language),
                    share: AssessmentText.share($0.assessment, of: whole, language: language))
        }
        sorts = Self.sortOrders.map { Choice(value: $0, label: Localizer.text("dashboard.sort.\($0)", language), selected: $0 == order) }
        let share = BehindShare(readable.map(\.assessment))
        behind = AssessmentText.behind(share, style: style)
        leadAssessment = try await IndicatorLeadBlock(req, indicator: indicator, page: snapshot)
    }

    /// Most behind first (the largest shortfall), then by value; units without data always last.
    static func sorted(_ rows: [(organisation: Organisation, assessment: Assessment)], by order: String) -> [(organisation: Organisation, assessment: Assessment)] {
        func number(_ a: Assessment) -> Double? {
            switch a.value?.comparable { case .number(let n)?: n; case .level(let r)?: Double(r); case nil: nil }
        }
        switch order {
        case "code": return rows.sorted { $0.organisation.code < $1.organisation.code }
        case "value": return rows.sorted { (number($0.assessment) ?? -.infinity, $1.organisation.code) > (number($1.assessment) ?? -.infinity, $0.organisation.code) }
        default:
            return rows.sorted { lhs, rhs in
                switch (lhs.assessment.evaluation.gap, rhs.assessment.evaluation.gap) {
                case let (l?, r?): l == r ? lhs.organisation.code < rhs.organisation.code : l < r
                case (.some, nil): true
                case (nil, .some): false
                case (nil, nil): lhs.organisation.code < rhs.organisation.code
                }
            }
        }
    }
}
