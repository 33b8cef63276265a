import Fluent
import Vapor

/// Recognises the caller from an `Authorization: Bearer` token or the session cookie. A token or cookie
/// that is unknown, expired, revoked or tampered with makes the request anonymous (a bad bearer token
/// is refused outright, since scripts need to know).
struct AuthenticationMiddleware: AsyncMiddleware {
    static let cookieName = "chitieu_session"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // DHIS2's routes authenticate on their own (Basic, ApiToken, Bearer) and never read the cookie.
        if request.isDHIS2API { return try await next.respond(to: request) }
        if let bearer = request.headers.bearerAuthorization?.token {
            request.currentUser = try await Self.user(forToken: bearer, on: request)
        } else if let cookie = request.cookies[Self.cookieName]?.string {
            request.currentUser = try await Self.user(forSession: cookie, on: request)
            if let user = request.currentUser, !request.isAPI {
                request.unreadNotifications = try await Notifications.unread(for: user.id, on: request.db)
            }
        }
        return try await next.respond(to: request)
    }

    static func user(forToken token: String, on request: Request) async throws -> CurrentUser {
        guard let record = try await APITokenRecord.query(on: request.db).filter(\.$tokenHash == Secrets.digest(token))
            .with(\.$user).first() else { throw AppError.invalidToken }
        let now = Date()
        guard record.revokedAt == nil, APITokens.expiry(of: record) > now, record.user.isActive else {
            throw AppError.invalidToken
        }
        if record.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            record.lastUsedAt = now
            try await record.save(on: request.db)
        }
        return try CurrentUser(record.user, credential: .token(id: record.requireID(), canWrite: record.scope == "write"))
    }

    static func user(forSession token: String, on request: Request) async throws -> CurrentUser? {
        guard let session = try await UserSessionRecord.query(on: request.db).filter(\.$tokenHash == Secrets.digest(token))
            .with(\.$user).first() else { return nil }
        let now = Date()
        let settings = request.application.settings
        // Idle too long, or signed in too long ago however busy since (a stolen cookie does not live for ever).
        guard now.timeIntervalSince(session.lastSeenAt) <= settings.sessionIdleTimeout,
              now.timeIntervalSince(session.createdAt ?? .distantPast) <= settings.sessionMaximumAge, session.user.isActive else {
            try await session.delete(on: request.db)
            return nil
        }
        // Touch at most once a minute: enough for idle expiry, light on the database.
        if now.timeIntervalSince(session.lastSeenAt) > 60 {
            session.lastSeenAt = now
            try await session.save(on: request.db)
        }
        return try CurrentUser(session.user, credential: .session(id: session.requireID(), csrf: session.csrfToken))
    }
}
