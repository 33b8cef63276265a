import Fluent
import Foundation

/// An in-app notice for one user (a reminder, a returned report), in both languages.
final class NotificationRecord: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "text_vi") var textVietnamese: String
    @Field(key: "text_en") var textEnglish: String
    @OptionalField(key: "link") var link: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}

    init(userID: UUID, kind: String, vietnamese: String, english: String, link: String?, at: Date) {
        self.userID = userID
        self.kind = kind
        textVietnamese = vietnamese
        textEnglish = english
        self.link = link
        createdAt = at
    }
}

/// A reminder sent to an organisation in a cycle, by hand or automatically (at most one automatic a day).
final class ReminderRecord: Model, @unchecked Sendable {
    static let schema = "reminders"

    @ID(key: .id) var id: UUID?
    @Field(key: "cycle_id") var cycleID: UUID
    @Field(key: "organisation_code") var organisationCode: String
    /// The day in Việt Nam it was sent (ISO).
    @Field(key: "sent_on") var sentOn: String
    @Field(key: "sent_at") var sentAt: Date
    @Field(key: "automatic") var automatic: Bool
    @Field(key: "actor") var actor: String
    @Field(key: "recipients") var recipients: Int
    /// `email` when mail went out through SMTP, `log` when it was only logged.
    @Field(key: "channel") var channel: String

    init() {}
}

struct CreateNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(NotificationRecord.schema)
            .id()
            .field("user_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("text_vi", .string, .required)
            .field("text_en", .string, .required)
            .field("link", .string)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        try await database.schema(ReminderRecord.schema)
            .id()
            .field("cycle_id", .uuid, .required)
            .field("organisation_code", .string, .required)
            .field("sent_on", .string, .required)
            .field("sent_at", .datetime, .required)
            .field("automatic", .bool, .required)
            .field("actor", .string, .required)
            .field("recipients", .int, .required)
            .field("channel", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReminderRecord.schema).delete()
        try await database.schema(NotificationRecord.schema).delete()
    }
}
