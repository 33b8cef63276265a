import Fluent
import Planning
import Vapor

/// The coordinating office's report to the Ban Chỉ đạo: its number, date and signer (`POST /summary-report/steering`,
/// `GET|PUT /api/v1/evaluation/steering-report`) and the document from the same live figures
/// (`GET /api/v1/evaluation/steering-report.docx`).
struct SteeringReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let write = routes.requiring(.writeSummaryReport)
        let monitor = routes.requiring(.monitorReporting)
        write.post("summary-report", "steering", use: saveFromPage)
        monitor.get("api", "v1", "evaluation", "steering-report", use: show)
        write.put("api", "v1", "evaluation", "steering-report", use: save)
        monitor.get("api", "v1", "evaluation", "steering-report.docx", use: docx)
    }

    @Sendable func show(req: Request) async throws -> SteeringReports.Text {
        let (plan, period) = try await SummarySignoffController.target(req)
        return try await SteeringReports.text(plan: plan, period: period.code, today: Day(Date()), on: req.db)
    }

    @Sendable func save(req: Request) async throws -> SteeringReports.Text {
        let (plan, period) = try await SummarySignoffController.target(req)
        try await SteeringReports.save(try req.content.decode(SteeringReports.Text.self), plan: plan, period: period.code, by: req.actor, on: req.db)
        return try await SteeringReports.text(plan: plan, period: period.code, today: Day(Date()), on: req.db)
    }

    @Sendable func saveFromPage(req: Request) async throws -> Response {
        let (plan, period) = try await SummarySignoffController.target(req)
        do {
            try await SteeringReports.save(try req.content.decode(SteeringReports.Text.self), plan: plan, period: period.code, by: req.actor, on: req.db)
        } catch let error as SummaryReportError {
            return try await req.page("summary-report", try await SummaryReportPage(req, error: error.message(req.language)), status: error.status)
        }
        return req.redirect(to: "/summary-report?" + DashboardFilters.encode([("period", period.code), ("done", "steering")]))
    }

    /// Always the whole sector's figures, as the report to UBND tỉnh.
    @Sendable func docx(req: Request) async throws -> Response {
        let (plan, period) = try await SummarySignoffController.target(req)
        let content = try await SummarySignoffs.sectorContent(req, plan: plan, period: period)
        let text = try await SteeringReports.text(plan: plan, period: period.code, today: Day(Date()), on: req.db)
        let response = Response(status: .ok, body: .init(data: try SteeringDocument.docx(content, text: text)))
        response.headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"bao-cao-ban-chi-dao-\(period.code).docx\"")
        return response
    }
}
