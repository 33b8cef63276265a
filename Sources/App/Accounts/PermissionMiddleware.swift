import Planning
import Vapor

/// Lets a request through only if `AccessPolicy` allows the caller's role the route's permission.
/// Anonymous: 401 for the API, a redirect to the sign-in page for people. Signed in but not allowed: 403.
/// A read-scoped token may only read. A user who must change their password is sent to do so first.
struct PermissionMiddleware: AsyncMiddleware {
    let permission: Permission

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let user = request.currentUser
        guard AccessPolicy.allows(user?.role, permission) else {
            guard user != nil else {
                if request.isAPI { throw AppError.notSignedIn }
                return request.redirect(to: "/login?next=" + (request.url.string.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
            }
            throw AppError.forbidden
        }
        if let user {
            if case .token(_, canWrite: false) = user.credential, !request.method.isSafe { throw AppError.readOnlyToken }
            if user.mustChangePassword, case .session = user.credential, permission != .publicAccess,
               !Self.allowedBeforePasswordChange.contains(request.url.path) {
                if request.isAPI { throw AppError.mustChangePassword }
                return request.redirect(to: "/account/password")
            }
        }
        return try await next.respond(to: request)
    }

    static let allowedBeforePasswordChange: Set<String> = ["/account/password", "/logout", "/api/v1/me"]
}

extension HTTPMethod {
    var isSafe: Bool { self == .GET || self == .HEAD || self == .OPTIONS }
}

extension Request {
    var isAPI: Bool { url.path.hasPrefix("/api/") }
}

extension RoutesBuilder {
    /// Routes registered through this builder require `permission`; the route records it so that a
    /// test can check every route of the app against the policy table.
    func requiring(_ permission: Permission) -> any RoutesBuilder {
        PermissionRoutes(base: grouped(PermissionMiddleware(permission: permission)), permission: permission)
    }
}

/// A routes builder that stamps each route with its permission.
private struct PermissionRoutes: RoutesBuilder {
    let base: any RoutesBuilder
    let permission: Permission

    func add(_ route: Route) {
        route.userInfo["permission"] = permission
        base.add(route)
    }
}

extension Route {
    /// The permission the route was registered with; nil means it was registered without one (a bug).
    var permission: Permission? { userInfo["permission"] as? Permission }
}
