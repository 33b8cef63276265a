import Vapor

/// `Cache-Control: no-store` on everything a signed-in person sees (pages, API answers, downloaded documents),
/// on every API answer and every response that sets a cookie, so that a shared computer's browser or a proxy
/// keeps no copy. Static files and the anonymous sign-in page stay cacheable.
struct CacheControlMiddleware: AsyncMiddleware {
    static let value = "no-store"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if Self.mustNotStore(request, response) {
            response.headers.replaceOrAdd(name: .cacheControl, value: Self.value)
            response.headers.replaceOrAdd(name: .pragma, value: "no-cache")
        }
        return response
    }

    static func mustNotStore(_ request: Request, _ response: Response) -> Bool {
        if StaticFilesMiddleware.prefixes.contains(where: request.url.path.hasPrefix) && response.status == .ok { return false }
        // A page made for everyone (the public progress page) says so itself, and carries no cookie.
        if response.headers[.cacheControl].contains(where: { $0.hasPrefix("public") }) && !response.headers.contains(name: .setCookie) { return false }
        return request.currentUser != nil || request.isAPI || !request.method.isSafe
            || request.headers.bearerAuthorization != nil || request.cookies[AuthenticationMiddleware.cookieName] != nil
            || response.headers.contains(name: .setCookie) || response.headers.contains(name: .contentDisposition)
    }
}
