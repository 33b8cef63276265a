import Fluent
import Foundation

/// A person (or a service account for integrations) who signs in.
final class UserRecord: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    /// Lower-cased; the user name people type.
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "role") var role: String
    @Field(key: "organisation_code") var organisationCode: String
    /// Bcrypt hash; nil for a service account, which never signs in with a password.
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @Field(key: "is_active") var isActive: Bool
    @Field(key: "is_service") var isService: Bool
    @Field(key: "is_demo") var isDemo: Bool
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// A signed-in browser. The cookie holds a random token; only its SHA-256 is stored.
final class UserSessionRecord: Model, @unchecked Sendable {
    static let schema = "user_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: UserRecord
    /// The synchronizer token every state-changing form of this session must carry.
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// An API token for scripts and the provincial data platform. Shown once; only its SHA-256 is stored.
final class APITokenRecord: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserRecord
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    /// The first characters, so people can tell their tokens apart.
    @Field(key: "prefix") var prefix: String
    /// `read` or `write`.
    @Field(key: "scope") var scope: String
    @OptionalField(key: "expires_at") var expiresAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// Every sign-in, failure, lockout and sign-out, kept for review.
final class LoginEventRecord: Model, @unchecked Sendable {
    static let schema = "login_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @OptionalField(key: "user_id") var userID: UUID?
    /// `success`, `failure`, `lockout`, `logout`.
    @Field(key: "kind") var kind: String
    @OptionalField(key: "address") var address: String?
    @Field(key: "at") var at: Date

    init() {}

    init(email: String, userID: UUID?, kind: String, address: String?, at: Date = Date()) {
        self.email = email
        self.userID = userID
        self.kind = kind
        self.address = address
        self.at = at
    }
}

struct CreateAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UserRecord.schema)
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("organisation_code", .string, .required)
            .field("password_hash", .string)
            .field("must_change_password", .bool, .required)
            .field("is_active", .bool, .required)
            .field("is_service", .bool, .required)
            .field("is_demo", .bool, .required)
            .field("locked_until", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email")
            .create()
        try await database.schema(UserSessionRecord.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references(UserRecord.schema, .id, onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("last_seen_at", .datetime, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema(APITokenRecord.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserRecord.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("prefix", .string, .required)
            .field("scope", .string, .required)
            .field("expires_at", .datetime)
            .field("revoked_at", .datetime)
            .field("last_used_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema(LoginEventRecord.schema)
            .id()
            .field("email", .string, .required)
            .field("user_id", .uuid)
            .field("kind", .string, .required)
            .field("address", .string)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [LoginEventRecord.schema, APITokenRecord.schema, UserSessionRecord.schema, UserRecord.schema] {
            try await database.schema(schema).delete()
        }
    }
}
