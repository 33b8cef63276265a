import Planning
import Vapor

/// The indicator register: groups I–IV, each indicator with unit, the five milestones as written, lead office.
struct RegisterPage: Encodable {
    struct Group: Encodable {
        let code: String
        let name: String
        let indicators: [Row]
    }

    struct Cell: Encodable {
        let year: Int
        let text: String
    }

    struct Row: Encodable {
        let code: String
        let number: Int
        let name: String
        let unit: String
        let milestones: [Cell]
        let leadOffice: String
        let implementers: String
    }

    let layout: Layout
    let planTitle: String
    let years: [Int]
    let groups: [Group]
    let count: Int

    init(_ req: Request, plan: PlanRecord, groups: [IndicatorGroupRecord], indicators: [Indicator], offices: [String: String]) {
        let language = req.language
        layout = Layout(req, title: Localizer.text("register.title", language))
        planTitle = plan.title
        years = plan.milestoneYears
        self.groups = groups.sorted { $0.position < $1.position }.compactMap { group in
            let rows = indicators.filter { $0.group == group.code }.map { indicator in
                Row(code: indicator.code, number: indicator.number, name: indicator.name, unit: indicator.unit ?? "",
                    milestones: plan.milestoneYears.map { Cell(year: $0, text: indicator.target(in: $0)?.text ?? "") },
                    leadOffice: indicator.leadOfficeText, implementers: indicator.implementers)
            }
            return rows.isEmpty ? nil : Group(code: group.code, name: group.name, indicators: rows)
        }
        count = indicators.count
    }
}

/// One indicator: what it is, how it is measured, its milestones and its year-by-year trajectory.
struct IndicatorPage: Encodable {
    struct Milestone: Encodable {
        let year: Int
        let text: String
        let meaning: String
    }

    struct Year: Encodable {
        let year: Int
        let expected: String
        let milestone: Bool
    }

    let layout: Layout
    let code: String
    let number: Int
    let name: String
    let unit: String
    let group: String
    let leadOffice: String
    let leadOffices: [String]
    let implementers: String
    let measure: String
    let aggregation: String
    let reporters: String
    let scale: [String]
    let note: String
    let milestones: [Milestone]
    let years: [Year]
    let chart: TrajectoryChart?
    /// The Ban Chỉ đạo's directives about this indicator (set by the controller).
    var directives: DirectiveBlock?

    init(_ req: Request, plan: PlanRecord, groups: [IndicatorGroupRecord], indicator: Indicator, offices: [String: String]) {
        let language = req.language
        let style = language.numbers
        layout = Layout(req, title: "\(indicator.number). \(indicator.name)")
        code = indicator.code
        number = indicator.number
        name = indicator.name
        unit = indicator.unit ?? "—"
        group = groups.first { $0.code == indicator.group }.map { "\($0.code). \($0.name)" } ?? indicator.group
        leadOffice = indicator.leadOfficeText
        leadOffices = indicator.leadOffices.map { offices[$0] ?? $0 }
        implementers = indicator.implementers
        measure = Localizer.text("measure.\(indicator.measure.rawValue)", language)
        aggregation = Localizer.text("aggregation.\(indicator.aggregation.rawValue)", language)
        reporters = Localizer.text("reporters.\(indicator.reporters.rawValue)", language)
        scale = indicator.scale
        note = indicator.note ?? ""
        milestones = indicator.targets.map { milestone in
            let kind = Localizer.text("target.\(milestone.target.kind.rawValue)", language)
            let meaning = milestone.target.kind == .none ? kind : "\(kind): \(style.describe(milestone.target))"
            return Milestone(year: milestone.year, text: milestone.text.isEmpty ? Localizer.text("target.blank", language) : milestone.text, meaning: meaning)
        }
        let years = Self.years(plan: plan, indicator: indicator)
        self.years = years.map { Year(year: $0.year, expected: style.describe($0.target), milestone: $0.isMilestone) }
        chart = TrajectoryChart(years: years.map { ($0.year, $0.target, $0.isMilestone) }, scale: indicator.scale, style: style)
    }

    /// Every year from the first to the last milestone, with the cell text on milestone years.
    static func years(plan: PlanRecord, indicator: Indicator) -> [(year: Int, target: Target, isMilestone: Bool, text: String?)] {
        guard let first = plan.milestoneYears.min(), let last = plan.milestoneYears.max() else { return [] }
        return Trajectory.years(first, through: last, milestones: indicator.targets).map { entry in
            (entry.year, entry.target, entry.isMilestone, indicator.target(in: entry.year)?.text)
        }
    }
}
