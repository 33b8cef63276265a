import Fluent
import Planning
import Vapor

/// Unit reports: pages under `/reports`, API under `/api/v1/reports`.
struct ReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let read = routes.requiring(.readReports)
        let write = routes.requiring(.writeReports)
        let review = routes.requiring(.reviewReports)
        read.get("reports", use: listPage)
        read.get("reports", ":id", use: reportPage)
        write.post("reports", ":id", use: saveFromPage)
        review.post("reports", ":id", "review", use: actFromPage)
        review.post("reports", ":id", "values", ":code", "review", use: reviewFromPage)
        read.get("reports", ":id", "values", ":code", use: valuePage)
        read.get("api", "v1", "reports", use: list)
        read.get("api", "v1", "reports", ":id", use: show)
        write.put("api", "v1", "reports", ":id", use: save)
        write.post("api", "v1", "reports", ":id", "submit", use: submit)
        // The Department's reviewers return what reached them; a unit head returns what awaits his signature.
        routes.requiring(.returnReports).post("api", "v1", "reports", ":id", "return") { req in try await act(.return, req: req) }
        let approve = routes.requiring(.approveReports)
        for action in [ReportAction.approve, .reopen, .lock] {
            approve.post("api", "v1", "reports", ":id", .constant(action.rawValue)) { req in try await act(action, req: req) }
        }
        review.put("api", "v1", "reports", ":id", "values", ":code", "review", use: reviewValue)
        read.get("api", "v1", "reports", ":id", "values", ":code", "history", use: history)
    }

    /// The report, after checking the user may read it.
    private func context(_ req: Request) async throws -> ReportContext {
        let context = try await Reports.load(req.parameters.get("id", as: UUID.self), on: req.db)
        try Reports.authorizeRead(context, by: req.requireUser())
        return context
    }

    // MARK: pages

    @Sendable func listPage(req: Request) async throws -> Response {
        try await req.page("reports", try await ReportsPage(req))
    }

    @Sendable func reportPage(req: Request) async throws -> Response {
        try await req.page("report", try await ReportPage(req, try await context(req)))
    }

    @Sendable func saveFromPage(req: Request) async throws -> Response {
        let context = try await context(req)
        let form = try req.content.decode(ReportForm.self)
        let (entries, typingProblems) = form.entries(req.language)
        let page = { (problems: [String: [String]], error: String, status: HTTPStatus) async throws -> Response in
            try await req.page("report", try await ReportPage(req, context, typed: form, problems: problems, error: error), status: status)
        }
        if !typingProblems.isEmpty {
            return try await page(typingProblems, Localizer.text("report.notSaved", req.language), .badRequest)
        }
        let submit = form.intent == "submit"
        do {
            let warnings = try await Reports.save(context, form.submission(entries), submit: submit, by: req.requireUser(), actor: req.actor,
                                                   checks: req.application.settings.valueChecks, on: req.db)
            let id = try context.report.requireID()
            if !warnings.isEmpty {
                let fresh = try await Reports.load(id, on: req.db)
                let messages = warnings.mapValues { $0.map { ReportError.describe($0, req.language) } }
                return try await req.page("report", try await ReportPage(req, fresh, warnings: messages))
            }
            return req.redirect(to: "/reports/\(id)?saved=\(submit ? "submitted" : "draft")")
        } catch ReportError.invalidValues(let problems, _) {
            let messages = problems.mapValues { $0.map { ReportError.describe($0, req.language) } }
            if submit, let kept = try await keepAsDraft(req, context, form, entries) {
                return try await req.page("report", try await ReportPage(req, kept, problems: messages,
                                                                         error: Localizer.text("journey.notSubmittedDraftKept", req.language)),
                                          status: .badRequest)
            }
            return try await page(messages, Localizer.text(submit ? "report.notSubmitted" : "report.notSaved", req.language), .badRequest)
        } catch let error as ReportError {
            return try await page([:], error.message(req.language), error.status)
        }
    }

    /// A refused submission keeps what was typed: saved as a draft when it passes a draft's checks (the report as it
    /// now stands), nil when even a draft would be refused (then nothing is written, and the page shows the typing).
    private func keepAsDraft(_ req: Request, _ context: ReportContext, _ form: ReportForm, _ entries: ValueEntryMap) async throws -> ReportContext? {
        do {
            try await Reports.save(context, form.submission(entries), submit: false, by: req.requireUser(), actor: req.actor,
                                   checks: req.application.settings.valueChecks, on: req.db)
        } catch is ReportError {
            return nil
        }
        return try await Reports.load(context.report.requireID(), on: req.db)
    }

    @Sendable func actFromPage(req: Request) async throws -> Response {
        let context = try await context(req)
        struct Form: Content { var action: String; var reason: String?; var version: Int?; var queue: String? }
        let form = try req.content.decode(Form.self)
        guard let action = ReportAction(rawValue: form.action), [.return, .approve, .reopen, .lock].contains(action) else {
            throw AppError.invalidField(field: "action", value: form.action)
        }
        do {
            try await Reports.act(action, context, reason: form.reason, version: form.version, by: req.requireUser(), actor: req.actor, on: req.db)
        } catch let error as ReportError {
            return try await req.page("report", try await ReportPage(req, context, error: error.message(req.language)), status: error.status)
        }
        if ReportQueue.movesOn.contains(action) {
            return req.redirect(to: try await ReportQueue.destination(after: action, context, filter: ReportQueries.Filter(queue: form.queue ?? ""),
                                                                      by: req.requireUser(), on: req.db))
        }
        return req.redirect(to: "/reports/\(try context.report.requireID())")
    }

    @Sendable func reviewFromPage(req: Request) async throws -> Response {
        let context = try await context(req)
        struct Form: Content { var comment: String }
        let code = req.parameters.get("code") ?? ""
        try await Reports.review(context, indicator: code, comment: try req.content.decode(Form.self).comment,
                                 by: req.requireUser(), actor: req.actor, on: req.db)
        return req.redirect(to: "/reports/\(try context.report.requireID())#\(code.uppercased())")
    }

    @Sendable func valuePage(req: Request) async throws -> Response {
        let context = try await context(req)
        try Reports.authorizeRead(context, indicator: req.parameters.get("code") ?? "", by: req.requireUser())
        return try await req.page("value", try await ValuePage(req, context, indicator: req.parameters.get("code") ?? ""))
    }

    // MARK: API

    @Sendable func list(req: Request) async throws -> [ReportSummaryDTO] {
        let filter = try ReportQueries.Filter.read(req)
        return try await ReportQueries.list(filter, for: req.requireUser(), on: req.db).map { try ReportSummaryDTO($0.0, cycle: $0.1) }
    }

    @Sendable func show(req: Request) async throws -> ReportDTO {
        try await dto(try await context(req), req)
    }

    @Sendable func save(req: Request) async throws -> ReportDTO {
        try await write(req, submit: false)
    }

    @Sendable func submit(req: Request) async throws -> ReportDTO {
        try await write(req, submit: true)
    }

    private func write(_ req: Request, submit: Bool) async throws -> ReportDTO {
        let context = try await context(req)
        let submission = try req.content.decode(Reports.Submission.self)
        try await Reports.save(context, submission, submit: submit, by: req.requireUser(), actor: req.actor,
                               checks: req.application.settings.valueChecks, on: req.db)
        return try await dto(try await Reports.load(context.report.requireID(), on: req.db), req)
    }

    @Sendable func act(_ action: ReportAction, req: Request) async throws -> ReportDTO {
        let context = try await context(req)
        struct Body: Content { var reason: String?; var version: Int? }
        let body = req.body.data == nil ? Body() : try req.content.decode(Body.self)
        try await Reports.act(action, context, reason: body.reason, version: body.version, by: req.requireUser(), actor: req.actor, on: req.db)
        return try await dto(try await Reports.load(context.report.requireID(), on: req.db), req)
    }

    @Sendable func reviewValue(req: Request) async throws -> ReportDTO {
        let context = try await context(req)
        struct Body: Content { var comment: String }
        try await Reports.review(context, indicator: req.parameters.get("code") ?? "", comment: try req.content.decode(Body.self).comment,
                                 by: req.requireUser(), actor: req.actor, on: req.db)
        return try await dto(try await Reports.load(context.report.requireID(), on: req.db), req)
    }

    @Sendable func history(req: Request) async throws -> ValueHistoryDTO {
        let context = try await context(req)
        let code = (req.parameters.get("code") ?? "").uppercased()
        try Reports.authorizeRead(context, indicator: code, by: req.requireUser())
        let entries = try await ReportQueries.history(context, indicator: code, on: req.db)
        return ValueHistoryDTO(report: try context.report.requireID(), indicator: code, changes: entries.map {
            .init(at: $0.at, actor: $0.actor, field: $0.field, oldValue: $0.oldValue, newValue: $0.newValue, reason: $0.reason)
        })
    }

    private func dto(_ context: ReportContext, _ req: Request) async throws -> ReportDTO {
        let events = try await ReportEventRecord.query(on: req.db).filter(\.$report.$id == context.report.requireID()).sort(\.$at).all()
        return try ReportDTO(Reports.visible(context, to: req.requireUser()), events: events)
    }
}
