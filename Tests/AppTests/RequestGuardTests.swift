import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App

extension AppTests {
    /// What the middleware refuses before any handler runs, and how: control characters however they are
    /// written, and methods an address does not take.
    @Suite("Request guard") struct RequestGuardTests {
        func createToken(_ body: String, contentType: HTTPMediaType = .json, path: String = "/api/v1/tokens", on app: Application) async throws -> TestingHTTPResponse {
            var headers = try await app.session(.coordinator)
            headers.add(name: "X-CSRF-Token", value: try await csrfToken(of: headers, app: app))
            headers.contentType = contentType
            return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        }

        @Test("C1 control characters are refused in a JSON body whether escaped (\\u0085, \\u009b) or raw, and in a form; nothing is stored",
              arguments: [#"{"name": "Tên\u0085lạ"}"#, #"{"name": "Tên\u009Blạ"}"#, #"{"name": "Tên\u009b[31m"}"#, #"{"name": "x\\\u0085"}"#,
                          "{\"name\": \"Tên\u{85}lạ\"}", "{\"name\": \"Tên\u{9B}lạ\"}", #"{"name": "Tên\u007flạ"}"#])
        func c1Refused(_ body: String) async throws {
            try await withApp { app in
                // act
                let res = try await createToken(body, on: app)
                // validate
                #expect(res.status == .badRequest, "\(body): \(res.status) \(res.body.string)")
                #expect(try res.content.decode(ErrorBody.self).reason.contains("ký tự điều khiển"))
                #expect(try await APITokenRecord.query(on: app.db).count() == 0)
            }
        }

        @Test("C1 control characters in a form field and in the address are refused too")
        func c1InFormsAndAddresses() async throws {
            try await withApp { app in
                let form = try await app.get("/api/v1/indicators?group=I%C2%85", as: .coordinator)
                #expect(form.status == .badRequest)
                var headers = try await app.session(.coordinator)
                headers.contentType = .urlEncodedForm
                let csrf = try await csrfToken(of: headers, app: app)
                let res = try await app.testing().sendRequest(.POST, "/account/tokens", headers: headers,
                                                              body: ByteBuffer(string: "csrf=\(csrf)&name=T%C3%AAn%C2%9Bl%E1%BA%A1"))
                #expect(res.status == .badRequest)
                #expect(try await APITokenRecord.query(on: app.db).count() == 0)
            }
        }

        @Test("an escaped backslash before u0085 is text, not an escape, and is stored as typed")
        func escapedBackslashIsText() async throws {
            try await withApp { app in
                let res = try await createToken(#"{"name": "C:\\u0085 và \\\\u009b"}"#, on: app)
                #expect(res.status == .created, "\(res.body.string)")
                #expect(try await APITokenRecord.query(on: app.db).first()?.name == #"C:\u0085 và \\u009b"#)
            }
        }

        @Test("a method an API address does not take is 405 with Allow, in Vietnamese; an unknown address stays 404")
        func methodNotAllowed() async throws {
            try await withApp { app in
                // setup
                var headers = try await app.session(.admin)
                headers.add(name: "X-CSRF-Token", value: try await csrfToken(of: headers, app: app))
                // act
                let delete = try await app.testing().sendRequest(.DELETE, "/api/v1/indicators", headers: headers)
                let put = try await app.testing().sendRequest(.PUT, "/api/v1/reports/\(UUID())/submit", headers: headers)
                let unknown = try await app.testing().sendRequest(.DELETE, "/api/v1/nothing-here", headers: headers)
                let throughParameter = try await app.testing().sendRequest(.PATCH, "/api/v1/tasks/import", headers: headers)
                let unknownTask = try await app.testing().sendRequest(.GET, "/api/v1/tasks/\(UUID())", headers: headers)
                // validate
                #expect(delete.status == .methodNotAllowed)
                #expect(delete.headers.first(name: .allow) == "GET, HEAD")
                #expect(try delete.content.decode(ErrorBody.self).reason.contains("phương thức"))
                #expect(put.status == .methodNotAllowed)
                #expect(put.headers.first(name: .allow) == "POST")
                #expect(unknown.status == .notFound)
                #expect(unknown.headers.first(name: .allow) == nil)
                #expect(throughParameter.status == .methodNotAllowed)
                #expect(throughParameter.headers.first(name: .allow) == "POST")
                #expect(unknownTask.status == .notFound)
            }
        }
    }
}
