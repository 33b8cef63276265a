import Fluent
import Planning
import Vapor

/// Bảng điều khiển — the plan at a glance for a period and scope: groups I–IV, each indicator with its value,
/// what it is held against, its status (words, icon and colour) and a sparkline of its periods; counts by status;
/// the cycle's completeness and timeliness.
struct DashboardPage: Encodable {
    struct Row: Encodable {
        let code: String
        let name: String
        let value: String
        let expected: String
        let milestone: String
        let status: String
        let statusLabel: String
        let icon: String
        let gap: String
        let reporting: String
        let forecast: String
        /// SVG polyline points of the value per period (empty with fewer than two values).
        let spark: String
    }

    struct Group: Encodable {
        let code: String
        let name: String
        let rows: [Row]
    }

    struct Count: Encodable {
        let status: String
        let label: String
        let icon: String
        let count: Int
    }

    let layout: Layout
    let period: String
    let periods: [Choice]
    let organisations: [Choice]
    let provisional: Bool
    let counts: [Count]
    let groups: [Group]
    let statistics: StatisticsView?
    let cycleID: String?

    static let icons: [EvaluationStatus: String] = [.exceeded: "▲", .met: "✔", .onTrack: "➚", .behind: "➘", .notMet: "✖", .noData: "…", .noTarget: "—"]

    init(_ req: Request) async throws {
        let language = req.language
        let style: NumberStyle = language == .vietnamese ? .vietnamese : .english
        let query = try req.query.decode(EvaluationController.Query.self)
        let user = try req.requireUser()
        let include = try EvaluationController.include(query.include)
        let period = try await EvaluationController.period(query.period, on: req.db)
        let scope = try await EvaluationController.scope(query, user: user, on: req.db)
        let (plan, indicators) = try await IndicatorQueries.list(.init(plan: query.plan), on: req.db)
        let values = try await EvaluationQueries.values(plan: plan.code, upTo: period, include: include, on: req.db)
        let cycles = try await CycleRecord.query(on: req.db).filter(\.$planCode == plan.code).sort(\.$periodCode).all()
        let periods = cycles.compactMap(\.period).filter { $0 <= period }
        layout = Layout(req, title: Localizer.text("dashboard.title", language))
        self.period = CycleText.period(period.code, language)
        self.periods = cycles.reversed().map { Choice(value: $0.periodCode, label: CycleText.period($0.periodCode, language), selected: $0.periodCode == period.code) }
        let all = try await Directory.all(on: req.db)
        organisations = [Choice(value: "", label: Localizer.text("dashboard.sector", language), selected: scope.isSector)]
            + all.filter { $0.kind != OrganisationKind.department.rawValue && AccessPolicy.mayReadData(role: user.role, own: user.organisationCode, other: $0.code) }
                .map { Choice(value: $0.code, label: "\($0.code) — \($0.name)", selected: !scope.isSector && query.org == $0.code) }
        provisional = include == .provisional
        var groups: [Group] = []
        var tally: [EvaluationStatus: Int] = [:]
        for indicator in indicators {
            let assessment = Assessment.assess(indicator, in: period, milestoneYears: plan.milestoneYears, organisations: scope.organisations,
                                               values: values[indicator.code] ?? [:])
            tally[assessment.evaluation.status, default: 0] += 1
            let series = periods.map { Assessment.assess(indicator, in: $0, milestoneYears: plan.milestoneYears, organisations: scope.organisations,
                                                         values: values[indicator.code] ?? [:]).value?.comparable }
            let row = Self.row(indicator, assessment, series: series, style: style, language: language)
            if let last = groups.last, last.code == indicator.group {
                groups[groups.count - 1] = Group(code: last.code, name: last.name, rows: last.rows + [row])
            } else {
                let name = try await IndicatorGroupRecord.query(on: req.db).filter(\.$plan.$id == plan.requireID()).filter(\.$code == indicator.group).first()?.name
                groups.append(Group(code: indicator.group, name: name ?? indicator.group, rows: [row]))
            }
        }
        self.groups = groups
        counts = EvaluationStatus.allCases.map {
            Count(status: $0.rawValue, label: Localizer.text("status.\($0.rawValue)", language), icon: Self.icons[$0] ?? "", count: tally[$0] ?? 0)
        }
        let cycle = cycles.first { $0.periodCode == period.code }
        if let cycle {
            let reports = try await ReportRecord.query(on: req.db).filter(\.$cycle.$id == cycle.requireID()).all()
            statistics = StatisticsView(Cycles.statistics(cycle, reports: reports), language)
            cycleID = try cycle.requireID().uuidString
        } else {
            statistics = nil
            cycleID = nil
        }
    }

    static func row(_ indicator: Indicator, _ assessment: Assessment, series: [ComparableValue?], style: NumberStyle, language: Language) -> Row {
        let status = assessment.evaluation.status
        let percent = indicator.measure == .ratio || indicator.measure == .shareOfUnits
        let value: String = switch assessment.value {
        case .ratio(_, _, let p?)?, .share(_, _, let p?)?: style.percent(p)
        case .count(let n)?: style.format(n)
        case .distribution(_, let median?)?: indicator.scale[median]
        default: "—"
        }
        let milestone = indicator.targets.sorted { $0.year < $1.year }.first { $0.year >= assessment.period.year }
        let gap = assessment.evaluation.gap.map { (($0 > 0 ? "+" : "") + style.format($0, maxDecimals: 1)) + (percent ? (language == .vietnamese ? " điểm" : " pts") : "") } ?? ""
        let forecast = assessment.forecast.map { f in
            "\(f.year): \(percent ? style.percent(f.value) : style.format(f.value, maxDecimals: 1))" + (f.meetsTarget == false ? " ✖" : f.meetsTarget == true ? " ✔" : "")
        } ?? ""
        return Row(code: indicator.code, name: indicator.name, value: value, expected: style.describe(assessment.expected),
                   milestone: milestone.map { "\($0.year): \(style.describe($0.target))" } ?? "",
                   status: status.rawValue, statusLabel: Localizer.text("status.\(status.rawValue)", language), icon: icons[status] ?? "",
                   gap: gap, reporting: "\(assessment.reportingUnits)/\(assessment.expectedUnits)", forecast: forecast, spark: spark(series))
    }

    /// Points of a 80 × 20 sparkline through the numeric values (levels by rank); gaps are skipped.
    static func spark(_ series: [ComparableValue?]) -> String {
        let numbers: [(Int, Double)] = series.enumerated().compactMap { index, value in
            switch value {
            case .number(let n)?: (index, n)
            case .level(let rank)?: (index, Double(rank))
            case nil: nil
            }
        }
        guard numbers.count >= 2, series.count >= 2 else { return "" }
        let low = numbers.map(\.1).min()!, high = numbers.map(\.1).max()!
        let span = high - low == 0 ? 1 : high - low
        return numbers.map { index, value in
            let x = 2 + 76 * Double(index) / Double(series.count - 1)
            let y = 18 - 16 * (value - low) / span
            return String(format: "%.1f,%.1f", x, y)
        }.joined(separator: " ")
    }
}
