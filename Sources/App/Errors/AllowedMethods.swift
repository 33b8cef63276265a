import Vapor

/// The methods the app takes at a request's address, for a 405 with `Allow` where the address exists but
/// not with the request's method (the router alone answers 404 for both).
enum AllowedMethods {
    /// nil when no route has this address at all.
    static func of(_ request: Request) -> [String]? {
        let segments = request.url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var methods = Set(request.application.routes.all.filter { matches($0.path, segments) }.map(\.method.rawValue))
        guard !methods.isEmpty, !methods.contains(request.method.rawValue) else { return nil }
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
