import Fluent
import Foundation
import SQLKit
import Vapor

/// `GET /metrics` in the Prometheus text format, for `Authorization: Bearer $METRICS_TOKEN` only.
enum MetricsPage {
    static func respond(to request: Request, token: String, registry: MetricsRegistry) async throws -> Response {
        guard request.method == .GET || request.method == .HEAD else {
            return Response(status: .methodNotAllowed, headers: ["Allow": "GET, HEAD"])
        }
        // Compared as SHA-256 digests: the time taken does not tell how much of a guess was right.
        guard let given = request.headers.bearerAuthorization?.token,
              Secrets.digest(given) == Secrets.digest(token) else {
            var headers = HTTPHeaders([("WWW-Authenticate", "Bearer realm=\"metrics\""), ("Cache-Control", "no-store")])
            headers.contentType = .plainText
            return Response(status: .unauthorized, headers: headers, body: .init(string: "401 Unauthorized\n"))
        }
        let figures = try await MetricsQueries.figures(on: request.db)
        var headers = HTTPHeaders([("Cache-Control", "no-store")])
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: render(registry.snapshot, figures, database: request.application.settings.databaseKind)))
    }

    static func render(_ counted: MetricsRegistry.Snapshot, _ figures: MetricsQueries.Figures, database: String) -> String {
        var out = PrometheusText()
        out.family("chitieu_info", "gauge", "The running chitieu and its database.")
        out.sample("chitieu_info", [("database", database)], 1)
        out.family("chitieu_process_start_time_seconds", "gauge", "When this process started (Unix time).")
        out.sample("chitieu_process_start_time_seconds", [], counted.started.timeIntervalSince1970.rounded())
        out.family("chitieu_http_requests_total", "counter", "HTTP requests answered, by method, route pattern and status.")
        for (key, count) in counted.requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            out.sample("chitieu_http_requests_total", [("method", key.method), ("route", key.route), ("status", String(key.status))], count)
        }
        out.family("chitieu_http_requests_in_flight", "gauge", "HTTP requests being answered now.")
        out.sample("chitieu_http_requests_in_flight", [], counted.inFlight)
        out.family("chitieu_http_request_duration_seconds", "histogram", "Time to answer HTTP requests, by method and route pattern.")
        for (key, histogram) in counted.latency.sorted(by: { ($0.key.route, $0.key.method) < ($1.key.route, $1.key.method) }) {
            let labels = [("method", key.method), ("route", key.route)]
            var cumulative = 0
            for (index, bound) in MetricsRegistry.buckets.enumerated() {
                cumulative += histogram.counts[index]
                out.sample("chitieu_http_request_duration_seconds_bucket", labels + [("le", PrometheusText.number(bound))], cumulative)
            }
            out.sample("chitieu_http_request_duration_seconds_bucket", labels + [("le", "+Inf")], histogram.count)
            out.sample("chitieu_http_request_duration_seconds_sum", labels, histogram.sum)
            out.sample("chitieu_http_request_duration_seconds_count", labels, histogram.count)
        }
        out.family("chitieu_imports_total", "counter", "Imports through the web (DHIS2 dataValueSets, Excel templates, task CSV) by route and outcome.")
        for (key, count) in counted.imports.sorted(by: { ($0.key.route, $0.key.outcome) < ($1.key.route, $1.key.outcome) }) {
            out.sample("chitieu_imports_total", [("route", key.route), ("outcome", key.outcome)], count)
        }
        out.family("chitieu_reports", "gauge", "Reports of the open reporting cycles, by period and state.")
        for row in figures.reports {
            out.sample("chitieu_reports", [("period", row.period), ("state", row.state)], row.count)
        }
        out.family("chitieu_reports_late", "gauge", "Reports of the open reporting cycles submitted after their deadline.")
        for (period, count) in figures.late.sorted(by: { $0.key < $1.key }) {
            out.sample("chitieu_reports_late", [("period", period)], count)
        }
        out.family("chitieu_audit_chain_length", "gauge", "Entries in the change log (its last sequence number).")
        out.sample("chitieu_audit_chain_length", [], figures.auditLength)
        return out.text
    }
}
