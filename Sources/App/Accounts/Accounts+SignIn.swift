import Fluent
import Planning
import Vapor

/// Signing in, and the current-password check of a password change, with their limits.
///
/// Two limits, both counted from the login events in the database (so they hold across restarts and processes):
/// - per client address: 20 failed attempts (sign-ins and current-password checks, any account) in 15 minutes;
/// - per account *and* address: 5 failures in 15 minutes lock that account from that address for 15 minutes.
/// A lockout never reaches another address: someone guessing an administrator's password from one place cannot keep
/// the administrator out from another. Both are "429 Too Many Requests" with `Retry-After`; they count the e-mail
/// typed, known or not, so that the answer never tells whether an account exists.
extension Accounts {
    static let maximumFailures = 5
    static let maximumAddressFailures = 20
    static let lockoutWindow: TimeInterval = 15 * 60
    static let lockoutDuration: TimeInterval = 15 * 60

    /// Checks email and password. Every outcome is recorded (login events and the change log). Failure always
    /// reads "wrong user name or password" and always costs one bcrypt verification, against a dummy hash of the
    /// same cost when there is no usable account, so that its time tells nothing either.
    static func signIn(email rawEmail: String, password: String, address: String?, app: Application, on db: any Database) async throws -> UserRecord {
        let email = String(String(rawEmail.trimmingCharacters(in: .whitespaces).lowercased().prefix(maximumTextLength))
            .unicodeScalars.filter { $0.properties.generalCategory != .control })
        let now = Date()
        // Nothing that could not be a real account reaches the database (NUL breaks PostgreSQL), and a
        // password past bcrypt's 72 bytes is never compared (its first 72 bytes alone would match).
        let malformed = Text.hasControlCharacters(rawEmail) || Text.hasControlCharacters(password) || password.utf8.count > PasswordRule.maximumBytes
        try await checkAddress(address, now: now, on: db)
        if let wait = try await lockout(email: email, address: address, now: now, on: db) {
            _ = try await verify("", hash: dummyHash(app), app: app)
            throw AppError.tooManyAttempts(retryAfter: wait)
        }
        let user = malformed ? nil : try await UserRecord.query(on: db).filter(\.$email == email).first()
        let usable = user.flatMap { $0.isActive && !$0.isService ? $0.passwordHash : nil }
        let against = if let usable { usable } else { try await dummyHash(app) }
        let matches = try await verify(malformed ? "" : password, hash: against, app: app)
        guard let user, usable != nil, matches else {
            try await recordFailure(email: email, user: user, address: address, now: now, on: db)
            throw AppError.wrongCredentials
        }
        user.lockedUntil = nil
        try await user.save(on: db)
        try await LoginEventRecord(email: email, userID: user.id, kind: "success", address: address).create(on: db)
        try await Audit.record([AuditChange("login", email, "success", old: nil, new: address ?? "-")], by: .user(email), on: db)
        return user
    }

    /// The current password of a change of password: the same per-address limit, and 5 wrong ones per account and
    /// address in 15 minutes.
    static func checkCurrentPassword(_ password: String, of user: UserRecord, address: String?, app: Application, on db: any Database) async throws {
        let now = Date()
        try await checkAddress(address, now: now, on: db)
        let since = now.addingTimeInterval(-lockoutWindow)
        let recent = try await events(["password-failure"], email: user.email, address: address, since: since, on: db)
        if recent.count >= maximumFailures { throw AppError.tooManyAttempts(retryAfter: wait(recent, limit: maximumFailures, now: now)) }
        guard let hash = user.passwordHash, try await verify(password, hash: hash, app: app) else {
            try await LoginEventRecord(email: user.email, userID: user.id, kind: "password-failure", address: address).create(on: db)
            throw AppError.wrongCurrentPassword
        }
    }

    /// Records a failure; the fifth within the window (since the last success or unlock) locks the account from this address.
    private static func recordFailure(email: String, user: UserRecord?, address: String?, now: Date, on db: any Database) async throws {
        try await LoginEventRecord(email: email, userID: user?.id, kind: "failure", address: address).create(on: db)
        var changes = [AuditChange("login", email, "failure", old: nil, new: address ?? "-")]
        let since = max(now.addingTimeInterval(-lockoutWindow), try await lastReset(email: email, address: address, on: db) ?? .distantPast)
        let failures = try await events(["failure"], email: email, address: address, since: since, on: db).count
        if failures >= maximumFailures {
            try await LoginEventRecord(email: email, userID: user?.id, kind: "lockout", address: address).create(on: db)
            changes.append(AuditChange("login", email, "lockout", old: nil, new: address ?? "-"))
            if let user {
                let before = user.auditFields
                user.lockedUntil = now.addingTimeInterval(lockoutDuration)
                try await user.save(on: db)
                changes += AuditChange.diff("user", email, old: before, new: user.auditFields)
            }
        }
        try await Audit.record(changes, by: .system, on: db)
    }

    /// Seconds until `email` may try again from `address`, or nil when it is not locked out from there.
    static func lockout(email: String, address: String?, now: Date, on db: any Database) async throws -> Int? {
        let since = max(now.addingTimeInterval(-lockoutDuration), try await lastUnlock(email: email, on: db) ?? .distantPast)
        guard let last = try await events(["lockout"], email: email, address: address, since: since, on: db).last else { return nil }
        return max(1, Int((last.at.addingTimeInterval(lockoutDuration).timeIntervalSince(now)).rounded(.up)))
    }

    /// Refuses an address with too many failures in the window, whatever the account.
    static func checkAddress(_ address: String?, now: Date, on db: any Database) async throws {
        let recent = try await events(["failure", "password-failure"], email: nil, address: address, since: now.addingTimeInterval(-lockoutWindow), on: db)
        if recent.count >= maximumAddressFailures {
            throw AppError.tooManyAttempts(retryAfter: wait(recent, limit: maximumAddressFailures, now: now))
        }
    }

    /// Seconds until enough of `recent` (oldest first) leave the window for one more attempt.
    private static func wait(_ recent: [LoginEventRecord], limit: Int, now: Date) -> Int {
        let index = recent.count - limit
        guard recent.indices.contains(index) else { return 1 }
        return max(1, Int(recent[index].at.addingTimeInterval(lockoutWindow).timeIntervalSince(now).rounded(.up)))
    }

    /// Events of `kinds` (for `email`, or any) from `address` (nil: requests without one) since `since`, oldest first.
    private static func events(_ kinds: [String], email: String?, address: String?, since: Date, on db: any Database) async throws -> [LoginEventRecord] {
        let query = LoginEventRecord.query(on: db).filter(\.$kind ~~ kinds).filter(\.$at > since).sort(\.$at)
        if let email { query.filter(\.$email == email) }
        if let address { query.filter(\.$address == address) } else { query.filter(\.$address == nil) }
        return try await query.all()
    }

    private static func lastReset(email: String, address: String?, on db: any Database) async throws -> Date? {
        let query = LoginEventRecord.query(on: db).filter(\.$email == email).filter(\.$kind == "success")
        if let address { query.filter(\.$address == address) } else { query.filter(\.$address == nil) }
        let success = try await query.sort(\.$at, .descending).first()?.at
        let unlock = try await lastUnlock(email: email, on: db)
        return [success, unlock].compactMap { $0 }.max()
    }

    private static func lastUnlock(email: String, on db: any Database) async throws -> Date? {
        try await LoginEventRecord.query(on: db).filter(\.$email == email).filter(\.$kind == "unlock").sort(\.$at, .descending).first()?.at
    }

    /// A bcrypt hash of a random password at the configured cost, made once per app: what a failed sign-in without a
    /// usable account is verified against.
    static func dummyHash(_ app: Application) async throws -> String {
        if let hash = app.passwordChecks.dummyHash { return hash }
        let hash = try await Accounts.hash(Secrets.token(), app: app)
        app.passwordChecks.dummyHash = hash
        return hash
    }
}

/// The dummy hash, and a count of bcrypt verifications (so that a test can see that every failed sign-in pays for one).
final class PasswordChecks: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var dummy: String?

    func countVerification() { lock.withLock { count += 1 } }
    var verifications: Int { lock.withLock { count } }
    var dummyHash: String? {
        get { lock.withLock { dummy } }
        set { lock.withLock { dummy = newValue } }
    }
}

extension Application {
    private struct PasswordChecksKey: StorageKey { typealias Value = PasswordChecks }

    /// Set up by `configure`, before any request.
    var passwordChecks: PasswordChecks {
        get {
            if let checks = storage[PasswordChecksKey.self] { return checks }
            let checks = PasswordChecks()
            storage[PasswordChecksKey.self] = checks
            return checks
        }
        set { storage[PasswordChecksKey.self] = newValue }
    }
}

extension AppError {
    /// The refusals the sign-in form shows on itself.
    var isSignInRefusal: Bool {
        switch self {
        case .wrongCredentials, .tooManyAttempts: true
        default: false
        }
    }
}

extension Request {
    /// The client's address for the sign-in limits: the peer, or — behind a reverse proxy named trusted by
    /// `TRUST_FORWARDED_FOR=1` — the last address of `X-Forwarded-For` (the one that proxy added).
    var clientAddress: String? {
        if application.settings.trustForwardedFor,
           let forwarded = headers.first(name: "X-Forwarded-For")?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
           !forwarded.isEmpty, forwarded.count <= 64 {
            return forwarded
        }
        return remoteAddress?.ipAddress
    }
}
