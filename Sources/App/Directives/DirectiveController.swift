import Fluent
import Planning
import Vapor

/// Directives of the Ban Chỉ đạo: pages (`/directives`, `/directives/{id}`) and API (`/api/v1/directives`).
struct DirectiveController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let read = routes.requiring(.readReports)
        let write = routes.requiring(.writeDirectives)
        let reply = routes.requiring(.replyDirectives)
        read.get("directives", use: listPage)
        write.post("directives", use: createFromPage)
        read.get("directives", ":id", use: page)
        reply.post("directives", ":id", "replies") { try await step($0, .reply) }
        write.post("directives", ":id", "close") { try await step($0, .close) }
        write.post("directives", ":id", "reopen") { try await step($0, .reopen) }
        read.get("api", "v1", "directives", use: list)
        write.post("api", "v1", "directives", use: create)
        read.get("api", "v1", "directives", ":id", use: show)
        reply.post("api", "v1", "directives", ":id", "replies") { try await apiStep($0, .reply) }
        write.post("api", "v1", "directives", ":id", "close") { try await apiStep($0, .close) }
        write.post("api", "v1", "directives", ":id", "reopen") { try await apiStep($0, .reopen) }
    }

    enum Step { case reply, close, reopen }

    static let statuses = DirectiveStatus.allCases.map(\.rawValue)
    static let kinds = ["indicator", "organisation", "task"]

    /// `status`, `kind`, `subject`, `addressee`, `overdue=true`; an empty parameter is no filter.
    static func filter(_ req: Request) throws -> Directives.Filter {
        Directives.Filter(status: try req.queryText("status", allowed: statuses).flatMap(DirectiveStatus.init(rawValue:)),
                          kind: try req.queryText("kind", allowed: kinds), subject: try req.queryText("subject")?.uppercased(),
                          addressee: try req.queryText("addressee")?.uppercased(),
                          overdue: try req.queryText("overdue", allowed: ["true", "false"]) == "true")
    }

    @Sendable func list(req: Request) async throws -> [DirectiveDTO] {
        let today = Day(Date())
        return try await Directives.list(try Self.filter(req), for: try req.requireUser(), today: today, on: req.db).map { try DirectiveDTO($0, today: today) }
    }

    @Sendable func create(req: Request) async throws -> Response {
        let directive = try await Directives.create(try req.content.decode(Directives.Input.self), by: try req.requireUser(), app: req.application, on: req.db)
        let found = try await Directives.find(directive.id, for: try req.requireUser(), on: req.db)
        return try await DirectiveDTO(found, today: Day(Date())).encodeResponse(status: .created, for: req)
    }

    @Sendable func show(req: Request) async throws -> DirectiveDTO {
        try DirectiveDTO(try await Directives.find(req.parameters.get("id", as: UUID.self), for: try req.requireUser(), on: req.db), today: Day(Date()))
    }

    func apply(_ req: Request, _ step: Step) async throws -> DirectiveRecord {
        let user = try req.requireUser()
        let directive = try await Directives.find(req.parameters.get("id", as: UUID.self), for: user, on: req.db)
        let input = req.body.data == nil ? DirectiveStepInput() : try req.content.decode(DirectiveStepInput.self)
        switch step {
        case .reply: try await Directives.reply(directive, text: input.text ?? "", by: user, app: req.application, on: req.db)
        case .close: try await Directives.close(directive, note: input.note ?? "", by: user, on: req.db)
        case .reopen: try await Directives.reopen(directive, reason: input.reason, by: user, on: req.db)
        }
        return try await Directives.find(directive.id, for: user, on: req.db)
    }

    func apiStep(_ req: Request, _ step: Step) async throws -> DirectiveDTO {
        try DirectiveDTO(try await apply(req, step), today: Day(Date()))
    }

    // MARK: pages

    @Sendable func listPage(req: Request) async throws -> Response {
        try await req.page("directives", try await DirectivesPage(req))
    }

    @Sendable func page(req: Request) async throws -> Response {
        let directive = try await Directives.find(req.parameters.get("id", as: UUID.self), for: try req.requireUser(), on: req.db)
        return try await req.page("directive", try await DirectivePage(req, directive))
    }

    @Sendable func createFromPage(req: Request) async throws -> Response {
        let input = try req.content.decode(Directives.Input.self)
        do {
            let directive = try await Directives.create(input, by: try req.requireUser(), app: req.application, on: req.db)
            return req.redirect(to: "/directives/\(try directive.requireID())?done=create")
        } catch let error as DirectiveError {
            return try await req.page("directives", try await DirectivesPage(req, typed: input, error: error.message(req.language)), status: error.status)
        }
    }

    func step(_ req: Request, _ step: Step) async throws -> Response {
        do {
            let directive = try await apply(req, step)
            return req.redirect(to: "/directives/\(try directive.requireID())?done=\(step)")
        } catch let error as DirectiveError where error.status != .notFound {
            let directive = try await Directives.find(req.parameters.get("id", as: UUID.self), for: try req.requireUser(), on: req.db)
            return try await req.page("directive", try await DirectivePage(req, directive, error: error.message(req.language)), status: error.status)
        }
    }
}
