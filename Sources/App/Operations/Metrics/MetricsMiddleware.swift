import Foundation
import Vapor

/// Outermost middleware: counts and times every request by its route pattern (`/api/v1/reports/:id`, never the
/// address itself, so that the series stay few), puts the request id on the answer (`X-Request-Id`, the caller's or
/// a new one) and, with `LOG_FORMAT=json`, logs one line per finished request. It also answers `GET /metrics` when
/// `METRICS_TOKEN` is set — before any route, so the page is not part of the app's routes and permissions.
struct MetricsMiddleware: AsyncMiddleware {
    let registry: MetricsRegistry
    let token: String?
    let logRequests: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.url.path == "/metrics", let token {
            let response = try await MetricsPage.respond(to: request, token: token, registry: registry)
            response.headers.replaceOrAdd(name: .xRequestId, value: request.id)
            return response
        }
        let started = DispatchTime.now().uptimeNanoseconds
        registry.begin()
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            finish(request, status: Self.status(of: error), started: started)
            throw error
        }
        finish(request, status: Int(response.status.code), started: started)
        response.headers.replaceOrAdd(name: .xRequestId, value: request.id)
        return response
    }

    private func finish(_ request: Request, status: Int, started: UInt64) {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds &- started) / 1e9
        let route = Self.pattern(of: request)
        registry.finish(method: request.method.rawValue, route: route, status: status, seconds: seconds)
        if logRequests {
            request.logger.info("request finished", metadata: [
                "method": .string(request.method.rawValue), "route": .string(route), "status": .stringConvertible(status),
                "duration_ms": .string(String(format: "%.1f", seconds * 1000)),
            ])
        }
    }

    /// The matched route's pattern; static files and addresses that match no route share one series.
    static func pattern(of request: Request) -> String {
        guard let route = request.route else { return "(none)" }
        return "/" + route.path.map(\.description).joined(separator: "/")
    }

    static func status(of error: any Error) -> Int {
        if let error = error as? any AbortError { return Int(error.status.code) }
        if let error = error as? AppError { return Int(error.status.code) }
        if let error = error as? any FeatureError { return Int(error.status.code) }
        return 500
    }
}
