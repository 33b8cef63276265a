import Fluent
import Planning
import Vapor

/// The report to the People's Committee: the coordinator's text (`/summary-report`, `GET|PUT /api/v1/evaluation/report`)
/// and the documents built from the live evaluation (`GET /api/v1/evaluation/report.docx|.xlsx|.csv`).
struct SummaryReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let write = routes.requiring(.writeSummaryReport)
        let monitor = routes.requiring(.monitorReporting)
        monitor.get("summary-report", use: page)
        write.post("summary-report", use: saveFromPage)
        monitor.get("api", "v1", "evaluation", "report", use: show)
        write.put("api", "v1", "evaluation", "report", use: save)
        monitor.get("api", "v1", "evaluation", "report.docx", use: docx)
        monitor.get("api", "v1", "evaluation", "report.xlsx", use: xlsx)
        monitor.get("api", "v1", "evaluation", "report.csv", use: csv)
    }

    @Sendable func page(req: Request) async throws -> Response {
        try await req.page("summary-report", try await SummaryReportPage(req))
    }

    @Sendable func saveFromPage(req: Request) async throws -> Response {
        let draft = try req.content.decode(SummaryReports.Draft.self)
        _ = try Self.then(req)
        let snapshot = try await snapshot(req)
        do {
            try await SummaryReports.save(draft, plan: snapshot.plan.code, period: snapshot.period, by: req.actor, on: req.db)
        } catch let error as any FeatureError {
            return try await req.page("summary-report", try await SummaryReportPage(req, draft: draft, error: error.message(req.language)), status: error.status)
        }
        // A download button submits the form with `then`: what was typed is saved first, then the document is made.
        if let format = try Self.then(req) {
            return req.redirect(to: "/api/v1/evaluation/report.\(format)?" + DashboardFilters.encode([("period", snapshot.period.code)]))
        }
        let query = DashboardFilters.encode([("period", snapshot.period.code), ("saved", "1")])
        return req.redirect(to: "/summary-report?\(query)")
    }

    /// The document to download after saving (`docx`, `xlsx`, `csv`), nil for a plain save.
    static func then(_ req: Request) throws -> String? {
        struct Form: Content { var then: String? }
        guard let format = try req.content.decode(Form.self).then, !format.isEmpty else { return nil }
        guard ["docx", "xlsx", "csv"].contains(format) else { throw AppError.invalidField(field: "then", value: format) }
        return format
    }

    @Sendable func show(req: Request) async throws -> SummaryReports.Draft {
        let snapshot = try await snapshot(req)
        return try await SummaryReports.draft(plan: snapshot.plan.code, period: snapshot.period, today: Day(Date()), on: req.db).draft
    }

    @Sendable func save(req: Request) async throws -> SummaryReports.Draft {
        let snapshot = try await snapshot(req)
        try await SummaryReports.save(try req.content.decode(SummaryReports.Draft.self), plan: snapshot.plan.code, period: snapshot.period, by: req.actor, on: req.db)
        return try await SummaryReports.draft(plan: snapshot.plan.code, period: snapshot.period, today: Day(Date()), on: req.db).draft
    }

    @Sendable func docx(req: Request) async throws -> Response {
        let content = try await SummaryContent.load(req)
        return download(try SummaryDocument.draft(content), name: content.fileName("docx"),
                        type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    }

    @Sendable func xlsx(req: Request) async throws -> Response {
        let content = try await SummaryContent.load(req)
        return download(try SummaryWorkbook.xlsx(content), name: content.fileName("xlsx"),
                        type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    /// `?separator=semicolon` writes `;` and decimal commas, as Excel set to Vietnamese expects.
    @Sendable func csv(req: Request) async throws -> Response {
        let semicolon = try req.queryText("separator", allowed: ["comma", "semicolon"]) == "semicolon"
        let table = try req.queryText("table", allowed: SummaryWorkbook.CSVTable.allCases.map(\.rawValue)).flatMap(SummaryWorkbook.CSVTable.init(rawValue:)) ?? .indicators
        let content = try await SummaryContent.load(req)
        let name = table == .indicators ? content.fileName("csv") : content.fileName("\(table.rawValue).csv")
        return download(SummaryWorkbook.csv(content, table: table, semicolon: semicolon), name: name, type: "text/csv; charset=utf-8")
    }

    private func snapshot(_ req: Request) async throws -> EvaluationSnapshot {
        try await EvaluationSnapshot.load(try req.query.decode(EvaluationSnapshot.Query.self), user: req.requireUser(), on: req.db, coverageThreshold: req.application.settings.coverageThreshold)
    }

    private func download(_ data: Data, name: String, type: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: type)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return response
    }
}
