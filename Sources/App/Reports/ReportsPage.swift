import Fluent
import Planning
import Vapor

/// The list of reports the user may read, by cycle, state and organisation.
struct ReportsPage: Encodable {
    struct Row: Encodable {
        let id: String
        let period: String
        let organisation: String
        let name: String
        let state: String
        let stateLabel: String
        let submittedAt: String
        let late: Bool
        let due: String
    }

    let layout: Layout
    let rows: [Row]
    let cycles: [Choice]
    let states: [Choice]
    let organisation: String
    /// The filters as a query, carried to each report so that approving one leads to the next in the same list.
    let query: String
    /// The queue of reports waiting for approval (same cycle and organisation), for those who approve.
    let waitingQuery: String
    let waitingCount: Int
    let showsQueue: Bool
    /// "Đã duyệt báo cáo của … · Không còn báo cáo nào đang chờ" after the last report of a queue was acted on.
    let done: String?

    init(_ req: Request) async throws {
        let language = req.language
        layout = Layout(req, title: Localizer.text("nav.reports", language))
        let filter = try ReportQueries.Filter.read(req)
        let user = try req.requireUser()
        let names = try await Directory.names(on: req.db)
        rows = try await ReportQueries.list(filter, for: user, on: req.db).map { report, cycle in
            Row(id: try report.requireID().uuidString, period: CycleText.period(cycle.periodCode, language), organisation: report.organisationCode,
                name: names[report.organisationCode] ?? report.organisationCode, state: report.state,
                stateLabel: Localizer.text("state.\(report.state)", language),
                submittedAt: (report.lastSubmittedAt ?? report.submittedAt).map(DateText.dayTime) ?? "",
                late: report.submittedAt.map { ReportingCycleRules.isLate($0, due: cycle.dates.due) } ?? false,
                due: CycleText.due(cycle.dueOn, language))
        }
        cycles = try await CycleRecord.query(on: req.db).sort(\.$periodCode, .descending).all().map {
            Choice(value: try $0.requireID().uuidString, label: CycleText.period($0.periodCode, language), selected: $0.id == filter.cycle)
        }
        states = ReportState.allCases.map { Choice(value: $0.rawValue, label: Localizer.text("state.\($0.rawValue)", language), selected: $0 == filter.state) }
        organisation = filter.organisation ?? ""
        query = filter.query
        waitingQuery = filter.waiting.query
        showsQueue = AccessPolicy.allows(user.role, .approveReports)
        waitingCount = showsQueue ? try await ReportQueries.list(filter.waiting, for: user, on: req.db).count : 0
        done = try await ReportQueue.doneMessage(req, next: false)
    }
}

/// One value of a report with its history from the change log.
struct ValuePage: Encodable {
    struct Change: Encodable {
        let at: String
        let actor: String
        let field: String
        let oldValue: String
        let newValue: String
    }

    let layout: Layout
    let reportID: String
    let code: String
    let name: String
    let organisation: String
    let period: String
    let current: String
    let changes: [Change]

    init(_ req: Request, _ context: ReportContext, indicator rawCode: String) async throws {
        let language = req.language
        let code = rawCode.uppercased()
        guard let indicator = context.indicators.first(where: { $0.code == code }) else { throw ReportError.unknownIndicator(rawCode) }
        layout = Layout(req, title: "\(code) · \(context.organisation.name)")
        reportID = try context.report.requireID().uuidString
        self.code = code
        name = indicator.name
        organisation = context.organisation.name
        period = CycleText.period(context.cycle.periodCode, language)
        current = context.values[code]?.value.map { ReportText.value($0, language.numbers) } ?? "—"
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        changes = try await ReportQueries.history(context, indicator: code, on: req.db).reversed().map {
            Change(at: formatter.date(from: $0.at).map(DateText.dayTime) ?? $0.at, actor: $0.actor,
                   field: Localizer.text("value.\($0.field)", language), oldValue: $0.oldValue ?? "—", newValue: $0.newValue ?? "—")
        }
    }
}
