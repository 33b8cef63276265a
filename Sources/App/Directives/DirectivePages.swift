import Fluent
import Foundation
import Planning
import Vapor

/// One directive as a list row or a block line.
struct DirectiveRow: Encodable {
    let id: String
    let kind: String
    let subject: String
    let subjectName: String
    let subjectLink: String?
    let text: String
    let addressees: [String]
    let due: String?
    let status: String
    let statusLabel: String
    let overdue: Bool
    /// "1/2": addressees that replied / addressees.
    let replied: String

    init(_ record: DirectiveRecord, subjects: DirectiveSubjects, today: Day, language: Language) throws {
        id = try record.requireID().uuidString
        kind = Localizer.text("directive.subject.\(record.subjectKind)", language)
        subject = record.subjectCode
        subjectName = subjects.name(record)
        subjectLink = subjects.link(record)
        text = record.text
        addressees = record.addressees.map(subjects.organisationName)
        due = record.due?.vietnamese
        status = record.status
        statusLabel = Localizer.text("directive.status.\(record.status)", language)
        overdue = DirectiveRules.isOverdue(due: record.due, status: record.directiveStatus, today: today)
        let replied = Set((record.$replies.value ?? []).map(\.organisationCode))
        self.replied = "\(record.addressees.filter(replied.contains).count)/\(record.addressees.count)"
    }
}

/// `/directives`: the list with its filters, and the form leadership writes a directive with.
struct DirectivesPage: Encodable {
    let layout: Layout
    let rows: [DirectiveRow]
    let statuses: [Choice]
    let kinds: [Choice]
    let addressees: [Choice]
    let subject: String
    let overdue: Bool
    let mayDirect: Bool
    let indicators: [Choice]
    let organisations: [Choice]
    let tasks: [Choice]
    let typed: Directives.Input?
    let error: String?

    init(_ req: Request, typed: Directives.Input? = nil, error: String? = nil) async throws {
        let language = req.language
        let user = try req.requireUser()
        let filter = try DirectiveController.filter(req)
        let subjects = try await DirectiveSubjects.load(on: req.db)
        let today = Day(Date())
        layout = Layout(req, title: Localizer.text("directive.title", language))
        rows = try await Directives.list(filter, for: user, today: today, on: req.db).map { try DirectiveRow($0, subjects: subjects, today: today, language: language) }
        statuses = DirectiveStatus.allCases.map { Choice(value: $0.rawValue, label: Localizer.text("directive.status.\($0.rawValue)", language), selected: $0 == filter.status) }
        kinds = DirectiveController.kinds.map { Choice(value: $0, label: Localizer.text("directive.subject.\($0)", language), selected: $0 == filter.kind) }
        addressees = subjects.organisationOrder.map { Choice(value: $0.code, label: $0.name, selected: $0.code == filter.addressee) }
        subject = filter.subject ?? ""
        overdue = filter.overdue
        mayDirect = DirectiveRules.mayDirect(user.role)
        indicators = subjects.indicators.map { Choice(value: $0.code, label: "\($0.code) · \($0.name)", selected: $0.code == typed?.indicator) }
        organisations = subjects.organisationOrder.map { Choice(value: $0.code, label: $0.name, selected: $0.code == typed?.organisation) }
        tasks = subjects.tasks.map { Choice(value: $0.code, label: "\($0.code) · \($0.name)", selected: $0.code == typed?.task) }
        self.typed = typed
        self.error = error
    }
}

/// `/directives/{id}`: the directive, its replies, and the forms the signed-in user may use.
struct DirectivePage: Encodable {
    struct Reply: Encodable {
        let organisation: String
        let author: String
        let when: String
        let text: String
    }

    let layout: Layout
    let directive: DirectiveRow
    let createdBy: String
    let createdAt: String
    let replies: [Reply]
    let pending: [String]
    let closingNote: String?
    let closed: String?
    let mayReply: Bool
    let mayClose: Bool
    let mayReopen: Bool
    let done: String?
    let error: String?

    init(_ req: Request, _ record: DirectiveRecord, error: String? = nil) async throws {
        let language = req.language
        let user = try req.requireUser()
        let subjects = try await DirectiveSubjects.load(on: req.db)
        let dto = try DirectiveDTO(record, today: Day(Date()))
        layout = Layout(req, title: Localizer.text("directive.one", language))
        directive = try DirectiveRow(record, subjects: subjects, today: Day(Date()), language: language)
        createdBy = record.createdByName
        createdAt = DateText.dayTime(record.createdAt)
        replies = dto.replies.map { Reply(organisation: subjects.organisationName($0.organisation), author: $0.authorName, when: DateText.dayTime($0.at), text: $0.text) }
        pending = dto.pending.map(subjects.organisationName)
        closingNote = record.closingNote
        closed = record.closedAt.map(DateText.dayTime)
        mayReply = (try? DirectiveRules.reply(role: user.role, organisation: user.organisationCode, addressees: record.addressees,
                                              status: record.directiveStatus, text: "-").get()) != nil
        mayClose = (try? DirectiveRules.close(record.directiveStatus, by: user.role, note: "-").get()) != nil
        mayReopen = (try? DirectiveRules.reopen(record.directiveStatus, by: user.role, addressees: [], repliedBy: []).get()) != nil
        done = req.query[String.self, at: "done"].flatMap { ["create", "reply", "close", "reopen"].contains($0) ? Localizer.text("directive.done.\($0)", language) : nil }
        self.error = error
    }
}

/// The directives about one indicator, unit or task, for a small block on its page (those the user may read).
struct DirectiveBlock: Encodable {
    let rows: [DirectiveRow]
    let link: String

    init(_ req: Request, kind: String, code: String) async throws {
        let today = Day(Date())
        let filter = Directives.Filter(kind: kind, subject: code)
        let records = try await Directives.list(filter, for: try req.requireUser(), today: today, on: req.db)
        let subjects = try await DirectiveSubjects.load(on: req.db)
        rows = try records.prefix(5).map { try DirectiveRow($0, subjects: subjects, today: today, language: req.language) }
        link = "/directives?" + DashboardFilters.encode([("kind", kind), ("subject", code)])
    }
}
