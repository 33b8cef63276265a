import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    /// Wrong queries and bodies are answered 4xx in the user's language, naming the parameter or field and what
    /// it takes — never with a decoder's English.
    @Suite("Input errors") struct InputErrorTests {
        struct Call: Sendable, CustomStringConvertible {
            let method: HTTPMethod
            let path: String
            var role: Role = .admin
            var body: String? = nil
            var contentType: HTTPMediaType? = .json
            let status: HTTPResponseStatus
            /// The parameter or field (or what is wrong with the body as a whole) both reasons name.
            let field: String
            /// Words the Vietnamese reason must hold (the parameter or field, what is allowed).
            let names: [String]
            var description: String { "\(method) \(path) \(body ?? "")" }
        }

        static let calls: [Call] = [
            Call(method: .GET, path: "/api/v1/audit?limit=abc", status: .badRequest, field: "limit", names: ["Tham số limit", "số nguyên"]),
            Call(method: .GET, path: "/api/v1/audit?limit=1.5", status: .badRequest, field: "limit", names: ["Tham số limit", "số nguyên"]),
            Call(method: .GET, path: "/api/v1/reports?cycle=2026NovS2", status: .badRequest, field: "cycle", names: ["tham số cycle", "UUID"]),
            Call(method: .POST, path: "/api/v1/tokens", body: #"{"name": 5}"#, status: .badRequest, field: "name", names: ["Trường name", "chuỗi"]),
            Call(method: .POST, path: "/api/v1/tokens", body: #"{"name": "x", "days": "ten"}"#, status: .badRequest, field: "days", names: ["Trường days", "số nguyên"]),
            Call(method: .POST, path: "/api/v1/tokens", body: #"{"scope": "read"}"#, status: .badRequest, field: "name", names: ["Thiếu trường name"]),
            Call(method: .POST, path: "/api/v1/tokens", body: #"{"name": null}"#, status: .badRequest, field: "name", names: ["Thiếu trường name"]),
            Call(method: .POST, path: "/api/v1/tokens", body: #"{"name": "x""#, status: .badRequest, field: "JSON", names: ["không phải JSON hợp lệ"]),
            Call(method: .POST, path: "/api/v1/tokens", body: #"["x"]"#, status: .badRequest, field: "JSON", names: ["đối tượng JSON"]),
            Call(method: .POST, path: "/api/v1/tokens", body: #"{"name": "x"}"#, contentType: nil, status: .unsupportedMediaType, field: "Content-Type", names: ["Thiếu kiểu nội dung", "application/json"]),
            Call(method: .POST, path: "/api/v1/tokens", body: "name=x", contentType: .plainText, status: .unsupportedMediaType, field: "text/plain", names: ["text/plain", "application/json"]),
            Call(method: .POST, path: "/api/v1/cycles", body: #"{"calendar": "nov"}"#, status: .badRequest, field: "period", names: ["Thiếu trường period"]),
            Call(method: .POST, path: "/api/v1/cycles", body: #"{"period": "2026NovS2", "reminderDays": [1]}"#, status: .badRequest, field: "reminderDays", names: ["Trường reminderDays", "số nguyên"]),
            Call(method: .PUT, path: "/api/v1/funding", role: .unitReporter, body: #"{"lines": [{"source": "state", "planned": "abc", "spent": 0}]}"#, status: .badRequest,
                 field: "lines[0].planned", names: ["Trường lines[0].planned", "số nguyên"]),
            Call(method: .PUT, path: "/api/v1/funding", role: .unitReporter, body: #"{"lines": {"source": "state"}}"#, status: .badRequest, field: "lines", names: ["Trường lines", "danh sách"]),
        ]

        static let decoderWords = ["Data corrupted", "decode", "Decod", "Can't", "keyNotFound", "typeMismatch", "valueNotFound", "No such key",
                                   "Value was not of type", "codingPath", "Index 0", "not configured", "media type"]

        func send(_ call: Call, lang: String? = nil, on app: Application) async throws -> TestingHTTPResponse {
            var headers = try await app.session(call.role)
            headers.add(name: "X-CSRF-Token", value: try await csrfToken(of: headers, app: app))
            if let type = call.contentType { headers.contentType = type }
            let path = lang.map { call.path + (call.path.contains("?") ? "&" : "?") + "lang=\($0)" } ?? call.path
            return try await app.testing().sendRequest(call.method, path, headers: headers, body: call.body.map { ByteBuffer(string: $0) })
        }

        @Test("a wrong query or body is a 4xx naming the parameter or field, in Vietnamese and in English, without the decoder's words",
              arguments: calls)
        func namesTheField(_ call: Call) async throws {
            try await withApp { app in
                // act
                let vietnamese = try await send(call, on: app)
                let english = try await send(call, lang: "en", on: app)
                // validate
                #expect(vietnamese.status == call.status, "\(call): \(vietnamese.body.string)")
                #expect(english.status == call.status)
                let reason = try vietnamese.content.decode(ErrorBody.self).reason
                let englishReason = try english.content.decode(ErrorBody.self).reason
                for name in call.names { #expect(reason.contains(name), "\(call): \(reason)") }
                for word in Self.decoderWords {
                    #expect(!reason.contains(word), "\(call): \(reason)")
                    #expect(!englishReason.contains(word), "\(call): \(englishReason)")
                }
                #expect(reason != englishReason, "\(call): the English reason is the Vietnamese one")
                #expect(reason.contains(call.field) && englishReason.contains(call.field), "\(call): \(reason) / \(englishReason)")
            }
        }

        @Test("a decoding error's path is named the way the request wrote it")
        func fieldNames() throws {
            struct Key: CodingKey {
                var stringValue: String
                var intValue: Int?
                init(stringValue: String) { self.stringValue = stringValue }
                init(intValue: Int) { self.stringValue = "Index \(intValue)"; self.intValue = intValue }
            }
            #expect(InputError.name([Key(stringValue: "values"), Key(stringValue: "CT01"), Key(stringValue: "amount")]) == "values.CT01.amount")
            #expect(InputError.name([Key(stringValue: "lines"), Key(intValue: 2), Key(stringValue: "planned")]) == "lines[2].planned")
            #expect(InputError.Expected(Int64.self) == .wholeNumber)
            #expect(InputError.Expected(Double.self) == .number)
            #expect(InputError.Expected(Language.self) == .oneOf(["vi", "en"]))
        }
    }
}
