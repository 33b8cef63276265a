import Fluent
import Planning
import Vapor

/// Bảng điều khiển — the plan at a glance for a period and scope: groups I–IV, each indicator with its value,
/// what it is held against, its status (words, icon and colour) and a sparkline of its periods; counts by status;
/// the cycle's completeness and timeliness; downloads of the report.
struct DashboardPage: Encodable {
    struct Row: Encodable {
        let text: AssessmentText
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

        /// One per status, in the order of `EvaluationStatus`, with its words and icon.
        static func all(_ tally: [EvaluationStatus: Int], _ language: Language) -> [Count] {
            // A sector total is a status only for a unit or a group: the sector's own counts leave it out when empty.
            EvaluationStatus.allCases.filter { $0 != .sectorTotal || tally[$0, default: 0] > 0 }.map {
                Count(status: $0.rawValue, label: Localizer.text("status.\($0.rawValue)", language), icon: AssessmentText.icons[$0] ?? "", count: tally[$0] ?? 0)
            }
        }
    }

    let layout: Layout
    let filters: DashboardFilters
    let scopeLabel: String
    let counts: [Count]
    let groups: [Group]
    let statistics: StatisticsView?
    let cycleID: String?
    let writesReport: Bool
    /// The signed-in unit's own page, for a unit reporter.
    let ownUnit: String?
    /// Each lead office's page (for everyone who follows the reporting).
    let offices: [Choice]

    init(_ req: Request) async throws {
        let language = req.language
        let query = try req.query.decode(EvaluationSnapshot.Query.self)
        let user = try req.requireUser()
        let snapshot = try await EvaluationSnapshot.load(query, user: user, on: req.db, coverageThreshold: req.application.settings.coverageThreshold)
        layout = Layout(req, title: Localizer.text("dashboard.title", language))
        filters = try await DashboardFilters(snapshot, query, user: user, language: language, on: req.db)
        scopeLabel = Self.scopeLabel(snapshot, query, language)
        var groups: [Group] = []
        for (indicator, assessment) in zip(snapshot.indicators, snapshot.assessments) {
            let row = Row(text: AssessmentText(assessment, indicator: indicator, language: language),
                          spark: TrendChart.spark(snapshot.series(indicator).map { $0.value?.comparable }))
            if let last = groups.last, last.code == indicator.group {
                groups[groups.count - 1] = Group(code: last.code, name: last.name, rows: last.rows + [row])
            } else {
                groups.append(Group(code: indicator.group, name: snapshot.group(indicator.group).name, rows: [row]))
            }
        }
        self.groups = groups
        counts = Count.all(snapshot.statusCounts, language)
        if let cycle = try await CycleRecord.query(on: req.db).filter(\.$planCode == snapshot.plan.code).filter(\.$periodCode == snapshot.period.code).first() {
            statistics = StatisticsView(try await Cycles.statistics(cycle, on: req.db), language)
            cycleID = try cycle.requireID().uuidString
        } else {
            statistics = nil
            cycleID = nil
        }
        writesReport = AccessPolicy.allows(user.role, .writeSummaryReport) || AccessPolicy.allows(user.role, .approveSummaryReport)
        ownUnit = user.role.readsOwnOrganisationOnly ? user.organisationCode : nil
        offices = AccessPolicy.allows(user.role, .monitorReporting)
            ? filters.leads.filter { !$0.value.isEmpty }.map { Choice(value: $0.value, label: $0.label, selected: $0.value == user.organisationCode) } : []
    }

    /// "Toàn ngành", "Trung tâm y tế huyện", "BVDK — Bệnh viện …", followed by the lead office when narrowed.
    static func scopeLabel(_ snapshot: EvaluationSnapshot, _ query: EvaluationSnapshot.Query, _ language: Language) -> String {
        var label: String
        if let kind = query.kind.flatMap(OrganisationKind.init(rawValue:)) {
            label = Localizer.kindLabel(kind, language)
        } else if snapshot.scope.isSector {
            label = Localizer.text("dashboard.sector", language)
        } else {
            label = snapshot.scope.organisations.map(\.name).joined(separator: ", ")
        }
        if let lead = snapshot.lead { label += " · " + Localizer.text("dashboard.leadBy", language) + " " + lead.name }
        return label
    }
}
