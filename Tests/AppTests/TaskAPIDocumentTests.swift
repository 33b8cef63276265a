import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Task API document") struct TaskAPIDocumentTests {
        @Test("every documented task and funding response, written and read, matches the real answer")
        func responsesMatch() async throws {
            try await withApp { app in
                // setup
                let document = try await app.get("/api/v1/openapi.json").content.decode(JSON.self)
                let validator = SchemaValidator(components: document["components"]?["schemas"]?.object ?? [:])
                let task = try await TaskFixture.task(app, code: "NV01", lead: "MAU-BVDK-A", coordinating: ["MAU-BVDK-B"])
                let id = try task.requireID()
                let closed = try await TaskFixture.cycle(app, period: "2026NovS1", state: .closed)
                let csv = HTTPMediaType(type: "text", subType: "csv")
                var checked: Set<String> = []
                func check(_ method: HTTPMethod, _ path: String, _ documented: String, _ status: UInt, as role: Role = .coordinator,
                           json: String? = nil, body: String? = nil, type: HTTPMediaType? = nil) async throws {
                    let res = try await TaskFixture.send(app, method, path, as: role, json: json, body: body, contentType: type)
                    #expect(res.status.code == status, "\(method) \(path): \(res.status) \(res.body.string.prefix(300))")
                    let operation = method.rawValue.lowercased()
                    let schema = try #require(document["paths"]?[documented]?[operation]?["responses"]?[String(status)]?["content"]?["application/json"]?["schema"],
                                              "\(method) \(documented) documents no \(status) response")
                    let errors = validator.errors(try JSONDecoder().decode(JSON.self, from: Data(buffer: res.body)), schema)
                    #expect(errors.isEmpty, "\(method) \(path): \(errors.prefix(5))")
                    checked.insert("\(method) \(documented) \(status)")
                }
                // act and validate
                try await check(.GET, "/api/v1/funding", "/api/v1/funding", 200)   // no open cycle yet: cycle is the closed one
                _ = try await TaskFixture.cycle(app)
                try await check(.GET, "/api/v1/tasks?status=notStarted&overdue=false", "/api/v1/tasks", 200)
                try await check(.GET, "/api/v1/tasks?status=x", "/api/v1/tasks", 400)
                try await check(.GET, "/api/v1/tasks?plan=KHONG", "/api/v1/tasks", 404)
                try await check(.POST, "/api/v1/tasks", "/api/v1/tasks", 201, json: #"{"code":"NV02","content":"Mới","lead":"VP","start":"2026-01-01","end":"2026-03-31"}"#)
                try await check(.POST, "/api/v1/tasks", "/api/v1/tasks", 400, json: #"{"code":"NV03"}"#)
                try await check(.POST, "/api/v1/tasks", "/api/v1/tasks", 409, json: #"{"code":"NV01","content":"Trùng","lead":"VP","start":"2026-01-01","end":"2026-03-31"}"#)
                try await check(.POST, "/api/v1/tasks", "/api/v1/tasks", 403, as: .leadership, json: #"{"code":"NV04"}"#)
                try await check(.PATCH, "/api/v1/tasks/\(id)", "/api/v1/tasks/{id}", 200, json: #"{"output":"Sản phẩm mới"}"#)
                try await check(.PATCH, "/api/v1/tasks/\(id)", "/api/v1/tasks/{id}", 400, json: #"{"lead":"KHONG"}"#)
                try await check(.PATCH, "/api/v1/tasks/\(UUID())", "/api/v1/tasks/{id}", 404, json: #"{"output":"x"}"#)
                try await check(.POST, "/api/v1/tasks/\(id)/updates", "/api/v1/tasks/{id}/updates", 201, as: .unitReporter, json: #"{"status":"inProgress","progress":30,"comment":"Đang làm"}"#)
                try await check(.POST, "/api/v1/tasks/\(id)/updates", "/api/v1/tasks/{id}/updates", 400, as: .unitReporter, json: #"{"status":"inProgress","progress":300}"#)
                try await check(.POST, "/api/v1/tasks/\(id)/updates", "/api/v1/tasks/{id}/updates", 409, as: .unitReporter, json: #"{"status":"done","cycle":"\#(try closed.requireID())"}"#)
                try await check(.POST, "/api/v1/tasks/\(id)/updates", "/api/v1/tasks/{id}/updates", 403, as: .leadOffice, json: #"{"status":"done"}"#)
                try await check(.POST, "/api/v1/tasks/\(UUID())/updates", "/api/v1/tasks/{id}/updates", 404, as: .unitReporter, json: #"{"status":"done"}"#)
                try await check(.PUT, "/api/v1/funding", "/api/v1/funding", 200, as: .unitReporter, json: #"{"task":"\#(id)","lines":[{"source":"ownRevenue","planned":9000000,"spent":1000000}]}"#)
                try await check(.PUT, "/api/v1/funding", "/api/v1/funding", 400, as: .unitReporter, json: #"{"lines":[{"source":"x","planned":1,"spent":1}]}"#)
                try await check(.PUT, "/api/v1/funding", "/api/v1/funding", 403, as: .unitReporter, json: #"{"organisation":"VP","lines":[]}"#)
                try await check(.PUT, "/api/v1/funding", "/api/v1/funding", 404, as: .unitReporter, json: #"{"task":"\#(UUID())","lines":[]}"#)
                try await check(.PUT, "/api/v1/funding", "/api/v1/funding", 409, as: .unitReporter, json: #"{"cycle":"\#(try closed.requireID())","lines":[]}"#)
                try await check(.GET, "/api/v1/funding?organisation=MAU-BVDK-A", "/api/v1/funding", 200)
                try await check(.GET, "/api/v1/funding?organisation=MAU-BVDK-B", "/api/v1/funding", 403, as: .unitReporter)
                try await check(.GET, "/api/v1/funding?cycle=\(UUID())", "/api/v1/funding", 404)
                try await check(.GET, "/api/v1/tasks/\(id)", "/api/v1/tasks/{id}", 200)
                try await check(.GET, "/api/v1/tasks/\(UUID())", "/api/v1/tasks/{id}", 404)
                try await check(.POST, "/api/v1/tasks/import", "/api/v1/tasks/import", 201, body: "code,content,lead,coordinating,start,end,output\nNV10,Nạp,VP,,01/01/2026,01/02/2026,\n", type: csv)
                try await check(.POST, "/api/v1/tasks/import", "/api/v1/tasks/import", 400, body: "code\nNV11\n", type: csv)
                try await check(.POST, "/api/v1/tasks/import", "/api/v1/tasks/import", 415, body: "{}", type: .json)
                try await check(.POST, "/api/v1/tasks/import?plan=KHONG", "/api/v1/tasks/import", 404, body: "code\n", type: csv)
                try await check(.POST, "/api/v1/tasks/import", "/api/v1/tasks/import", 403, as: .leadOffice, body: "code\n", type: csv)
                try await check(.POST, "/api/v1/tasks", "/api/v1/tasks", 404, json: #"{"plan":"KHONG","code":"NV05"}"#)
                try await check(.PATCH, "/api/v1/tasks/\(id)", "/api/v1/tasks/{id}", 403, as: .unitReporter, json: #"{"output":"x"}"#)
                // Every response the fragment documents was seen, but 401 (anonymous callers: the route matrix checks those).
                let fragment = try JSONDecoder().decode(JSON.self, from: Data(contentsOf: URL(fileURLWithPath: packageRoot + "Resources/OpenAPI/paths/tasks.json")))
                let documented = Set(fragment["paths"]!.object.flatMap { path, item in
                    item.object.flatMap { method, operation in
                        operation["responses"]!.object.keys.filter { $0 != "401" }.map { "\(method.uppercased()) \(path) \($0)" }
                    }
                })
                #expect(documented.subtracting(checked).isEmpty, "not exercised: \(documented.subtracting(checked).sorted())")
            }
        }
    }
}
