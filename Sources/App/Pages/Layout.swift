import Planning
import Vapor

/// What every page's frame needs: language, labels, title, the signed-in user, the CSRF token for
/// its forms, and the link to the other language.
struct Layout: Encodable {
    struct SignedIn: Encodable {
        let name: String
        let role: String
        let isAdmin: Bool
        let readsAudit: Bool
        let managesCycles: Bool
        let monitors: Bool
        let unread: Int
    }

    let lang: String
    /// Labels by key with `_` for `.` (Leaf reads `t.nav_indicators`, not subscripts).
    let t: Labels
    let title: String
    let otherLanguageURL: String
    let user: SignedIn?
    let csrf: String
    /// A one-line confirmation of what the previous request did (e.g. the password was changed).
    let notice: String?
    /// The plan switcher: present when more than one plan is loaded.
    let plans: PlanChoices?
    /// This page's path, for the switcher's form.
    let path: String

    init(_ request: Request, title: String) {
        let language = request.language
        lang = language.rawValue
        t = Labels(language)
        self.title = title
        let other = language == .vietnamese ? Language.english : .vietnamese
        otherLanguageURL = request.url.path + "?lang=" + other.rawValue
        user = request.currentUser.map {
            SignedIn(name: $0.name, role: Localizer.text("role.\($0.role.rawValue)", language), isAdmin: $0.role == .admin,
                     readsAudit: AccessPolicy.allows($0.role, .readAudit), managesCycles: AccessPolicy.allows($0.role, .manageCycles),
                     monitors: AccessPolicy.allows($0.role, .monitorReporting), unread: request.unreadNotifications)
        }
        csrf = request.formToken
        notice = request.query[String.self, at: "password"] == "changed" ? Localizer.text("password.changed", language) : nil
        plans = request.planChoices
        path = request.url.path
    }
}

extension Request {
    private struct UnreadKey: StorageKey { typealias Value = Int }

    /// How many notices the signed-in user has not read (counted once per page request).
    var unreadNotifications: Int {
        get { storage[UnreadKey.self] ?? 0 }
        set { storage[UnreadKey.self] = newValue }
    }
}

extension Request {
    private struct PendingCSRFCookie: StorageKey { typealias Value = String }

    /// The CSRF token this page's forms carry: the session's, or (before sign-in) a cookie's, created
    /// here if the browser has none yet and set on the response by `page(_:_:)`.
    var formToken: String {
        if rendersKeptPage { return PageCache.formTokenMark }
        if let csrf = currentUser?.csrfToken { return csrf }
        if let existing = cookies[CSRFMiddleware.cookieName]?.string, !existing.isEmpty { return existing }
        if let pending = storage[PendingCSRFCookie.self] { return pending }
        let fresh = Secrets.token()
        storage[PendingCSRFCookie.self] = fresh
        return fresh
    }

    /// Renders a page; remembers a language chosen with `?lang=` and a fresh pre-sign-in CSRF token in cookies.
    func page(_ template: String, _ context: some Encodable, status: HTTPStatus = .ok) async throws -> Response {
        html(try await view.render(template, context).data, status: status)
    }

    /// A rendered page as the answer, with the cookies `page(_:_:)` sets.
    func html(_ body: ByteBuffer, status: HTTPStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(buffer: body))
        response.headers.contentType = .html
        let secure = application.settings.secureCookies
        if let chosen = query[String.self, at: "lang"], let language = Language(rawValue: chosen) {
            response.cookies["lang"] = HTTPCookies.Value(string: language.rawValue, maxAge: 365 * 24 * 3600,
                                                         path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
        }
        if let pending = storage[PendingCSRFCookie.self] {
            response.cookies[CSRFMiddleware.cookieName] = HTTPCookies.Value(string: pending, path: "/", isSecure: secure,
                                                                            isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }
}
