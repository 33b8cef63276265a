import Fluent
import Planning
import Vapor

/// What an administrator does to accounts. Each function is the single place its rule lives.
enum UserAdmin {
    struct Change: Content {
        var name: String?
        var role: String?
        var organisation: String?
        var active: Bool?
    }

    static func find(_ id: UUID?, on db: any Database) async throws -> UserRecord {
        guard let id, let user = try await UserRecord.find(id, on: db) else { throw AppError.userNotFound(id?.uuidString ?? "") }
        return user
    }

    /// Changes name, role, organisation or active state; deactivating ends the user's sessions and tokens' use.
    static func update(_ user: UserRecord, with change: Change, actor: CurrentUser, on database: any Database) async throws {
        let before = user.auditFields
        if let name = change.name { user.name = try Accounts.validText(name, field: "name") }
        if let roleText = change.role {
            guard let role = Role(rawValue: roleText) else { throw AppError.invalidField(field: "role", value: roleText) }
            user.role = role.rawValue
        }
        if let code = change.organisation { user.organisationCode = code }
        if change.organisation != nil || change.role != nil {
            try await Accounts.checkOrganisation(user.organisationCode, fits: Role(rawValue: user.role) ?? .unitReporter, on: database)
        }
        if let active = change.active {
            // An administrator cannot lock themselves out by deactivating their own account.
            if !active && user.id == actor.id { throw AppError.forbidden }
            user.isActive = active
        }
        if user.id == actor.id, user.role != Role.admin.rawValue { throw AppError.forbidden }
        try await database.writing { db in
            try await user.save(on: db)
            if !user.isActive {
                try await UserSessionRecord.query(on: db).filter(\.$user.$id == user.requireID()).delete()
                try await APITokens.revokeAll(of: user, because: "ngừng tài khoản", by: .user(actor.email), on: db)
            }
            try await Audit.record(AuditChange.diff("user", user.email, old: before, new: user.auditFields), by: .user(actor.email), on: db)
        }
    }

    static func unlock(_ user: UserRecord, by actor: Actor, on database: any Database) async throws {
        let before = user.auditFields
        user.lockedUntil = nil
        try await database.writing { db in
            try await user.save(on: db)
            // Lockouts count from the last unlock: every address may try again.
            try await LoginEventRecord(email: user.email, userID: user.id, kind: "unlock", address: nil).create(on: db)
            try await Audit.record(AuditChange.diff("user", user.email, old: before, new: user.auditFields), by: actor, on: db)
        }
    }
}

struct UserDTO: Content {
    let id: UUID
    let email: String
    let name: String
    let role: String
    let organisation: String
    let active: Bool
    let locked: Bool
    let mustChangePassword: Bool
    let service: Bool
    let demo: Bool
    /// Only in the answer to creating a user or resetting a password.
    @Nullable var password: String?

    init(_ user: UserRecord, password: String? = nil) throws {
        id = try user.requireID()
        email = user.email
        name = user.name
        role = user.role
        organisation = user.organisationCode
        active = user.isActive
        locked = user.lockedUntil.map { $0 > Date() } ?? false
        mustChangePassword = user.mustChangePassword
        service = user.isService
        demo = user.isDemo
        self.password = password
    }


}
