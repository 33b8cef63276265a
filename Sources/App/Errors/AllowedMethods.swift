import Vapor

/// The methods the app takes at a request's address, for a 405 with `Allow` where the address exists but
/// not with the request's method (the router alone answers 404 for both).
enum AllowedMethods {
    /// nil when no route has this address at all.
    static func of(_ request: Request) -> [String]? {
        let segments = request.url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let matching = request.application.routes.all.filter { matches($0.path, segments) }
        // The router prefers a constant segment to a parameter (`unit-plans/flags` over `unit-plans/:org`): only
        // the most specific addresses are this address.
        let specificity = { (route: Route) in route.path.map { if case .constant = $0 { 1 } else { 0 } } }
        guard let best = matching.map(specificity).max(by: { $0.lexicographicallyPrecedes($1) }) else { return nil }
        var methods = Set(matching.filter { specificity($0) == best }.map(\.method.rawValue))
        let method = request.method == .HEAD ? "GET" : request.method.rawValue   // the router answers HEAD with GET
        guard !methods.isEmpty, !methods.contains(method) else { return nil }
        if methods.contains("GET") { methods.insert("HEAD") }
        return methods.sorted()
    }

    static func matches(_ pattern: [PathComponent], _ segments: [String]) -> Bool {
        for (index, component) in pattern.enumerated() {
            switch component {
            case .catchall: return index < segments.count
            case .anything, .parameter: guard index < segments.count else { return false }
            case .constant(let text): guard index < segments.count, segments[index] == text else { return false }
            }
        }
        return pattern.count == segments.count
    }
}
