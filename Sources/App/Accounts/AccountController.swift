import Fluent
import Planning
import Vapor

/// Sign in and out, one's own password and API tokens — as pages and as API.
struct AccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let open = routes.requiring(.publicAccess)
        open.get("login", use: loginPage)
        open.post("login", use: login)
        let signedIn = routes.requiring(.signedIn)
        signedIn.post("logout", use: logout)
        signedIn.get("account", "password", use: passwordPage)
        signedIn.post("account", "password", use: changePassword)
        signedIn.get("account", "tokens", use: tokensPage)
        signedIn.post("account", "tokens", use: createTokenFromPage)
        signedIn.post("account", "tokens", ":id", "revoke", use: revokeFromPage)
        signedIn.get("api", "v1", "me", use: me)
        signedIn.get("api", "v1", "tokens", use: listTokens)
        signedIn.post("api", "v1", "tokens", use: createToken)
        signedIn.delete("api", "v1", "tokens", ":id", use: revokeToken)
    }

    struct LoginForm: Content {
        var email: String
        var password: String
        var next: String?
    }

    @Sendable func loginPage(req: Request) async throws -> Response {
        if req.currentUser != nil { return req.redirect(to: "/") }
        return try await req.page("login", LoginPage(req, error: nil, email: "", next: req.query["next"] ?? "/"))
    }

    @Sendable func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let user: UserRecord
        do {
            user = try await Accounts.signIn(email: form.email, password: form.password, address: req.clientAddress,
                                             app: req.application, on: req.db)
        } catch let error as AppError where error.isSignInRefusal {
            let page = LoginPage(req, error: error.message(req.language), email: String(form.email.prefix(200)), next: form.next ?? "/")
            let response = try await req.page("login", page, status: error.status)
            if case .tooManyAttempts(let seconds) = error { response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds)) }
            return response
        }
        let token = try await Accounts.openSession(for: user, on: req.db)
        let next = Self.safeNext(form.next)
        let response = req.redirect(to: user.mustChangePassword
            ? "/account/password" + (next == "/" ? "" : "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            : next)
        response.cookies[AuthenticationMiddleware.cookieName] = HTTPCookies.Value(
            string: token, path: "/", isSecure: req.application.settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    @Sendable func logout(req: Request) async throws -> Response {
        let user = try req.requireUser()
        if case .session(let id, _) = user.credential {
            try await UserSessionRecord.query(on: req.db).filter(\.$id == id).delete()
            try await LoginEventRecord(email: user.email, userID: user.id, kind: "logout", address: req.clientAddress).create(on: req.db)
            try await Audit.record([AuditChange("login", user.email, "logout", old: nil, new: req.clientAddress ?? "-")], by: req.actor, on: req.db)
        }
        let response = req.redirect(to: "/login")
        response.cookies[AuthenticationMiddleware.cookieName] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), path: "/", isHTTPOnly: true, sameSite: .lax)
        return response
    }

    /// Only a path on this site: never an absolute URL (an open redirect) nor `//host`.
    static func safeNext(_ next: String?) -> String {
        guard let next = next?.removingPercentEncoding ?? next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
              // Browsers drop tabs and line breaks in a Location, turning "/\t/host" into "//host"; CR LF would split the header.
              !next.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return "/" }
        return next
    }

    struct PasswordForm: Content {
        var current: String
        var password: String
        var confirmation: String
        var next: String?
    }

    @Sendable func passwordPage(req: Request) async throws -> Response {
        try await req.page("password", PasswordPage(req, error: nil))
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        let current = try req.requireUser()
        let form = try req.content.decode(PasswordForm.self)
        guard let user = try await UserRecord.find(current.id, on: req.db) else { throw AppError.notSignedIn }
        do {
            try await Accounts.checkCurrentPassword(form.current, of: user, address: req.clientAddress, app: req.application, on: req.db)
            try await Accounts.setPassword(form.password, confirmation: form.confirmation, for: user, app: req.application, on: req.db)
        } catch let error as AppError {
            let response = try await req.page("password", PasswordPage(req, error: error.message(req.language)), status: error.status)
            if case .tooManyAttempts(let seconds) = error { response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds)) }
            return response
        }
        if case .session(let id, _) = current.credential {
            // Other browsers signed in as this user are signed out.
            try await UserSessionRecord.query(on: req.db).filter(\.$user.$id == current.id).filter(\.$id != id).delete()
        }
        let next = Self.safeNext(form.next)
        return req.redirect(to: next + (next.contains("?") ? "&" : "?") + "password=changed")
    }

    struct TokenForm: Content {
        var name: String
        var scope: String?
        var days: Int?
    }

    @Sendable func tokensPage(req: Request) async throws -> Response {
        let user = try req.requireUser()
        return try await req.page("tokens", TokensPage(req, tokens: try await APITokens.list(of: user.id, on: req.db), created: nil))
    }

    @Sendable func createTokenFromPage(req: Request) async throws -> Response {
        let created = try await create(req)
        let user = try req.requireUser()
        return try await req.page("tokens", TokensPage(req, tokens: try await APITokens.list(of: user.id, on: req.db), created: created.token))
    }

    @Sendable func revokeFromPage(req: Request) async throws -> Response {
        try await APITokens.revoke(try Self.id(req), of: try req.requireUser().id, by: req.actor, on: req.db)
        return req.redirect(to: "/account/tokens")
    }

    @Sendable func me(req: Request) async throws -> MeDTO {
        let user = try req.requireUser()
        return MeDTO(email: user.email, name: user.name, role: user.role.rawValue, organisation: user.organisationCode, mustChangePassword: user.mustChangePassword)
    }

    @Sendable func listTokens(req: Request) async throws -> [TokenDTO] {
        try await APITokens.list(of: try req.requireUser().id, on: req.db).map { try TokenDTO($0) }
    }

    @Sendable func createToken(req: Request) async throws -> Response {
        let created = try await create(req)
        return try await TokenDTO(created.record, token: created.token).encodeResponse(status: .created, for: req)
    }

    @Sendable func revokeToken(req: Request) async throws -> HTTPStatus {
        try await APITokens.revoke(try Self.id(req), of: try req.requireUser().id, by: req.actor, on: req.db)
        return .noContent
    }

    private func create(_ req: Request) async throws -> APITokens.Created {
        let current = try req.requireUser()
        // A token cannot mint tokens: only a person, signed in, creates them.
        guard case .session = current.credential else { throw AppError.forbidden }
        let form = try req.content.decode(TokenForm.self)
        guard let user = try await UserRecord.find(current.id, on: req.db) else { throw AppError.notSignedIn }
        let scope = form.scope ?? "read"
        guard scope == "read" || scope == "write" else { throw AppError.invalidField(field: "scope", value: scope) }
        return try await APITokens.create(for: user, name: form.name, canWrite: scope == "write", days: form.days, by: req.actor, on: req.db)
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.tokenNotFound }
        return id
    }
}
