import Foundation
import Planning
import Vapor

/// A directive as the API gives it, with its replies and the addressees still to reply.
struct DirectiveDTO: Content {
    struct Reply: Content {
        var organisation: String
        var author: String
        var authorName: String
        var text: String
        var at: Date
    }

    var id: UUID
    var plan: String
    /// `indicator`, `organisation` or `task`.
    var subjectKind: String
    var subjectCode: String
    var text: String
    var addressees: [String]
    /// dd/mm/yyyy.
    var due: String?
    var status: String
    var overdue: Bool
    var createdBy: String
    var createdByName: String
    var createdAt: Date
    var closedAt: Date?
    var closedBy: String?
    var closingNote: String?
    var replies: [Reply]
    /// Addressees that have not replied yet.
    var pending: [String]

    init(_ record: DirectiveRecord, today: Day) throws {
        id = try record.requireID()
        plan = record.planCode
        subjectKind = record.subjectKind
        subjectCode = record.subjectCode
        text = record.text
        addressees = record.addressees
        due = record.due?.vietnamese
        status = record.status
        overdue = DirectiveRules.isOverdue(due: record.due, status: record.directiveStatus, today: today)
        createdBy = record.createdBy
        createdByName = record.createdByName
        createdAt = record.createdAt
        closedAt = record.closedAt
        closedBy = record.closedBy
        closingNote = record.closingNote
        replies = record.$replies.value.map { $0.sorted { $0.at < $1.at } }?.map {
            Reply(organisation: $0.organisationCode, author: $0.author, authorName: $0.authorName, text: $0.text, at: $0.at)
        } ?? []
        let replied = Set(replies.map(\.organisation))
        pending = record.addressees.filter { !replied.contains($0) }
    }
}

/// `{"note": "…"}` to close, `{"reason": "…"}` to reopen, `{"text": "…"}` to reply.
struct DirectiveStepInput: Content {
    var note: String?
    var reason: String?
    var text: String?
}
