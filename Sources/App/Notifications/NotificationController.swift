import Fluent
import Vapor

/// One's own notices: page `/notifications`, API `/api/v1/notifications`.
struct NotificationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let mine = routes.requiring(.signedIn)
        mine.get("notifications", use: page)
        mine.post("notifications", "read", use: markRead)
        mine.get("api", "v1", "notifications", use: list)
        mine.post("api", "v1", "notifications", "read", use: markReadAPI)
    }

    struct NotificationDTO: Content {
        let id: UUID
        let kind: String
        let text: String
        @Nullable var link: String?
        let createdAt: Date
        let read: Bool
    }

    struct NotificationsPage: Encodable {
        struct Row: Encodable {
            let text: String
            let link: String
            let at: String
            let read: Bool
        }

        let layout: Layout
        let rows: [Row]
    }

    private func mine(_ req: Request) async throws -> [NotificationRecord] {
        try await NotificationRecord.query(on: req.db).filter(\.$userID == req.requireUser().id).sort(\.$createdAt, .descending).limit(200).all()
    }

    @Sendable func page(req: Request) async throws -> Response {
        let vi = req.language == .vietnamese
        let rows = try await mine(req).map {
            NotificationsPage.Row(text: vi ? $0.textVietnamese : $0.textEnglish, link: $0.link ?? "", at: DateText.dayTime($0.createdAt), read: $0.readAt != nil)
        }
        return try await req.page("notifications", NotificationsPage(layout: Layout(req, title: Localizer.text("nav.notifications", req.language)), rows: rows))
    }

    @Sendable func markRead(req: Request) async throws -> Response {
        try await read(req)
        return req.redirect(to: "/notifications")
    }

    @Sendable func list(req: Request) async throws -> [NotificationDTO] {
        let vi = req.language == .vietnamese
        return try await mine(req).map {
            NotificationDTO(id: try $0.requireID(), kind: $0.kind, text: vi ? $0.textVietnamese : $0.textEnglish, link: $0.link, createdAt: $0.createdAt, read: $0.readAt != nil)
        }
    }

    @Sendable func markReadAPI(req: Request) async throws -> HTTPStatus {
        try await read(req)
        return .noContent
    }

    private func read(_ req: Request) async throws {
        try await NotificationRecord.query(on: req.db).filter(\.$userID == req.requireUser().id).filter(\.$readAt == nil).set(\.$readAt, to: Date()).update()
    }
}
