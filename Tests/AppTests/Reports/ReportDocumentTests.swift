import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Reporting API against its OpenAPI document") struct ReportDocumentTests {
        @Test("answers of the cycle, report, follow-up and notification endpoints match the documented schemas, nulls included")
        func answersMatchTheDocument() async throws {
            try await withApp { app in
                // setup: a cycle with a submitted and returned report, a reminder and a notice
                let api = ReportAPI(app: app)
                let document = try await app.get("/api/v1/openapi.json").content.decode(JSON.self)
                let validator = SchemaValidator(components: document["components"]?["schemas"]?.object ?? [:])
                let cycle = try await api.call(.POST, "/api/v1/cycles", as: .coordinator, json: #"{"period":"2026NovS2"}"#).content.decode(CycleDTO.self)
                _ = try await api.call(.POST, "/api/v1/cycles/\(cycle.id)/open", as: .coordinator)
                let report = try #require(try await ReportRecord.query(on: app.db).filter(\.$organisationCode == "MAU-BVDK-A").first())
                let id = try report.requireID()
                _ = try await api.save(id, version: 1, values: ReportAPI.allValues(try await api.report(id)), submit: true)
                // a second unit's report approved, so that the evaluation has values, a distribution and a forecast-free year
                let other = try #require(try await ReportRecord.query(on: app.db).filter(\.$organisationCode == "MAU-BVDK-B").first())
                _ = try await api.save(other.requireID(), version: 1, values: ReportAPI.allValues(try await api.report(other.requireID())), as: .unitReporter,
                                       organisation: "MAU-BVDK-B", submit: true)
                #expect(try await api.call(.POST, "/api/v1/reports/\(other.requireID())/approve", as: .coordinator).status == .ok)
                _ = try await api.call(.POST, "/api/v1/reports/\(id)/return", as: .coordinator, json: #"{"reason":"Thiếu thuyết minh"}"#)
                // act and validate: (method, path as called, documented path, status, body)
                let calls: [(HTTPMethod, String, String, UInt, String?)] = [
                    (.GET, "/api/v1/cycles", "/api/v1/cycles", 200, nil),
                    (.GET, "/api/v1/cycles/\(cycle.id)", "/api/v1/cycles/{id}", 200, nil),
                    (.GET, "/api/v1/cycles/\(UUID())", "/api/v1/cycles/{id}", 404, nil),
                    (.PATCH, "/api/v1/cycles/\(cycle.id)", "/api/v1/cycles/{id}", 200, #"{"reminderDays":4}"#),
                    (.PATCH, "/api/v1/cycles/\(cycle.id)", "/api/v1/cycles/{id}", 400, #"{"due":"hôm qua"}"#),
                    (.GET, "/api/v1/cycles/\(cycle.id)/follow-up", "/api/v1/cycles/{id}/follow-up", 200, nil),
                    (.POST, "/api/v1/cycles/\(cycle.id)/reminders", "/api/v1/cycles/{id}/reminders", 200, nil),
                    (.POST, "/api/v1/cycles/\(cycle.id)/open", "/api/v1/cycles/{id}/open", 409, nil),
                    (.GET, "/api/v1/reports?cycle=\(cycle.id)", "/api/v1/reports", 200, nil),
                    (.GET, "/api/v1/reports?state=lost", "/api/v1/reports", 400, nil),
                    (.GET, "/api/v1/reports/\(id)", "/api/v1/reports/{id}", 200, nil),
                    (.PUT, "/api/v1/reports/\(id)", "/api/v1/reports/{id}", 409, #"{"version":1}"#),
                    (.PUT, "/api/v1/reports/\(id)", "/api/v1/reports/{id}", 400, #"{"version":3,"values":{"CT05":{"amount":-1}}}"#),
                    (.POST, "/api/v1/reports/\(id)/approve", "/api/v1/reports/{id}/approve", 409, nil),
                    (.GET, "/api/v1/reports/\(id)/values/CT01/history", "/api/v1/reports/{id}/values/{code}/history", 200, nil),
                    (.GET, "/api/v1/reports/\(id)/values/CT99/history", "/api/v1/reports/{id}/values/{code}/history", 400, nil),
                    (.GET, "/api/v1/evaluation?period=2026NovS2&include=provisional", "/api/v1/evaluation", 200, nil),
                    (.GET, "/api/v1/indicators/CT01/series?include=provisional", "/api/v1/indicators/{code}/series", 200, nil),
                ]
                for (method, call, path, status, body) in calls {
                    let res = try await api.call(method, call, as: method == .PUT ? .unitReporter : .coordinator, json: body)
                    #expect(res.status.code == status, "\(method) \(call): \(res.status) \(res.body.string.prefix(300))")
                    let schema = try #require(document["paths"]?[path]?[method.rawValue.lowercased()]?["responses"]?[String(status)]?["content"]?["application/json"]?["schema"],
                                              "\(method) \(path) documents no \(status) response")
                    let errors = validator.errors(try JSONDecoder().decode(JSON.self, from: Data(buffer: res.body)), schema)
                    #expect(errors.isEmpty, "\(method) \(call): \(errors.prefix(5))")
                }
                let notices = try await api.call(.GET, "/api/v1/notifications", as: .unitReporter)
                let schema = try #require(document["paths"]?["/api/v1/notifications"]?["get"]?["responses"]?["200"]?["content"]?["application/json"]?["schema"])
                let body = try JSONDecoder().decode(JSON.self, from: Data(buffer: notices.body))
                #expect(validator.errors(body, schema).isEmpty)
                guard case .array(let items) = body else { Issue.record("notifications are not a list"); return }
                #expect(items.count == 2, "the return and the reminder")
            }
        }
    }
}
