import Vapor

/// Turns every error into the right status and a message in the user's language: JSON
/// `{"error": true, "reason": …}` for the API, an error page for people.
struct AppErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let language = request.language
            let error = Self.inputError(error, request) ?? error
            let (status, reason) = Self.describe(error, language)
            if status.code >= 500 { request.logger.report(error: error) }
            var headers = HTTPHeaders()
            if case AppError.tooManyAttempts(let seconds) = error { headers.replaceOrAdd(name: .retryAfter, value: String(seconds)) }
            if case InputError.methodNotAllowed(let allowed) = error { headers.replaceOrAdd(name: .allow, value: allowed.joined(separator: ", ")) }
            if request.url.path.hasPrefix("/api/") || request.url.path == "/health" || !Self.wantsHTML(request) {
                let body = ErrorBody(error: true, reason: reason)
                let response = Response(status: status, headers: headers)
                try response.content.encode(body, as: .json)
                return response
            }
            do {
                let page = try await request.view.render("error", ErrorPage(
                    layout: Layout(request, title: Localizer.text("error.title", language)),
                    status: Int(status.code), reason: reason))
                return try await page.encodeResponse(status: status, headers: headers, for: request)
            } catch {
                // The error page itself failed (a broken template): still answer, in plain text.
                request.logger.report(error: error)
                return Response(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: .init(string: reason))
            }
        }
    }

    /// A framework error about reading the request (a decoder's, an unknown method or content type) as the
    /// `InputError` that names the parameter or field; nil for every other error.
    static func inputError(_ error: any Error, _ request: Request) -> InputError? {
        // Not found — by the router, or by a handler reached through a parameter (`PATCH /tasks/import` is
        // `PATCH /tasks/{id}` with the id "import"): 405 where the address exists with other methods.
        if describe(error, .english).0 == .notFound, let allowed = AllowedMethods.of(request) { return .methodNotAllowed(allowed: allowed) }
        return InputError(error, request: request)
    }

    static func describe(_ error: any Error, _ language: Language) -> (HTTPResponseStatus, String) {
        switch error {
        case let error as AppError:
            return (error.status, error.message(language))
        case let error as any FeatureError:
            return (error.status, error.message(language))
        case let abort as any AbortError where abort.status == .notFound:
            return (.notFound, AppError.pageNotFound.message(language))
        case let abort as any AbortError:
            return (abort.status, abort.reason)
        default:
            return (.internalServerError, language == .vietnamese ? "Lỗi máy chủ. Vui lòng thử lại." : "Server error. Please try again.")
        }
    }

    static func wantsHTML(_ request: Request) -> Bool {
        request.headers.accept.mediaTypes.contains(.html) || request.headers.accept.isEmpty
    }
}

struct ErrorBody: Content {
    let error: Bool
    let reason: String
}

struct ErrorPage: Encodable {
    let layout: Layout
    let status: Int
    let reason: String
}
