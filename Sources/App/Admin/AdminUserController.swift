import Fluent
import Planning
import Vapor

/// Accounts, for administrators: pages under `/admin/users` and API under `/api/v1/users`.
struct AdminUserController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.requiring(.manageUsers)
        admin.get("admin", "users", use: listPage)
        admin.post("admin", "users", use: createFromPage)
        admin.get("admin", "users", ":id", use: userPage)
        admin.post("admin", "users", ":id", use: updateFromPage)
        admin.post("admin", "users", ":id", "reset-password", use: resetFromPage)
        admin.post("admin", "users", ":id", "unlock", use: unlockFromPage)
        admin.post("admin", "users", ":id", "tokens", use: serviceTokenFromPage)
        admin.get("api", "v1", "users", use: list)
        admin.post("api", "v1", "users", use: create)
        admin.patch("api", "v1", "users", ":id", use: update)
        admin.post("api", "v1", "users", ":id", "reset-password", use: reset)
        admin.post("api", "v1", "users", ":id", "unlock", use: unlock)
    }

    struct NewUserForm: Content {
        var email: String
        var name: String
        var role: String
        var organisation: String
        var service: String?
    }

    // MARK: pages

    @Sendable func listPage(req: Request) async throws -> Response {
        try await req.page("admin-users", try await UsersPage(req, notice: nil))
    }

    @Sendable func createFromPage(req: Request) async throws -> Response {
        do {
            let (user, password) = try await create(req.content.decode(NewUserForm.self), req: req)
            let notice = password.map { "\(user.email): \($0)" } ?? user.email
            return try await req.page("admin-users", try await UsersPage(req, notice: .init(kind: "created", text: notice)))
        } catch let error as AppError {
            return try await req.page("admin-users", try await UsersPage(req, notice: .init(kind: "error", text: error.message(req.language))), status: error.status)
        }
    }

    @Sendable func userPage(req: Request) async throws -> Response {
        let user = try await UserAdmin.find(req.parameters.get("id", as: UUID.self), on: req.db)
        return try await req.page("admin-user", try await UserPage(req, user: user, notice: nil))
    }

    @Sendable func updateFromPage(req: Request) async throws -> Response {
        let user = try await UserAdmin.find(req.parameters.get("id", as: UUID.self), on: req.db)
        struct Form: Content { var name: String?; var role: String?; var organisation: String?; var active: String? }
        let form = try req.content.decode(Form.self)
        do {
            try await UserAdmin.update(user, with: .init(name: form.name, role: form.role, organisation: form.organisation,
                                                         active: try form.active.map(Self.boolean)), actor: req.requireUser(), on: req.db)
        } catch let error as AppError {
            return try await req.page("admin-user", try await UserPage(req, user: user, notice: .init(kind: "error", text: error.message(req.language))), status: error.status)
        }
        return req.redirect(to: "/admin/users/\(try user.requireID())")
    }

    @Sendable func resetFromPage(req: Request) async throws -> Response {
        let user = try await UserAdmin.find(req.parameters.get("id", as: UUID.self), on: req.db)
        guard !user.isService else { throw AppError.forbidden }
        let password = try await Accounts.resetPassword(user, by: req.actor, app: req.application, on: req.db)
        return try await req.page("admin-user", try await UserPage(req, user: user, notice: .init(kind: "password", text: password)))
    }

    @Sendable func unlockFromPage(req: Request) async throws -> Response {
        let user = try await UserAdmin.find(req.parameters.get("id", as: UUID.self), on: req.db)
        try await UserAdmin.unlock(user, by: req.actor, on: req.db)
        return req.redirect(to: "/admin/users/\(try user.requireID())")
    }

    /// Tokens for service accounts (integrations) are made by an administrator, signed in (a token cannot mint tokens).
    @Sendable func serviceTokenFromPage(req: Request) async throws -> Response {
        guard case .session = try req.requireUser().credential else { throw AppError.forbidden }
        let user = try await UserAdmin.find(req.parameters.get("id", as: UUID.self), on: req.db)
        guard user.isService else { throw AppError.forbidden }
        let form = try req.content.decode(AccountController.TokenForm.self)
        let scope = form.scope ?? "read"
        guard scope == "read" || scope == "write" else { throw AppError.invalidField(field: "scope", value: scope) }
        let created = try await APITokens.create(for: user, name: form.name, canWrite: scope == "write", days: form.days, by: req.actor, on: req.db)
        return try await req.page("admin-user", try await UserPage(req, user: user, notice: .init(kind: "token", text: created.token)))
    }

    // MARK: API

    @Sendable func list(req: Request) async throws -> [UserDTO] {
        try await UserRecord.query(on: req.db).sort(\.$email).all().map { try UserDTO($0) }
    }

    @Sendable func create(req: Request) async throws -> Response {
        let (user, password) = try await create(req.content.decode(NewUserForm.self), req: req)
        return try await UserDTO(user, password: password).encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> UserDTO {
        let user = try await UserAdmin.find(req.parameters.get("id", as: UUID.self), on: req.db)
        try await UserAdmin.update(user, with: req.content.decode(UserAdmin.Change.self), actor: req.requireUser(), on: req.db)
        return try UserDTO(user)
    }

    @Sendable func reset(req: Request) async throws -> UserDTO {
        let user = try await UserAdmin.find(req.parameters.get("id", as: UUID.self), on: req.db)
        guard !user.isService else { throw AppError.forbidden }
        return try UserDTO(user, password: try await Accounts.resetPassword(user, by: req.actor, app: req.application, on: req.db))
    }

    @Sendable func unlock(req: Request) async throws -> UserDTO {
        let user = try await UserAdmin.find(req.parameters.get("id", as: UUID.self), on: req.db)
        try await UserAdmin.unlock(user, by: req.actor, on: req.db)
        return try UserDTO(user)
    }

    /// A form's yes/no as exactly "true" or "false"; anything else is refused, never read as false.
    static func boolean(_ text: String) throws -> Bool {
        switch text {
        case "true": return true
        case "false": return false
        default: throw AppError.invalidField(field: "active", value: text)
        }
    }

    private func create(_ form: NewUserForm, req: Request) async throws -> (UserRecord, String?) {
        guard let role = Role(rawValue: form.role) else { throw AppError.invalidField(field: "role", value: form.role) }
        let service = form.service == "on" || form.service == "true"
        return try await Accounts.create(.init(email: form.email, name: form.name, role: role, organisationCode: form.organisation, isService: service),
                                         by: req.actor, app: req.application, on: req.db)
    }
}
