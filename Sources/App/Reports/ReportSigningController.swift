import Fluent
import Planning
import Vapor

/// The unit head's decision on his unit's report awaiting him: sign and send it to the Department, or return it to the
/// reporter with a reason. Page: `POST /reports/{id}/sign`; API: `POST /api/v1/reports/{id}/sign` (returning goes
/// through `POST /api/v1/reports/{id}/return`, which accepts the head).
struct ReportSigningController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let sign = routes.requiring(.signReports)
        sign.post("reports", ":id", "sign", use: decideFromPage)
        sign.post("api", "v1", "reports", ":id", "sign", use: signFromAPI)
    }

    private func context(_ req: Request) async throws -> ReportContext {
        let context = try await Reports.load(req.parameters.get("id", as: UUID.self), on: req.db)
        try Reports.authorizeRead(context, by: req.requireUser())
        return context
    }

    @Sendable func decideFromPage(req: Request) async throws -> Response {
        let context = try await context(req)
        struct Form: Content { var decision: String; var reason: String?; var version: Int? }
        let form = try req.content.decode(Form.self)
        do {
            switch form.decision {
            case "sign": try await Reports.sign(context, version: form.version, by: req.requireUser(), actor: req.actor, on: req.db)
            case "return":
                try await Reports.act(.return, context, reason: form.reason, version: form.version, by: req.requireUser(), actor: req.actor, on: req.db)
            default: throw AppError.invalidField(field: "decision", value: form.decision)
            }
        } catch let error as ReportError {
            return try await req.page("report", try await ReportPage(req, context, error: error.message(req.language)), status: error.status)
        }
        return req.redirect(to: "/reports/\(try context.report.requireID())?saved=\(form.decision == "sign" ? "signed" : "returned")")
    }

    @Sendable func signFromAPI(req: Request) async throws -> ReportDTO {
        let context = try await context(req)
        struct Body: Content { var version: Int? }
        let body = req.body.data == nil ? Body() : try req.content.decode(Body.self)
        try await Reports.sign(context, version: body.version, by: req.requireUser(), actor: req.actor, on: req.db)
        let fresh = try await Reports.load(context.report.requireID(), on: req.db)
        let events = try await ReportEventRecord.query(on: req.db).filter(\.$report.$id == fresh.report.requireID()).sort(\.$at).all()
        return try ReportDTO(Reports.visible(fresh, to: req.requireUser()), events: events)
    }
}
