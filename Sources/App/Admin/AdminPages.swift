import Fluent
import Planning
import Vapor

/// A message at the top of an admin page: an error, or a secret shown once (password, token).
struct Notice: Encodable {
    let kind: String
    let text: String
}

struct Choice: Encodable {
    let value: String
    let label: String
    let selected: Bool
}

enum AdminChoices {
    static func roles(_ language: Language, selected: String?) -> [Choice] {
        Role.allCases.map { Choice(value: $0.rawValue, label: Localizer.text("role.\($0.rawValue)", language), selected: $0.rawValue == selected) }
    }

    static func organisations(on db: any Database, selected: String?) async throws -> [Choice] {
        try await Directory.all(on: db).map { Choice(value: $0.code, label: "\($0.code) — \($0.name)", selected: $0.code == selected) }
    }

    static func kinds(_ language: Language, selected: String?) -> [Choice] {
        OrganisationKind.allCases.map { Choice(value: $0.rawValue, label: Localizer.kindLabel($0, language), selected: $0.rawValue == selected) }
    }
}

struct UsersPage: Encodable {
    struct Row: Encodable {
        let id: String
        let email: String
        let name: String
        let role: String
        let organisation: String
        let status: String
    }

    let layout: Layout
    let notice: Notice?
    let rows: [Row]
    let roles: [Choice]
    let organisations: [Choice]
    /// The list's filters: role and organisation, each "any" when empty.
    let roleFilter: [Choice]
    let organisationFilter: [Choice]

    init(_ req: Request, notice: Notice?) async throws {
        let language = req.language
        layout = Layout(req, title: Localizer.text("admin.users", language))
        self.notice = notice
        let role = req.method == .GET ? try req.queryText("role", allowed: Role.allCases.map(\.rawValue)) : nil
        let organisation = req.method == .GET ? try req.queryText("organisation") : nil
        let query = UserRecord.query(on: req.db).sort(\.$email)
        if let role { query.filter(\.$role == role) }
        if let organisation { query.filter(\.$organisationCode == organisation) }
        roleFilter = AdminChoices.roles(language, selected: role)
        organisationFilter = try await AdminChoices.organisations(on: req.db, selected: organisation)
        rows = try await query.all().map { user in
            Row(id: try user.requireID().uuidString, email: user.email, name: user.name,
                role: Localizer.text("role.\(user.role)", language), organisation: user.organisationCode,
                status: UserPage.status(user, language))
        }
        roles = AdminChoices.roles(language, selected: Role.unitReporter.rawValue)
        organisations = try await AdminChoices.organisations(on: req.db, selected: nil)
    }
}

struct UserPage: Encodable {
    let layout: Layout
    let notice: Notice?
    let id: String
    let email: String
    let name: String
    let status: String
    let active: Bool
    let locked: Bool
    let service: Bool
    let roles: [Choice]
    let organisations: [Choice]
    let events: [Event]
    /// Every API token of the user, each with its revoke button.
    let tokens: [TokensPage.Row]

    struct Event: Encodable {
        let at: String
        let kind: String
        let address: String
    }

    init(_ req: Request, user: UserRecord, notice: Notice?) async throws {
        let language = req.language
        layout = Layout(req, title: user.email)
        self.notice = notice
        id = try user.requireID().uuidString
        email = user.email
        name = user.name
        status = Self.status(user, language)
        active = user.isActive
        locked = user.lockedUntil.map { $0 > Date() } ?? false
        service = user.isService
        roles = AdminChoices.roles(language, selected: user.role)
        organisations = try await AdminChoices.organisations(on: req.db, selected: user.organisationCode)
        events = try await LoginEventRecord.query(on: req.db).filter(\.$userID == user.requireID())
            .sort(\.$at, .descending).limit(20).all().map { event in
                Event(at: DateText.dayTime(event.at), kind: Localizer.text("event.\(event.kind)", language), address: event.address ?? "")
            }
        tokens = TokensPage.rows(try await APITokens.list(of: user.requireID(), on: req.db), language)
    }

    static func status(_ user: UserRecord, _ language: Language) -> String {
        var parts: [String] = [Localizer.text(user.isActive ? "admin.active" : "admin.inactive", language)]
        if let locked = user.lockedUntil, locked > Date() { parts.append(Localizer.text("admin.locked", language) + " " + DateText.dayTime(locked)) }
        if user.mustChangePassword { parts.append(Localizer.text("admin.mustChange", language)) }
        if user.isService { parts.append(Localizer.text("admin.service", language)) }
        if user.isDemo { parts.append(Localizer.text("orgs.demo", language)) }
        return parts.joined(separator: " · ")
    }
}

struct OrganisationsAdminPage: Encodable {
    struct Row: Encodable {
        let code: String
        let name: String
        let kind: String
        let medical: String
        let active: Bool
        let demo: Bool
    }

    let layout: Layout
    let error: String?
    let rows: [Row]
    let kinds: [Choice]
    let parents: [Choice]

    init(_ req: Request, error: String?) async throws {
        let language = req.language
        layout = Layout(req, title: Localizer.text("nav.adminOrgs", language))
        self.error = error
        rows = try await Directory.all(on: req.db, includeInactive: true).map { record in
            Row(code: record.code, name: record.name, kind: Localizer.kindLabel(OrganisationKind(rawValue: record.kind) ?? .otherUnit, language),
                medical: Localizer.text(record.isMedical ? "yes" : "no", language), active: record.isActive, demo: record.isDemo)
        }
        kinds = AdminChoices.kinds(language, selected: OrganisationKind.otherUnit.rawValue)
        parents = try await AdminChoices.organisations(on: req.db, selected: Directory.department.code)
    }
}

struct OrganisationEditPage: Encodable {
    let layout: Layout
    let error: String?
    let code: String
    let name: String
    let medical: Bool
    let kinds: [Choice]
    let parent: String

    init(_ req: Request, record: OrganisationRecord, error: String?) {
        layout = Layout(req, title: record.name)
        self.error = error
        code = record.code
        name = record.name
        medical = record.isMedical
        kinds = AdminChoices.kinds(req.language, selected: record.kind)
        parent = record.parentCode ?? ""
    }
}
