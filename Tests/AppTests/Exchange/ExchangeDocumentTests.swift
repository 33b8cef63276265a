import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Exchange and report-text API against the OpenAPI document") struct ExchangeDocumentTests {
        @Test("dataValueSets, template uploads and the report text answer as documented, errors included")
        func answersMatchTheDocument() async throws {
            try await withApp { app in
                // setup
                let document = try await app.get("/api/v1/openapi.json").content.decode(JSON.self)
                let validator = SchemaValidator(components: document["components"]?["schemas"]?.object ?? [:])
                let (period, a, _) = try await DataValueSetTests.world(app)
                let good = DataValueSetTests.set(period, [("CT01.NUM", "MAU-BVDK-A", "40"), ("CT01.DEN", "MAU-BVDK-A", "50")])
                let bad = DataValueSetTests.set(period, [("CT99", "MAU-BVDK-A", "1")])
                let template = Data(buffer: try await ReportAPI(app: app).call(.GET, "/api/v1/reports/\(try a.requireID())/template.xlsx", as: .unitReporter).body)
                let filled = try TemplateTests.filled(template, ["F4": .text("nhiều")])
                var responses: [(String, String, String, TestingHTTPResponse)] = [
                    ("post", "/api/v1/dataValueSets", "200", try await DataValueSetTests.post(app, good)),
                    ("post", "/api/v1/dataValueSets", "409", try await DataValueSetTests.post(app, bad)),
                    ("post", "/api/v1/dataValueSets", "400", try await DataValueSetTests.post(app, "{")),
                    ("get", "/api/v1/dataValueSets", "200", try await ReportAPI(app: app).call(.GET, "/api/v1/dataValueSets?period=\(period)&orgUnit=SYT&children=true", as: .coordinator)),
                    ("get", "/api/v1/dataValueSets", "400", try await ReportAPI(app: app).call(.GET, "/api/v1/dataValueSets?period=x", as: .coordinator)),
                    ("post", "/api/v1/reports/{id}/template.xlsx", "200", try await TemplateTests.upload(app, template, to: try a.requireID())),
                    ("post", "/api/v1/reports/{id}/template.xlsx", "400", try await TemplateTests.upload(app, filled, to: try a.requireID())),
                    ("get", "/api/v1/evaluation/report", "200", try await ReportAPI(app: app).call(.GET, "/api/v1/evaluation/report?period=\(period)", as: .coordinator)),
                ]
                responses.append(("put", "/api/v1/evaluation/report", "400", try await ReportAPI(app: app).call(.PUT, "/api/v1/evaluation/report?period=\(period)", as: .coordinator,
                    json: #"{"number":"","date":"ngày mai","results":"","shortcomings":"","proposals":"","signerMandate":"","signerTitle":"GIÁM ĐỐC","signerName":"","recipients":""}"#)))
                // validate
                for (method, path, status, res) in responses {
                    #expect(String(res.status.code) == status, "\(method) \(path): \(res.status) \(res.body.string.prefix(300))")
                    let schema = try #require(document["paths"]?[path]?[method]?["responses"]?[status]?["content"]?["application/json"]?["schema"],
                                              "\(method) \(path) documents no \(status) JSON response")
                    let errors = validator.errors(try JSONDecoder().decode(JSON.self, from: Data(buffer: res.body)), schema)
                    #expect(errors.isEmpty, "\(method) \(path) \(status): \(errors.prefix(5))")
                }
            }
        }
    }
}
