import Fluent
import Planning
import Vapor

/// Any user's API tokens, for administrators: listed on the user's page and at `/api/v1/users/{id}/tokens`, revoked
/// one by one (a lost laptop, a leaver, a leaked script).
struct AdminTokenController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.requiring(.manageUsers)
        admin.post("admin", "users", ":id", "tokens", ":token", "revoke", use: revokeFromPage)
        admin.get("api", "v1", "users", ":id", "tokens", use: list)
        admin.delete("api", "v1", "users", ":id", "tokens", ":token", use: revoke)
    }

    @Sendable func revokeFromPage(req: Request) async throws -> Response {
        let user = try await revokeOne(req)
        return req.redirect(to: "/admin/users/\(try user.requireID())")
    }

    @Sendable func list(req: Request) async throws -> [TokenDTO] {
        let user = try await UserAdmin.find(req.parameters.get("id", as: UUID.self), on: req.db)
        return try await APITokens.list(of: user.requireID(), on: req.db).map { try TokenDTO($0) }
    }

    @Sendable func revoke(req: Request) async throws -> HTTPStatus {
        _ = try await revokeOne(req)
        return .noContent
    }

    private func revokeOne(_ req: Request) async throws -> UserRecord {
        let user = try await UserAdmin.find(req.parameters.get("id", as: UUID.self), on: req.db)
        guard let token = req.parameters.get("token", as: UUID.self) else { throw AppError.tokenNotFound }
        try await APITokens.revoke(token, of: user.requireID(), by: req.actor, on: req.db)
        return user
    }
}
