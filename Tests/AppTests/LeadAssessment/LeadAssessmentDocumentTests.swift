import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Baselines and lead-office assessments against the OpenAPI document") struct LeadAssessmentDocumentTests {
        @Test("every answer of the baseline and assessment routes, errors included, matches its documented schema")
        func answersMatchTheDocument() async throws {
            try await withApp { app in
                // setup
                let document = try await app.get("/api/v1/openapi.json").content.decode(JSON.self)
                let validator = SchemaValidator(components: document["components"]?["schemas"]?.object ?? [:])
                _ = try await DashboardPagesTests.world(app)
                let api = ReportAPI(app: app)
                let baseline = "/api/v1/indicators/{code}/baseline", assessments = "/api/v1/evaluation/assessments"
                // act
                let responses: [(String, String, String, TestingHTTPResponse)] = [
                    ("put", baseline, "200", try await api.call(.PUT, "/api/v1/indicators/CT35/baseline", as: .leadOffice, json: #"{"year":2025,"value":60,"source":"Thống kê"}"#)),
                    ("put", baseline, "200", try await api.call(.PUT, "/api/v1/indicators/CT11/baseline", as: .leadOffice, json: #"{"year":2025,"level":"Chưa ứng dụng","source":"Khảo sát"}"#)),
                    ("put", baseline, "400", try await api.call(.PUT, "/api/v1/indicators/CT35/baseline", as: .leadOffice, json: #"{"year":2025,"value":101,"source":"x"}"#)),
                    ("put", baseline, "403", try await api.call(.PUT, "/api/v1/indicators/CT05/baseline", as: .leadOffice, json: #"{"year":2025,"value":1,"source":"x"}"#)),
                    ("get", baseline, "200", try await api.call(.GET, "/api/v1/indicators/CT35/baseline", as: .coordinator)),
                    ("get", baseline, "404", try await api.call(.GET, "/api/v1/indicators/CT99/baseline", as: .coordinator)),
                    ("delete", baseline, "200", try await api.call(.DELETE, "/api/v1/indicators/CT11/baseline", as: .leadOffice)),
                    ("put", assessments + "/{code}", "200", try await api.call(.PUT, "/api/v1/evaluation/assessments/CT01?period=2026NovS2", as: .leadOffice,
                                                                                json: #"{"status":"onTrack","reason":"r","analysis":"a","measures":null}"#)),
                    ("put", assessments + "/{code}", "400", try await api.call(.PUT, "/api/v1/evaluation/assessments/CT01?period=2026NovS2", as: .leadOffice,
                                                                                json: #"{"status":"onTrack","analysis":"a"}"#)),
                    ("put", assessments + "/{code}", "403", try await api.call(.PUT, "/api/v1/evaluation/assessments/CT05?period=2026NovS2", as: .leadOffice, json: #"{"analysis":"a"}"#)),
                    ("get", assessments, "200", try await api.call(.GET, "/api/v1/evaluation/assessments?period=2026NovS2", as: .leadership)),
                    ("get", assessments, "400", try await api.call(.GET, "/api/v1/evaluation/assessments?period=2026S9", as: .leadership)),
                    ("get", "/api/v1/evaluation", "200", try await api.call(.GET, "/api/v1/evaluation?period=2026NovS2", as: .coordinator)),
                ]
                // validate
                for (method, path, status, res) in responses {
                    #expect(String(res.status.code) == status, "\(method) \(path): \(res.status) \(res.body.string.prefix(300))")
                    let schema = try #require(document["paths"]?[path]?[method]?["responses"]?[status]?["content"]?["application/json"]?["schema"],
                                              "\(method) \(path) documents no \(status) JSON response")
                    let errors = validator.errors(try JSONDecoder().decode(JSON.self, from: Data(buffer: res.body)), schema)
                    #expect(errors.isEmpty, "\(method) \(path) \(status): \(errors.prefix(5))")
                }
                #expect(responses[10].3.body.string.contains(#""assessment":{"#), "CT01's assessment is listed")
            }
        }
    }
}
