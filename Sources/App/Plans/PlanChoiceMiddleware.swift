import Fluent
import Vapor

/// Chọn kế hoạch — when more than one plan is loaded, a page's `?plan=CODE` is remembered (a `plan` cookie) and applied
/// to the pages that follow without it, so every page, document link and form stays on the plan chosen in the
/// switcher of the header. The API is stateless: it takes `?plan=` on each call (the most recently loaded plan
/// when left out) and this never touches it.
struct PlanChoiceMiddleware: AsyncMiddleware {
    static let cookie = "plan"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET, !request.url.path.hasPrefix("/api/") else { return try await next.respond(to: request) }
        let plans = try await PlanRecord.query(on: request.db).sort(\.$code).all()
        guard plans.count > 1 else { return try await next.respond(to: request) }
        let codes = Set(plans.map(\.code))
        let asked = request.query[String.self, at: "plan"].flatMap { $0.isEmpty ? nil : $0 }
        let remembered = request.cookies[Self.cookie].map(\.string).flatMap { codes.contains($0) ? $0 : nil }
        if asked == nil, let remembered {
            request.url.query = (request.url.query.map { $0.isEmpty ? "" : $0 + "&" } ?? "") + "plan=" + remembered.queryValue
        }
        let chosen = asked ?? remembered ?? plans.max { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }?.code
        request.planChoices = PlanChoices(chosen: chosen ?? "", plans: plans.map { .init(code: $0.code, title: $0.title) })
        let response = try await next.respond(to: request)
        if let asked, codes.contains(asked), asked != remembered {
            response.cookies[Self.cookie] = HTTPCookies.Value(string: asked, maxAge: 365 * 24 * 3600, path: "/",
                                                              isSecure: request.application.settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }
}

/// The plans a page can switch between (only when there is more than one) and the one it shows.
struct PlanChoices: Encodable, Sendable {
    struct Plan: Encodable, Sendable {
        let code: String
        let title: String
    }

    let chosen: String
    let plans: [Plan]
}

extension Request {
    private struct PlanChoicesKey: StorageKey { typealias Value = PlanChoices }

    var planChoices: PlanChoices? {
        get { storage[PlanChoicesKey.self] }
        set { storage[PlanChoicesKey.self] = newValue }
    }
}
