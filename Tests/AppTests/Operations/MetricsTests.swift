import Fluent
import Foundation
import Logging
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Metrics, request ids and JSON logs") struct MetricsTests {
        static let token = "test-metrics-token-0123456789abcdef"

        /// An app prepared as `serve` would, with `/metrics` behind `token` (nil: no METRICS_TOKEN).
        func withMetricsApp(token: String?, _ body: (Application) async throws -> Void) async throws {
            try await withTemporaryFolder { folder in
                var operations = OperationsSettings()
                operations.metricsToken = token
                try await withConfiguredApp(databasePath: folder + "/m.sqlite", databaseURL: testDatabaseURL, keyFile: folder + "/m-audit.key", operations: operations) { app in
                    if testDatabaseURL != nil { try await app.autoRevert() }
                    _ = try await Setup.prepare(app)
                    try await body(app)
                }
            }
        }

        @Test("/metrics needs the METRICS_TOKEN bearer, and does not exist without one")
        func protection() async throws {
            try await withMetricsApp(token: nil) { app in
                // act
                let anonymous = try await app.testing().sendRequest(.GET, "/metrics")
                let bearer = try await app.testing().sendRequest(.GET, "/metrics", headers: ["Authorization": "Bearer \(Self.token)"])
                // validate: no such page; a bearer that is no API token is refused as any unknown token is
                #expect(anonymous.status == .notFound)
                #expect(bearer.status != .ok && !bearer.body.string.contains("chitieu_"))
            }
            try await withMetricsApp(token: Self.token) { app in
                // act
                let anonymous = try await app.testing().sendRequest(.GET, "/metrics")
                let wrong = try await app.testing().sendRequest(.GET, "/metrics", headers: ["Authorization": "Bearer \(Self.token)x"])
                let right = try await app.testing().sendRequest(.GET, "/metrics", headers: ["Authorization": "Bearer \(Self.token)"])
                // validate
                #expect(anonymous.status == .unauthorized && wrong.status == .unauthorized)
                #expect(!anonymous.body.string.contains("chitieu_"))
                #expect(right.status == .ok && right.headers.first(name: .contentType)?.hasPrefix("text/plain; version=0.0.4") == true)
                #expect(right.headers.first(name: .cacheControl) == "no-store")
            }
        }

        @Test("requests are counted by route pattern and status, timed in a cumulative histogram, imports counted; reports by state and the chain length read from the data")
        func content() async throws {
            try await withMetricsApp(token: Self.token) { app in
                // setup: an open cycle, a few requests, one refused import
                let cycle = try await Cycles.create(.init(period: "2026NovS2"), by: .commandLine, on: app.db)
                let opened = try await Cycles.open(cycle, by: .commandLine, on: app.db)
                for _ in 0..<3 { _ = try await app.testing().sendRequest(.GET, "/health") }
                _ = try await app.get("/api/v1/indicators/CT01")
                _ = try await app.get("/api/v1/indicators/NOPE")
                var headers = try await app.session(.unitReporter)
                headers.add(name: .contentType, value: "application/json")
                _ = try await app.testing().sendRequest(.POST, "/api/v1/dataValueSets", headers: headers, body: .init(string: "{}"))
                let chain = try await AuditEntryRecord.query(on: app.db).max(\.$sequence) ?? 0
                // act
                let text = try await app.testing().sendRequest(.GET, "/metrics", headers: ["Authorization": "Bearer \(Self.token)"]).body.string
                // validate
                #expect(text.contains("chitieu_http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"} 3\n"), "\(text.prefix(2000))")
                #expect(text.contains("chitieu_http_requests_total{method=\"GET\",route=\"/api/v1/indicators/:code\",status=\"200\"} 1\n"))
                #expect(text.contains("chitieu_http_requests_total{method=\"GET\",route=\"/api/v1/indicators/:code\",status=\"404\"} 1\n"))
                #expect(text.contains("chitieu_http_request_duration_seconds_bucket{method=\"GET\",route=\"/health\",le=\"+Inf\"} 3\n"))
                #expect(text.contains("chitieu_http_request_duration_seconds_count{method=\"GET\",route=\"/health\"} 3\n"))
                #expect(Self.bucketsAreCumulative(text, route: "/health"))
                #expect(text.contains("chitieu_imports_total{route=\"/api/v1/dataValueSets\",outcome=\"refused\"} 1\n") || text.contains("chitieu_imports_total{route=\"/api/v1/dataValueSets\",outcome=\"accepted\"} 1\n"))
                #expect(text.contains("chitieu_reports{period=\"2026NovS2\",state=\"draft\"} \(opened)\n"), "\(opened) drafts")
                #expect(text.contains("chitieu_reports{period=\"2026NovS2\",state=\"approved\"} 0\n"))
                #expect(text.contains("chitieu_audit_chain_length \(chain)\n"))
                #expect(text.contains("# TYPE chitieu_http_request_duration_seconds histogram\n"))
            }
        }

        @Test("every answer carries X-Request-Id: the caller's, or a new one per request")
        func requestIDs() async throws {
            try await withMetricsApp(token: nil) { app in
                // act
                let given = try await app.testing().sendRequest(.GET, "/health", headers: ["X-Request-Id": "probe-42"])
                let first = try await app.testing().sendRequest(.GET, "/health")
                let second = try await app.testing().sendRequest(.GET, "/no-such-page")
                // validate
                #expect(given.headers.first(name: "X-Request-Id") == "probe-42")
                let a = try #require(first.headers.first(name: "X-Request-Id")), b = try #require(second.headers.first(name: "X-Request-Id"))
                #expect(a != b && UUID(uuidString: a) != nil && second.status == .notFound)
            }
        }

        @Test("a JSON log line is one object: time, level, message, label, request_id, every character escaped")
        func jsonLogLine() throws {
            // act
            let line = JSONLogLine.render(time: Date(timeIntervalSince1970: 0), level: .warning, message: "Báo cáo \"A\"\nhai dòng\u{1}",
                                          label: "codes.vapor.request", metadata: ["request-id": "abc", "status": .stringConvertible(200)])
            // validate
            #expect(line.hasSuffix("}\n") && line.filter { $0 == "\n" }.count == 1)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            #expect(object == ["time": "1970-01-01T00:00:00.000Z", "level": "warning", "message": "Báo cáo \"A\"\nhai dòng\u{1}",
                               "label": "codes.vapor.request", "request_id": "abc", "status": "200"])
        }

        static func bucketsAreCumulative(_ text: String, route: String) -> Bool {
            let prefix = "chitieu_http_request_duration_seconds_bucket{method=\"GET\",route=\"\(route)\",le="
            let counts = text.split(separator: "\n").filter { $0.hasPrefix(prefix) }.compactMap { Int($0.split(separator: " ").last ?? "") }
            return counts.count == MetricsRegistry.buckets.count + 1 && zip(counts, counts.dropFirst()).allSatisfy { $0 <= $1 }
        }
    }
}
