import Fluent
import Foundation
import Vapor

/// Who calls a DHIS2 route, proved as DHIS2 clients prove it: `Authorization: Basic` with an account's e-mail and
/// password, or `Authorization: ApiToken …` (DHIS2's personal access tokens; chitieu's API tokens), or `Bearer …`.
/// No cookie is read here, so these routes need no CSRF token: a browser's session cannot be used against them.
///
/// Basic goes through the sign-in itself (`Accounts.signIn`): the same per-address limit, the same lockout of an
/// account from an address, every failure logged. A script sends its password with every request, so a checked
/// password is remembered for a few minutes (by a digest, never in clear; forgotten when the password changes) instead
/// of costing a bcrypt verification and a sign-in entry in the change log each time.
struct DHIS2AuthenticationMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let header = request.headers.first(name: .authorization) {
            let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            let scheme = parts.first.map { $0.lowercased() } ?? ""
            let credential = parts.count == 2 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
            let user: CurrentUser
            switch scheme {
            case "basic": user = try await Self.basic(credential, on: request)
            case "apitoken", "bearer": user = try await AuthenticationMiddleware.user(forToken: credential, on: request)
            default: throw AppError.invalidToken
            }
            // An account with a temporary password must choose its own first, on the sign-in page.
            if user.mustChangePassword { throw AppError.mustChangePassword }
            request.currentUser = user
        }
        return try await next.respond(to: request)
    }

    static func basic(_ encoded: String, on request: Request) async throws -> CurrentUser {
        guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":") else { throw AppError.wrongCredentials }
        let email = String(text[..<colon]).trimmingCharacters(in: .whitespaces).lowercased()
        let password = String(text[text.index(after: colon)...])
        let key = Secrets.digest(email + "\u{0}" + password)
        let cache = BasicCredentialCache.shared
        let now = Date()
        if let remembered = cache.lookup(key, now: now),
           let record = try await UserRecord.find(remembered.userID, on: request.db),
           record.isActive, !record.isService, record.passwordHash == remembered.passwordHash {
            // The password is right, but a lockout from this address (or too many failures from it) still holds.
            try await Accounts.checkAddress(request.clientAddress, now: now, on: request.db)
            if let wait = try await Accounts.lockout(email: record.email, address: request.clientAddress, now: now, on: request.db) {
                throw AppError.tooManyAttempts(retryAfter: wait)
            }
            return try CurrentUser(record, credential: .token(id: remembered.userID, canWrite: true))
        }
        let record = try await Accounts.signIn(email: email, password: password, address: request.clientAddress, app: request.application, on: request.db)
        let id = try record.requireID()
        cache.remember(key, userID: id, passwordHash: record.passwordHash, now: now)
        // A password proves the person as a write token would: the role's permissions decide the rest.
        return try CurrentUser(record, credential: .token(id: id, canWrite: true))
    }
}

/// Basic credentials checked recently: digest of e-mail and password → the account and its password hash then.
final class BasicCredentialCache: @unchecked Sendable {
    struct Entry { let userID: UUID; let passwordHash: String?; let until: Date }
    static let lifetime: TimeInterval = 5 * 60
    static let capacity = 1_000
    /// One per process (a remembered entry is checked against the database it came from before use).
    static let shared = BasicCredentialCache()
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    func lookup(_ key: String, now: Date) -> Entry? {
        lock.withLock { entries[key].flatMap { $0.until > now ? $0 : nil } }
    }

    func remember(_ key: String, userID: UUID, passwordHash: String?, now: Date) {
        lock.withLock {
            if entries.count >= Self.capacity { entries = entries.filter { $0.value.until > now } }
            if entries.count >= Self.capacity { entries.removeAll() }
            entries[key] = Entry(userID: userID, passwordHash: passwordHash, until: now.addingTimeInterval(Self.lifetime))
        }
    }
}

extension Request {
    /// The DHIS2 routes: `/api/…` but not chitieu's own `/api/v1/…`. They read no cookie and need no CSRF token.
    var isDHIS2API: Bool {
        let path = url.path
        return path.hasPrefix("/api/") && !path.hasPrefix("/api/v1/") && path != "/api/v1"
    }
}
