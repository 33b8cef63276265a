import Fluent
import Foundation
import Planning
import Vapor

/// Directives of the Ban Chỉ đạo: written by leadership, notified to the addressed organisations, replied to by their
/// staff, closed (and reopened) by leadership. Every change is logged in the same transaction.
enum Directives {
    /// What leadership writes: exactly one of `indicator`, `organisation`, `task` (codes); addressees default to the
    /// subject's lead office(s) / the unit / the task's lead; `due` dd/mm/yyyy or ISO.
    struct Input: Content, Sendable {
        var indicator: String?
        var organisation: String?
        var task: String?
        var text: String
        var addressees: [String]?
        var due: String?
    }

    struct Filter: Sendable {
        var status: DirectiveStatus?
        var kind: String?
        var subject: String?
        var addressee: String?
        var overdue = false
    }

    static func create(_ input: Input, by user: CurrentUser, app: Application, on db: any Database) async throws -> DirectiveRecord {
        guard DirectiveRules.mayDirect(user.role) else { throw DirectiveError.refused(.notAllowed(user.role)) }
        let subject = try checked(DirectiveRules.subject(indicator: input.indicator, organisation: input.organisation, task: input.task))
        let text = input.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { throw DirectiveError.refused(.textRequired) }
        if text.count > DirectiveRules.maximumTextLength { throw DirectiveError.tooLong(field: "text", limit: DirectiveRules.maximumTextLength) }
        let plan = try await PlanQueries.resolve(nil, on: db)
        let (code, defaults) = try await resolve(subject, plan: plan, on: db)
        let names = try await Directory.names(on: db)
        let given = (input.addressees ?? []).map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
        if let unknown = given.first(where: { names[$0] == nil }) { throw DirectiveError.unknownAddressee(unknown) }
        let typedDue = (input.due ?? "").trimmingCharacters(in: .whitespaces)
        let due = DayInput.parse(typedDue)
        if !typedDue.isEmpty && due == nil { throw DirectiveError.invalidDue(typedDue) }
        let directive = DirectiveRecord()
        directive.planCode = plan.code
        directive.subjectKind = subject.kind
        directive.subjectCode = code
        directive.text = text
        directive.addressees = (given.isEmpty ? defaults : given).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        directive.dueOn = due?.iso
        directive.status = DirectiveStatus.open.rawValue
        directive.createdBy = user.email
        directive.createdByName = user.name
        directive.createdAt = Date()
        let mails = try await db.writing { tx -> [Mail] in
            try await directive.create(on: tx)
            try await Audit.record(AuditChange.diff("directive", try directive.requireID().uuidString, old: [:], new: directive.fields), by: .user(user.email), on: tx)
            let gist = String(Text.collapsingWhitespace(text).prefix(200))
            let about = Localizer.text("directive.subject.\(subject.kind)", .vietnamese).lowercased()
            let vi = "Chỉ đạo của Ban Chỉ đạo về \(about) \(code): \(gist)" + (due.map { " (hạn trả lời \($0.vietnamese))" } ?? "")
            let en = "Directive of the Steering Committee on \(subject.kind) \(code): \(gist)" + (due.map { " (reply by \($0.vietnamese))" } ?? "")
            return try await notify(directive.addressees, vi: vi, en: en, link: "/directives/\(try directive.requireID())", on: tx)
        }
        await app.mailer.send(mails, logger: app.logger)
        return directive
    }

    /// The subject's code as stored and the organisations it goes to by default; refuses a subject that does not exist.
    static func resolve(_ subject: DirectiveSubject, plan: PlanRecord, on db: any Database) async throws -> (String, [String]) {
        switch subject {
        case .indicator(let code):
            guard let indicator = try await IndicatorRecord.query(on: db).filter(\.$plan.$id == plan.requireID())
                .filter(\.$code == code.uppercased()).first() else { throw DirectiveError.unknownSubject(field: "indicator", code: code) }
            return (indicator.code, indicator.leadOffices)
        case .organisation(let code):
            guard let organisation = try await OrganisationRecord.query(on: db).filter(\.$code == code.uppercased()).first() else {
                throw DirectiveError.unknownSubject(field: "organisation", code: code)
            }
            return (organisation.code, [organisation.code])
        case .task(let code):
            guard let task = try await TaskRecord.query(on: db).filter(\.$planCode == plan.code).filter(\.$code == code).first() else {
                throw DirectiveError.unknownSubject(field: "task", code: code)
            }
            return (task.code, [task.leadCode])
        }
    }

    static func reply(_ directive: DirectiveRecord, text: String, by user: CurrentUser, app: Application, on db: any Database) async throws {
        try checked(DirectiveRules.reply(role: user.role, organisation: user.organisationCode, addressees: directive.addressees,
                                         status: directive.directiveStatus, text: text))
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count > DirectiveRules.maximumTextLength { throw DirectiveError.tooLong(field: "text", limit: DirectiveRules.maximumTextLength) }
        let id = try directive.requireID()
        let mails = try await db.writing { tx -> [Mail] in
            let reply = DirectiveReplyRecord()
            reply.$directive.id = id
            reply.organisationCode = user.organisationCode
            reply.author = user.email
            reply.authorName = user.name
            reply.text = text
            reply.at = Date()
            try await reply.create(on: tx)
            let replied = Set(try await DirectiveReplyRecord.query(on: tx).filter(\.$directive.$id == id).all().map(\.organisationCode))
            let before = directive.status
            directive.status = DirectiveRules.status(addressees: directive.addressees, repliedBy: replied, closed: false).rawValue
            try await directive.save(on: tx)
            try await Audit.record([AuditChange("directive", id.uuidString, "reply", old: nil, new: "\(user.organisationCode): \(text)"),
                                    AuditChange("directive", id.uuidString, "status", old: before, new: directive.status)].filter { $0.oldValue != $0.newValue },
                                   by: .user(user.email), on: tx)
            let vi = "\(user.organisationCode) đã trả lời chỉ đạo về \(directive.subjectCode)."
            let en = "\(user.organisationCode) replied to the directive on \(directive.subjectCode)."
            let leaders = try await UserRecord.query(on: tx).filter(\.$email == directive.createdBy).filter(\.$isActive == true).all()
            try await Notifications.notify(leaders, kind: "directive", vietnamese: vi, english: en, link: "/directives/\(id)", on: tx)
            return []
        }
        await app.mailer.send(mails, logger: app.logger)
    }

    static func close(_ directive: DirectiveRecord, note: String, by user: CurrentUser, on db: any Database) async throws {
        let to = try checked(DirectiveRules.close(directive.directiveStatus, by: user.role, note: note))
        try await db.writing { tx in
            let before = directive.fields
            directive.status = to.rawValue
            directive.closingNote = note.trimmingCharacters(in: .whitespacesAndNewlines)
            directive.closedAt = Date()
            directive.closedBy = user.email
            try await directive.save(on: tx)
            try await Audit.record(AuditChange.diff("directive", try directive.requireID().uuidString, old: before, new: directive.fields),
                                   by: .user(user.email), reason: directive.closingNote, on: tx)
        }
    }

    static func reopen(_ directive: DirectiveRecord, reason: String?, by user: CurrentUser, on db: any Database) async throws {
        let id = try directive.requireID()
        let replied = Set(try await DirectiveReplyRecord.query(on: db).filter(\.$directive.$id == id).all().map(\.organisationCode))
        let to = try checked(DirectiveRules.reopen(directive.directiveStatus, by: user.role, addressees: directive.addressees, repliedBy: replied))
        try await db.writing { tx in
            let before = directive.fields
            directive.status = to.rawValue
            directive.closingNote = nil
            directive.closedAt = nil
            directive.closedBy = nil
            try await directive.save(on: tx)
            let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
            try await Audit.record(AuditChange.diff("directive", id.uuidString, old: before, new: directive.fields),
                                   by: .user(user.email), reason: reason?.isEmpty == false ? reason : nil, on: tx)
        }
    }

    /// The directives `user` may read, newest first, narrowed by the filter (an empty filter is any).
    static func list(_ filter: Filter, for user: CurrentUser, today: Day, on db: any Database) async throws -> [DirectiveRecord] {
        let query = DirectiveRecord.query(on: db).with(\.$replies).sort(\.$createdAt, .descending)
        if let status = filter.status { query.filter(\.$status == status.rawValue) }
        if let kind = filter.kind { query.filter(\.$subjectKind == kind) }
        if let subject = filter.subject { query.filter(\.$subjectCode == subject) }
        return try await query.all().filter { directive in
            DirectiveRules.mayRead(role: user.role, organisation: user.organisationCode, addressees: directive.addressees)
                && (filter.addressee.map { directive.addressees.contains($0) } ?? true)
                && (!filter.overdue || DirectiveRules.isOverdue(due: directive.due, status: directive.directiveStatus, today: today))
        }
    }

    /// The directive, if it exists and `user` may read it (otherwise "not found", as for another unit's report).
    static func find(_ id: UUID?, for user: CurrentUser, on db: any Database) async throws -> DirectiveRecord {
        guard let id, let directive = try await DirectiveRecord.query(on: db).filter(\.$id == id).with(\.$replies).first(),
              DirectiveRules.mayRead(role: user.role, organisation: user.organisationCode, addressees: directive.addressees) else {
            throw DirectiveError.notFound
        }
        return directive
    }

    /// An in-app notice to every active person of the addressed organisations (not leadership or administrators), and
    /// the e-mails to send once the transaction has landed.
    static func notify(_ organisations: [String], vi: String, en: String, link: String, on db: any Database) async throws -> [Mail] {
        let users = try await UserRecord.query(on: db).filter(\.$organisationCode ~~ organisations).filter(\.$isActive == true)
            .filter(\.$isService == false).all()
            .filter { $0.role != Role.leadership.rawValue && $0.role != Role.admin.rawValue }
        try await Notifications.notify(users, kind: "directive", vietnamese: vi, english: en, link: link, on: db)
        return users.map { Mail(to: $0.email, subject: "[chitieu] " + vi, body: vi + "\n\n" + en) }
    }

    @discardableResult
    private static func checked<T>(_ result: Result<T, DirectiveRules.Refusal>) throws -> T {
        switch result {
        case .success(let value): return value
        case .failure(let refusal): throw DirectiveError.refused(refusal)
        }
    }
}
