import Foundation
import Testing
import Vapor
import VaporTesting
@testable import App

extension AppTests {
    @Suite("OpenAPI document") struct OpenAPITests {
        /// Requests that exercise every documented response: (path as called, documented path, expected status).
        static let calls: [(String, String, UInt)] = [
            ("/health", "/health", 200),
            ("/api/v1/plans", "/api/v1/plans", 200),
            ("/api/v1/indicators", "/api/v1/indicators", 200),
            ("/api/v1/indicators?group=IV&leadOffice=VP", "/api/v1/indicators", 200),
            ("/api/v1/indicators?group=V", "/api/v1/indicators", 400),
            ("/api/v1/indicators?plan=NOPE", "/api/v1/indicators", 404),
            ("/api/v1/indicators/CT04", "/api/v1/indicators/{code}", 200),
            ("/api/v1/indicators/CT10", "/api/v1/indicators/{code}", 200),
            ("/api/v1/indicators/CT99", "/api/v1/indicators/{code}", 404),
            ("/api/v1/indicators/CT11/trajectory", "/api/v1/indicators/{code}/trajectory", 200),
            ("/api/v1/indicators/CT99/trajectory", "/api/v1/indicators/{code}/trajectory", 404),
            ("/api/v1/organisations", "/api/v1/organisations", 200),
            ("/api/v1/organisations?kind=x", "/api/v1/organisations", 400),
            ("/api/v1/openapi.json", "/api/v1/openapi.json", 200),
            ("/api/v1/evaluation?period=2026NovS2", "/api/v1/evaluation", 200),
            ("/api/v1/evaluation?period=2026S2", "/api/v1/evaluation", 400),
            ("/api/v1/indicators/CT10/series", "/api/v1/indicators/{code}/series", 200),
            ("/api/v1/indicators/CT99/series", "/api/v1/indicators/{code}/series", 404),
            ("/api/v1/indicators/CT01?plan=NOPE", "/api/v1/indicators/{code}", 404),
            ("/api/v1/unit-plans/MAU-BVDK-A", "/api/v1/unit-plans/{org}", 200),
            ("/api/v1/unit-plans/NOPE", "/api/v1/unit-plans/{org}", 404),
            ("/api/v1/audit?entity=summary-report&limit=5", "/api/v1/audit", 200),
            ("/api/v1/audit?entity=bogus", "/api/v1/audit", 400),
            ("/api/v1/audit?limit=abc", "/api/v1/audit", 400),
            ("/api/v1/indicators?group=I%00", "/api/v1/indicators", 400),
        ]

        @Test("every documented response matches what the server really returns")
        func responsesMatchSchemas() async throws {
            try await withApp { app in
                let document = try await app.get("/api/v1/openapi.json").content.decode(JSON.self)
                let validator = SchemaValidator(components: document["components"]?["schemas"]?.object ?? [:])
                for (call, path, status) in Self.calls {
                    let res = try await app.get(call)
                    #expect(res.status.code == status, "\(call)")
                    let schema = try #require(document["paths"]?[path]?["get"]?["responses"]?[String(status)]?["content"]?["application/json"]?["schema"],
                                              "\(path) documents no \(status) response")
                    let body = try JSONDecoder().decode(JSON.self, from: Data(buffer: res.body))
                    let errors = validator.errors(body, schema)
                    #expect(errors.isEmpty, "\(call): \(errors.prefix(5))")
                }
            }
        }

        @Test("every API route the app registers is documented, and nothing else is")
        func routesAreDocumented() async throws {
            try await withApp { app in
                let document = try await app.get("/api/v1/openapi.json").content.decode(JSON.self)
                let documented = Set((document["paths"]?.object ?? [:]).flatMap { path, item in
                    item.object.keys.map { "\($0.uppercased()) \(path)" }
                })
                let registered = Set(app.routes.all.map { route in
                    "\(route.method.rawValue) /" + route.path.map { component -> String in
                        if case .parameter(let name) = component { return "{\(name)}" }
                        return component.description
                    }.joined(separator: "/")
                }.filter { $0.contains(" /api/") || $0.hasSuffix(" /health") })
                #expect(registered.subtracting(documented).isEmpty, "undocumented: \(registered.subtracting(documented).sorted())")
                #expect(documented.subtracting(registered).isEmpty, "documented but absent: \(documented.subtracting(registered).sorted())")
            }
        }

        @Test("a change-log entry's entity is documented as every kind of thing the app writes to the log")
        func auditEntities() async throws {
            try await withApp { app in
                let document = try await app.get("/api/v1/openapi.json").content.decode(JSON.self)
                let documented = document["components"]?["schemas"]?["AuditEntry"]?["properties"]?["entity"]?["enum"]?.strings
                let parameter = document["paths"]?["/api/v1/audit"]?["get"]?["parameters"]?.array.first { $0["name"]?.string == "entity" }
                #expect(documented == AuditPage.entities)
                #expect(parameter?["schema"]?["enum"]?.strings == AuditPage.entities)
            }
        }

        @Test("every operation documents the answers the middleware gives: 400, 401 where a token is needed, 413 and 415 with a body")
        func commonResponses() async throws {
            try await withApp { app in
                let document = try await app.get("/api/v1/openapi.json").content.decode(JSON.self)
                for (path, item) in document["paths"]?.object ?? [:] {
                    for (method, operation) in item.object where method != "parameters" {
                        let responses = operation["responses"]?.object ?? [:]
                        #expect(responses["400"] != nil, "\(method) \(path)")
                        if operation["security"] != .array([]) { #expect(responses["401"] != nil, "\(method) \(path)") }
                        if operation["requestBody"] != nil { #expect(responses["415"] != nil && responses["413"] != nil, "\(method) \(path)") }
                    }
                }
            }
        }

        @Test("the validator itself catches a wrong type, a missing field and an extra field")
        func validatorCanFail() throws {
            let schema = try JSONDecoder().decode(JSON.self, from: Data(#"{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":["string","null"]}},"required":["a","b"],"additionalProperties":false}"#.utf8))
            let validator = SchemaValidator(components: [:])
            let good = try JSONDecoder().decode(JSON.self, from: Data(#"{"a":1,"b":null}"#.utf8))
            let bad = try JSONDecoder().decode(JSON.self, from: Data(#"{"a":true,"c":1}"#.utf8))
            #expect(validator.errors(good, schema).isEmpty)
            #expect(validator.errors(bad, schema).count == 3)
        }
    }
}
