import Vapor

/// Refuses a state-changing request from a browser unless it carries the session's CSRF token
/// (form field `csrf` or header `X-CSRF-Token`). Before sign-in (the login form) the token is a
/// random cookie that the form must repeat. Requests with a bearer token carry no cookies and are exempt.
struct CSRFMiddleware: AsyncMiddleware {
    static let cookieName = "chitieu_csrf"
    static let fieldName = "csrf"
    /// The largest form upload read before its CSRF field is checked.
    static let maximumUpload = 10 << 20

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Safe methods, bearer-token calls (no cookies), and anonymous API calls (refused as 401 by the
        // permission check, which is the answer a script needs) carry no CSRF risk.
        // DHIS2's routes read no cookie (DHIS2AuthenticationMiddleware), so a browser's session cannot ride on them.
        guard !request.method.isSafe, request.headers.bearerAuthorization == nil, !request.isDHIS2API,
              request.currentUser != nil || !request.isAPI else {
            return try await next.respond(to: request)
        }
        // A body larger than its first chunk (a long report form, a file upload) may still be streaming in: read it
        // first, so that its csrf field can be checked.
        if request.headers.first(name: "X-CSRF-Token") == nil, request.body.data == nil {
            let limit = request.headers.contentType?.type == "multipart" ? Self.maximumUpload : request.application.routes.defaultMaxBodySize.value
            _ = try await request.body.collect(max: limit).get()
        }
        let sent = request.headers.first(name: "X-CSRF-Token") ?? (try? request.content.get(String.self, at: Self.fieldName))
        let expected = request.currentUser?.csrfToken ?? request.cookies[Self.cookieName]?.string
        guard let sent, let expected, !expected.isEmpty, Secrets.constantTimeEqual(sent, expected) else {
            throw AppError.csrfRejected
        }
        return try await next.respond(to: request)
    }
}

/// Headers that keep pages from being framed, sniffed, or running script they did not ship.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        if request.application.settings.secureCookies {
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000")
        }
        return response
    }
}
