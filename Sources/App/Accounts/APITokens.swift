import Fluent
import Vapor

/// API tokens: created for oneself (or by an admin for a service account), shown once, stored hashed. Every token
/// expires (90 days unless asked otherwise, at most 365), and every token of a user is revoked when the user's
/// password is changed or reset or the account is deactivated.
enum APITokens {
    static let defaultDays = 90
    static let maximumDays = 365

    struct Created: Sendable {
        let record: APITokenRecord
        /// The token itself — shown once, never stored.
        let token: String
    }

    static func create(for user: UserRecord, name: String, canWrite: Bool, days: Int?, by actor: Actor, on database: any Database) async throws -> Created {
        let name = try Accounts.validText(name, field: "name")
        let days = days ?? defaultDays
        guard (1...maximumDays).contains(days) else { throw AppError.tokenLifetime(days: days) }
        let token = "ct_" + Secrets.token()
        let record = APITokenRecord()
        record.$user.id = try user.requireID()
        record.name = name
        record.tokenHash = Secrets.digest(token)
        record.prefix = String(token.prefix(9))
        record.scope = canWrite ? "write" : "read"
        record.expiresAt = Date().addingTimeInterval(Double(days) * 86_400)
        try await database.writing { db in
            try await record.create(on: db)
            try await Audit.record(AuditChange.diff("api_token", "\(user.email) \(record.prefix)", old: [:],
                                                    new: ["name": name, "scope": record.scope, "expiresAt": record.expiresAt.map { Audit.timestamp($0) }]),
                                   by: actor, on: db)
        }
        return Created(record: record, token: token)
    }

    static func list(of userID: UUID, on db: any Database) async throws -> [APITokenRecord] {
        try await APITokenRecord.query(on: db).filter(\.$user.$id == userID).sort(\.$createdAt, .descending).all()
    }

    /// When a token stops working: its expiry, or — for a token made before every token had one — a year after it was made.
    static func expiry(of record: APITokenRecord) -> Date {
        record.expiresAt ?? (record.createdAt ?? .distantPast).addingTimeInterval(Double(maximumDays) * 86_400)
    }

    /// Revokes every token of `user` still in force (on the caller's transaction), logging each with `reason`.
    static func revokeAll(of user: UserRecord, because reason: String, by actor: Actor, on db: any Database) async throws {
        let now = Date()
        let live = try await APITokenRecord.query(on: db).filter(\.$user.$id == user.requireID()).filter(\.$revokedAt == nil).all()
        for record in live {
            record.revokedAt = now
            try await record.save(on: db)
        }
        try await Audit.record(live.map { AuditChange("api_token", $0.prefix, "revokedAt", old: nil, new: Audit.timestamp(now)) },
                               by: actor, reason: reason, on: db)
    }

    /// Revokes one of `userID`'s tokens; someone else's token is "not found", never revealed.
    static func revoke(_ id: UUID, of userID: UUID, by actor: Actor, on database: any Database) async throws {
        guard let record = try await APITokenRecord.query(on: database).filter(\.$id == id).filter(\.$user.$id == userID).first() else {
            throw AppError.tokenNotFound
        }
        guard record.revokedAt == nil else { return }
        let now = Date()
        record.revokedAt = now
        try await database.writing { db in
            try await record.save(on: db)
            try await Audit.record([AuditChange("api_token", record.prefix, "revokedAt", old: nil, new: Audit.timestamp(now))], by: actor, on: db)
        }
    }
}

struct TokenDTO: Content {
    let id: UUID
    let name: String
    let prefix: String
    let scope: String
    let expiresAt: Date
    @Nullable var revokedAt: Date?
    @Nullable var lastUsedAt: Date?
    @Nullable var createdAt: Date?
    /// Only in the answer to creation.
    @Nullable var token: String?

    init(_ record: APITokenRecord, token: String? = nil) throws {
        id = try record.requireID()
        name = record.name
        prefix = record.prefix
        scope = record.scope
        expiresAt = APITokens.expiry(of: record)
        revokedAt = record.revokedAt
        lastUsedAt = record.lastUsedAt
        createdAt = record.createdAt
        self.token = token
    }


}

struct MeDTO: Content {
    let email: String
    let name: String
    let role: String
    let organisation: String
    let mustChangePassword: Bool
}
