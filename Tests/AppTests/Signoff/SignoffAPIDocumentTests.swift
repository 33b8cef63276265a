import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Sign-off and directives API document") struct SignoffAPIDocumentTests {
        @Test("every documented sign-off, report-to-the-committee and directive answer matches the real one")
        func responsesMatch() async throws {
            try await withApp { app in
                // setup
                let document = try await app.get("/api/v1/openapi.json").content.decode(JSON.self)
                let validator = SchemaValidator(components: document["components"]?["schemas"]?.object ?? [:])
                _ = try await DashboardPagesTests.world(app)
                var checked = 0
                func check(_ method: HTTPMethod, _ path: String, _ documented: String, _ status: UInt, as role: Role = .coordinator,
                           json: String? = nil) async throws -> TestingHTTPResponse {
                    let res = try await ReportAPI(app: app).call(method, path, as: role, json: json)
                    #expect(res.status.code == status, "\(method) \(path): \(res.status) \(res.body.string.prefix(300))")
                    let schema = try #require(document["paths"]?[documented]?[method.rawValue.lowercased()]?["responses"]?[String(status)]?["content"]?["application/json"]?["schema"],
                                              "\(method) \(documented) documents no \(status) response")
                    let errors = validator.errors(try JSONDecoder().decode(JSON.self, from: Data(buffer: res.body)), schema)
                    #expect(errors.isEmpty, "\(method) \(path): \(errors.prefix(5))")
                    checked += 1
                    return res
                }
                let p = "?period=2026NovS2"
                // act and validate: the sign-off
                _ = try await check(.GET, "/api/v1/evaluation/report/status\(p)", "/api/v1/evaluation/report/status", 200)
                _ = try await check(.GET, "/api/v1/evaluation/report/status\(p)", "/api/v1/evaluation/report/status", 403, as: .unitReporter)
                _ = try await check(.GET, "/api/v1/evaluation/report/issued.docx\(p)", "/api/v1/evaluation/report/issued.docx", 404)
                _ = try await check(.POST, "/api/v1/evaluation/report/approve\(p)", "/api/v1/evaluation/report/approve", 409, as: .leadership)
                _ = try await check(.POST, "/api/v1/evaluation/report/submit\(p)", "/api/v1/evaluation/report/submit", 403, as: .leadership)
                _ = try await check(.POST, "/api/v1/evaluation/report/submit\(p)", "/api/v1/evaluation/report/submit", 200)
                _ = try await check(.POST, "/api/v1/evaluation/report/return\(p)", "/api/v1/evaluation/report/return", 400, as: .leadership, json: #"{"reason":""}"#)
                _ = try await check(.POST, "/api/v1/evaluation/report/return\(p)", "/api/v1/evaluation/report/return", 200, as: .leadership, json: #"{"reason":"Sửa"}"#)
                _ = try await check(.POST, "/api/v1/evaluation/report/submit\(p)", "/api/v1/evaluation/report/submit", 200)
                _ = try await check(.POST, "/api/v1/evaluation/report/approve\(p)", "/api/v1/evaluation/report/approve", 200, as: .leadership)
                _ = try await check(.POST, "/api/v1/evaluation/report/issue\(p)", "/api/v1/evaluation/report/issue", 400, json: #"{"date":"05/12/2026"}"#)
                _ = try await check(.POST, "/api/v1/evaluation/report/issue\(p)", "/api/v1/evaluation/report/issue", 200, json: #"{"number":"3","date":"05/12/2026"}"#)
                _ = try await check(.POST, "/api/v1/evaluation/report/issue\(p)", "/api/v1/evaluation/report/issue", 409, json: #"{"number":"4","date":"05/12/2026"}"#)
                // the report to the Ban Chỉ đạo
                _ = try await check(.GET, "/api/v1/evaluation/steering-report\(p)", "/api/v1/evaluation/steering-report", 200)
                _ = try await check(.PUT, "/api/v1/evaluation/steering-report\(p)", "/api/v1/evaluation/steering-report", 200,
                                    json: #"{"number":"9","date":"05/12/2026","signerTitle":"TRƯỞNG PHÒNG","signerName":"","recipients":""}"#)
                _ = try await check(.PUT, "/api/v1/evaluation/steering-report\(p)", "/api/v1/evaluation/steering-report", 400,
                                    json: #"{"number":"9","date":"x","signerTitle":"TRƯỞNG PHÒNG","signerName":"","recipients":""}"#)
                // directives
                let created = try await check(.POST, "/api/v1/directives", "/api/v1/directives", 201, as: .leadership, json: #"{"indicator":"CT01","text":"Theo dõi sát","due":"31/12/2026"}"#)
                let id = try created.content.decode(DirectiveTests.WireDirective.self).id
                _ = try await check(.POST, "/api/v1/directives", "/api/v1/directives", 400, as: .leadership, json: #"{"text":"Không có đối tượng"}"#)
                _ = try await check(.POST, "/api/v1/directives", "/api/v1/directives", 403, json: #"{"indicator":"CT01","text":"x"}"#)
                _ = try await check(.GET, "/api/v1/directives?status=open", "/api/v1/directives", 200)
                _ = try await check(.GET, "/api/v1/directives/\(id)", "/api/v1/directives/{id}", 200, as: .leadOffice)
                _ = try await check(.GET, "/api/v1/directives/\(UUID())", "/api/v1/directives/{id}", 404)
                _ = try await check(.POST, "/api/v1/directives/\(id)/replies", "/api/v1/directives/{id}/replies", 200, as: .leadOffice, json: #"{"text":"BHYT đã nhận"}"#)
                _ = try await check(.POST, "/api/v1/directives/\(id)/replies", "/api/v1/directives/{id}/replies", 403, json: #"{"text":"QLKCB không được gửi"}"#)
                _ = try await check(.POST, "/api/v1/directives/\(id)/close", "/api/v1/directives/{id}/close", 400, as: .leadership, json: #"{"note":""}"#)
                _ = try await check(.POST, "/api/v1/directives/\(id)/close", "/api/v1/directives/{id}/close", 200, as: .leadership, json: #"{"note":"Xong"}"#)
                _ = try await check(.POST, "/api/v1/directives/\(id)/replies", "/api/v1/directives/{id}/replies", 409, as: .leadOffice, json: #"{"text":"Muộn"}"#)
                _ = try await check(.POST, "/api/v1/directives/\(id)/close", "/api/v1/directives/{id}/close", 409, as: .leadership, json: #"{"note":"Lại"}"#)
                _ = try await check(.POST, "/api/v1/directives/\(id)/reopen", "/api/v1/directives/{id}/reopen", 200, as: .leadership)
                _ = try await check(.POST, "/api/v1/directives/\(id)/reopen", "/api/v1/directives/{id}/reopen", 409, as: .leadership)
                #expect(checked == 30)
            }
        }
    }
}
