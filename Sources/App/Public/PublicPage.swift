import Fluent
import Planning
import Vapor

/// Trang công khai — the plan's progress for the Department's website, without sign-in: the sector's figures from
/// approved reports only (one `EvaluationSnapshot`, no query per unit), each indicator's latest value, target,
/// status and trend, and the tasks' progress; each unit's figures only when an administrator allows it.
struct PublicPage: Encodable {
    struct Row: Encodable {
        let text: AssessmentText
        /// SVG polyline points of the value per period (empty with fewer than two values).
        let spark: String
        /// The values along the periods in words, for readers who do not see the line.
        let trendText: String
        let units: [UnitValue]
    }

    struct UnitValue: Encodable {
        let name: String
        let value: String
        let statusLabel: String
    }

    struct Group: Encodable {
        let code: String
        let name: String
        let rows: [Row]
    }

    struct TaskCount: Encodable {
        let status: String
        let label: String
        let count: Int
    }

    let lang: String
    let t: Labels
    let otherLanguageURL: String
    let planTitle: String
    let periodLabel: String
    let counts: [DashboardPage.Count]
    let groups: [Group]
    let tasks: [TaskCount]
    let taskTotal: Int
    let overdueTasks: Int
    let showsUnits: Bool

    /// A reader of the sector's approved figures: the public sees what leadership sees of the sector, nothing more.
    static let reader = CurrentUser(commandLine: "public", name: "Trang công khai", role: .leadership, organisationCode: Directory.department.code)

    init(_ req: Request, settings: PublicPageSettings) async throws {
        let language = req.language
        lang = language.rawValue
        t = Labels(language)
        otherLanguageURL = "/public?lang=" + (language == .vietnamese ? Language.english : .vietnamese).rawValue
        var period = try req.queryText("period")
        if period == nil { period = try await Self.latestApprovedPeriod(on: req.db) }
        let query = EvaluationSnapshot.Query(period: period, include: "approved")
        let snapshot = try await EvaluationSnapshot.load(query, user: Self.reader, on: req.db, coverageThreshold: req.application.settings.coverageThreshold,
                                                     perUnit: settings.showsUnits)
        planTitle = snapshot.plan.title
        periodLabel = CycleText.period(snapshot.period.code, language)
        showsUnits = settings.showsUnits
        var groups: [Group] = []
        for (indicator, assessment) in zip(snapshot.indicators, snapshot.assessments) {
            let series = snapshot.series(indicator)
            let trend = series.compactMap { point -> String? in
                guard point.value != nil else { return nil }
                return "\(CycleText.period(point.period.code, language)): \(AssessmentText(point, indicator: indicator, language: language).value)"
            }
            let units: [UnitValue] = settings.showsUnits ? snapshot.units(indicator).compactMap { unit in
                guard unit.assessment.value != nil else { return nil }
                let text = AssessmentText(unit.assessment, indicator: indicator, language: language)
                return UnitValue(name: unit.organisation.name, value: text.value, statusLabel: text.statusLabel)
            } : []
            let row = Row(text: AssessmentText(assessment, indicator: indicator, language: language),
                          spark: TrendChart.spark(series.map { $0.value?.comparable }), trendText: trend.joined(separator: " → "), units: units)
            if let last = groups.last, last.code == indicator.group {
                groups[groups.count - 1] = Group(code: last.code, name: last.name, rows: last.rows + [row])
            } else {
                groups.append(Group(code: indicator.group, name: snapshot.group(indicator.group).name, rows: [row]))
            }
        }
        self.groups = groups
        counts = DashboardPage.Count.all(snapshot.statusCounts, language)
        let tasks = try await TaskRecord.query(on: req.db).filter(\.$planCode == snapshot.plan.code).all()
        self.tasks = TaskStatus.allCases.map { status in
            TaskCount(status: status.rawValue, label: Localizer.text("task.status.\(status.rawValue)", language),
                      count: tasks.filter { $0.status == status.rawValue }.count)
        }
        taskTotal = tasks.count
        overdueTasks = tasks.filter { $0.isOverdue() }.count
    }

    /// The latest period with an approved (or locked) report: a cycle just opened has nothing public yet.
    static func latestApprovedPeriod(on db: any Database) async throws -> String? {
        let cycles = Set(try await ReportRecord.query(on: db).filter(\.$state ~~ [ReportState.approved.rawValue, ReportState.locked.rawValue])
            .all(\.$cycle.$id))
        return try await CycleRecord.query(on: db).all().filter { $0.id.map(cycles.contains) ?? false }.compactMap(\.period).max()?.code
    }
}
