import Fluent
import Planning
import Vapor

/// The account rules: creating users, signing in with lockout, passwords, sessions.
enum Accounts {
    static let maximumTextLength = 200

    struct NewUser: Sendable {
        var email: String
        var name: String
        var role: Role
        var organisationCode: String
        var isService = false
        var isDemo = false
    }

    /// Creates a user with a generated password (printed or shown once; must be changed at first sign-in).
    static func create(_ new: NewUser, by actor: Actor, app: Application, on database: any Database) async throws -> (UserRecord, password: String?) {
        let email = try validEmail(new.email)
        let name = try validText(new.name, field: "name")
        try await checkOrganisation(new.organisationCode, fits: new.role, on: database)
        guard try await UserRecord.query(on: database).filter(\.$email == email).first() == nil else { throw AppError.emailTaken(email) }
        let user = UserRecord()
        user.email = email
        user.name = name
        user.role = new.role.rawValue
        user.organisationCode = new.organisationCode
        user.isActive = true
        user.isService = new.isService
        user.isDemo = new.isDemo
        user.mustChangePassword = !new.isService
        let password = new.isService ? nil : Secrets.password()
        if let password { user.passwordHash = try await hash(password, app: app) }
        try await database.writing { db in
            try await user.create(on: db)
            try await Audit.record(AuditChange.diff("user", user.email, old: [:], new: user.auditFields), by: actor, on: db)
        }
        return (user, password)
    }

    /// A new generated password that must be changed at next sign-in; ends the user's sessions and unlocks.
    static func resetPassword(_ user: UserRecord, by actor: Actor, app: Application, on database: any Database) async throws -> String {
        let password = Secrets.password()
        let before = user.auditFields
        user.passwordHash = try await hash(password, app: app)
        user.mustChangePassword = true
        user.lockedUntil = nil
        try await database.writing { db in
            try await user.save(on: db)
            try await UserSessionRecord.query(on: db).filter(\.$user.$id == user.requireID()).delete()
            try await LoginEventRecord(email: user.email, userID: user.id, kind: "unlock", address: nil).create(on: db)
            try await APITokens.revokeAll(of: user, because: "cấp lại mật khẩu", by: actor, on: db)
            // The password itself is never logged: only that it was reset.
            try await Audit.record([AuditChange("user", user.email, "password", old: nil, new: "cấp lại")]
                                   + AuditChange.diff("user", user.email, old: before, new: user.auditFields), by: actor, on: db)
        }
        return password
    }

    /// Sets a password the user chose, after checking it against the rules.
    static func setPassword(_ password: String, confirmation: String, for user: UserRecord, app: Application, on database: any Database) async throws {
        guard password == confirmation else { throw AppError.passwordsDiffer }
        if let problem = PasswordRule.check(password, email: user.email, common: app.commonPasswords) { throw AppError.password(problem) }
        user.passwordHash = try await hash(password, app: app)
        user.mustChangePassword = false
        try await database.writing { db in
            try await user.save(on: db)
            try await APITokens.revokeAll(of: user, because: "đổi mật khẩu", by: .user(user.email), on: db)
            try await Audit.record([AuditChange("user", user.email, "password", old: nil, new: "đổi")], by: .user(user.email), on: db)
        }
    }

    /// Opens a session and returns the cookie token (only its digest is stored).
    static func openSession(for user: UserRecord, on db: any Database) async throws -> String {
        let token = Secrets.token()
        let session = UserSessionRecord()
        session.tokenHash = Secrets.digest(token)
        session.$user.id = try user.requireID()
        session.csrfToken = Secrets.token()
        session.lastSeenAt = Date()
        try await session.create(on: db)
        return token
    }

    /// The organisation exists, is active, and is of a kind the role belongs to.
    static func checkOrganisation(_ code: String, fits role: Role, on db: any Database) async throws {
        guard let organisation = try await OrganisationRecord.query(on: db).filter(\.$code == code).filter(\.$isActive == true).first() else {
            throw AppError.organisationNotFound(code)
        }
        guard role.fits(OrganisationKind(rawValue: organisation.kind) ?? .otherUnit) else {
            throw AppError.roleDoesNotFit(role: role.rawValue, organisation: code)
        }
    }

    static func hash(_ password: String, app: Application) async throws -> String {
        let cost = app.settings.bcryptCost
        return try await app.threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, hash: String, app: Application) async throws -> Bool {
        app.passwordChecks.countVerification()
        return try await app.threadPool.runIfActive { try Bcrypt.verify(password, created: hash) }
    }

    static func validEmail(_ text: String) throws -> String {
        let email = text.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= maximumTextLength, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !Text.hasControlCharacters(email),
              !email.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" }) else {
            throw AppError.invalidField(field: "email", value: text)
        }
        return email
    }

    static func validText(_ text: String, field: String) throws -> String {
        let cleaned = Text.collapsingWhitespace(text)
        guard !cleaned.isEmpty, cleaned.count <= maximumTextLength, !Text.hasControlCharacters(cleaned) else {
            throw AppError.invalidField(field: field, value: String(text.unicodeScalars.filter { $0.properties.generalCategory != .control }))
        }
        return cleaned
    }
}

extension UserRecord {
    /// The fields whose changes the audit log keeps (never the password hash).
    var auditFields: [String: String?] {
        ["name": name, "role": role, "organisation": organisationCode, "active": String(isActive), "service": String(isService),
         "lockedUntil": lockedUntil.map { Audit.timestamp($0) }]
    }
}

extension Application {
    private struct CommonPasswordsKey: StorageKey { typealias Value = Set<String> }

    /// Lower-cased common passwords from `Resources/Security/common-passwords.txt`.
    var commonPasswords: Set<String> {
        get { storage[CommonPasswordsKey.self] ?? [] }
        set { storage[CommonPasswordsKey.self] = newValue }
    }

    func loadCommonPasswords() {
        let path = settings.directory + "Resources/Security/common-passwords.txt"
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        commonPasswords = Set(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }
}
