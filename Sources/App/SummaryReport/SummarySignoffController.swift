import Fluent
import Planning
import Vapor

/// The sign-off of the report to the People's Committee — buttons on `/summary-report` and
/// `POST /api/v1/evaluation/report/submit|return|approve|issue`, its state and history (`GET …/report/status`) —
/// and the documents kept when it was issued (`GET …/report/issued.docx|.xlsx`).
struct SummarySignoffController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let write = routes.requiring(.writeSummaryReport)
        let approve = routes.requiring(.approveSummaryReport)
        let monitor = routes.requiring(.monitorReporting)
        write.post("summary-report", "submit") { try await page($0, .submit) }
        approve.post("summary-report", "return") { try await page($0, .return) }
        approve.post("summary-report", "approve") { try await page($0, .approve) }
        write.post("summary-report", "issue") { try await page($0, .issue) }
        monitor.get("api", "v1", "evaluation", "report", "status", use: status)
        write.post("api", "v1", "evaluation", "report", "submit") { try await api($0, .submit) }
        approve.post("api", "v1", "evaluation", "report", "return") { try await api($0, .return) }
        approve.post("api", "v1", "evaluation", "report", "approve") { try await api($0, .approve) }
        write.post("api", "v1", "evaluation", "report", "issue") { try await api($0, .issue) }
        monitor.get("api", "v1", "evaluation", "report", "issued.docx") { try await issued($0, docx: true) }
        monitor.get("api", "v1", "evaluation", "report", "issued.xlsx") { try await issued($0, docx: false) }
    }

    /// The plan and period the request names (`?plan=&period=`), defaults as the dashboard's.
    static func target(_ req: Request) async throws -> (plan: String, period: ReportingPeriod) {
        let query = try req.query.decode(EvaluationSnapshot.Query.self)
        let plan = try await PlanQueries.resolve(query.plan, on: req.db).code
        return (plan, try await EvaluationSnapshot.period(query.period, on: req.db))
    }

    @Sendable func status(req: Request) async throws -> SummarySignoffs.Status {
        let (plan, period) = try await Self.target(req)
        return try await SummarySignoffs.status(plan: plan, period: period.code, on: req.db)
    }

    func act(_ req: Request, _ action: SummaryReportAction, _ input: SummarySignoffs.Input) async throws -> (plan: String, period: ReportingPeriod) {
        let (plan, period) = try await Self.target(req)
        if action == .issue {
            try await SummarySignoffs.issue(number: input.number, date: input.date, plan: plan, period: period, req: req)
        } else {
            try await SummarySignoffs.move(action, reason: input.reason, plan: plan, period: period, req: req)
        }
        return (plan, period)
    }

    func api(_ req: Request, _ action: SummaryReportAction) async throws -> SummarySignoffs.Status {
        let input = req.body.data == nil ? SummarySignoffs.Input() : try req.content.decode(SummarySignoffs.Input.self)
        let (plan, period) = try await act(req, action, input)
        return try await SummarySignoffs.status(plan: plan, period: period.code, on: req.db)
    }

    /// From the page: back to it with what was done, or the page again with the reason it was refused.
    func page(_ req: Request, _ action: SummaryReportAction) async throws -> Response {
        let input = try req.content.decode(SummarySignoffs.Input.self)
        do {
            let (_, period) = try await act(req, action, input)
            return req.redirect(to: "/summary-report?" + DashboardFilters.encode([("period", period.code), ("done", action.rawValue)]))
        } catch let error as SummarySignoffError {
            return try await req.page("summary-report", try await SummaryReportPage(req, error: error.message(req.language)), status: error.status)
        }
    }

    /// The exact bytes stored when the report was issued.
    func issued(_ req: Request, docx: Bool) async throws -> Response {
        let (plan, period) = try await Self.target(req)
        guard let issued = try await SummarySignoffs.issued(plan: plan, period: period.code, on: req.db) else {
            throw SummarySignoffError.notIssued(period: period.code)
        }
        let response = Response(status: .ok, body: .init(data: docx ? issued.docx : issued.xlsx))
        response.headers.replaceOrAdd(name: .contentType, value: docx ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                                                                      : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        let name = "bao-cao-\(issued.number)-BC-SYT-\(period.code).\(docx ? "docx" : "xlsx")"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        response.headers.replaceOrAdd(name: "X-Content-SHA256", value: docx ? issued.docxSHA256 : issued.xlsxSHA256)
        return response
    }
}
