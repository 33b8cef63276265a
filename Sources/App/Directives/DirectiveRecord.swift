import Fluent
import Foundation
import Planning

/// Chỉ đạo — a directive of the Ban Chỉ đạo (leadership) about one indicator, unit or task, to the organisations that
/// must act on it, tracked until leadership closes it.
final class DirectiveRecord: Model, @unchecked Sendable {
    static let schema = "directives"

    @ID(key: .id) var id: UUID?
    @Field(key: "plan_code") var planCode: String
    /// `indicator`, `organisation` or `task` (`DirectiveSubject.kind`).
    @Field(key: "subject_kind") var subjectKind: String
    /// The indicator's code, the organisation's code, or the task's code within the plan.
    @Field(key: "subject_code") var subjectCode: String
    @Field(key: "text") var text: String
    /// Organisation codes whose staff must reply.
    @Field(key: "addressees") var addressees: [String]
    /// ISO day, when one was set.
    @OptionalField(key: "due_on") var dueOn: String?
    /// `DirectiveStatus`.
    @Field(key: "status") var status: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_by_name") var createdByName: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "closed_by") var closedBy: String?
    @OptionalField(key: "closing_note") var closingNote: String?
    @Children(for: \.$directive) var replies: [DirectiveReplyRecord]

    init() {}

    var subject: DirectiveSubject? { DirectiveSubject(kind: subjectKind, code: subjectCode) }
    var directiveStatus: DirectiveStatus { DirectiveStatus(rawValue: status) ?? .open }
    var due: Day? { dueOn.flatMap { Day(iso: $0) } }

    var fields: [String: String?] {
        ["subject": "\(subjectKind):\(subjectCode)", "text": text, "addressees": addressees.joined(separator: ";"), "due": dueOn,
         "status": status, "closingNote": closingNote]
    }
}

/// A reply of an addressed organisation's staff: kept with its author and time, never changed.
final class DirectiveReplyRecord: Model, @unchecked Sendable {
    static let schema = "directive_replies"

    @ID(key: .id) var id: UUID?
    @Parent(key: "directive_id") var directive: DirectiveRecord
    @Field(key: "organisation_code") var organisationCode: String
    @Field(key: "author") var author: String
    @Field(key: "author_name") var authorName: String
    @Field(key: "text") var text: String
    @Field(key: "at") var at: Date

    init() {}
}

struct CreateDirectives: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DirectiveRecord.schema)
            .id()
            .field("plan_code", .string, .required)
            .field("subject_kind", .string, .required)
            .field("subject_code", .string, .required)
            .field("text", .string, .required)
            .field("addressees", .array(of: .string), .required)
            .field("due_on", .string)
            .field("status", .string, .required)
            .field("created_by", .string, .required)
            .field("created_by_name", .string, .required)
            .field("created_at", .datetime, .required)
            .field("closed_at", .datetime)
            .field("closed_by", .string)
            .field("closing_note", .string)
            .create()
        try await database.schema(DirectiveReplyRecord.schema)
            .id()
            .field("directive_id", .uuid, .required, .references(DirectiveRecord.schema, "id"))
            .field("organisation_code", .string, .required)
            .field("author", .string, .required)
            .field("author_name", .string, .required)
            .field("text", .string, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DirectiveReplyRecord.schema).delete()
        try await database.schema(DirectiveRecord.schema).delete()
    }
}
