import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("API token lifetime and revocation") struct TokenLifetimeTests {
        /// Calls the API as the signed-in `role` user (CSRF header on writes).
        static func call(_ app: Application, _ method: HTTPMethod, _ path: String, as role: Role, json: String? = nil) async throws -> TestingHTTPResponse {
            try await ReportAPI(app: app).call(method, path, as: role, json: json)
        }

        static func bearer(_ app: Application, _ token: String) async throws -> HTTPStatus {
            try await app.testing().sendRequest(.GET, "/api/v1/me", headers: ["Authorization": "Bearer \(token)"]).status
        }

        @Test("a token always expires: 90 days by default, at most 365; none or more is a 400 naming the field, in Vietnamese")
        func expiry() async throws {
            try await withApp { app in
                let made = try await Self.call(app, .POST, "/api/v1/tokens", as: .coordinator, json: #"{"name":"Tập lệnh"}"#)
                #expect(made.status == .created)
                let expires = try made.content.decode(TokenDTO.self).expiresAt
                #expect(abs(expires.timeIntervalSinceNow - 90 * 86_400) < 120)
                #expect(try await Self.call(app, .POST, "/api/v1/tokens", as: .coordinator, json: #"{"name":"Năm","days":365}"#).status == .created)
                for days in ["0", "-5", "366", "100000"] {
                    let res = try await Self.call(app, .POST, "/api/v1/tokens", as: .coordinator, json: #"{"name":"Quá hạn","days":\#(days)}"#)
                    #expect(res.status == .badRequest, "days=\(days)")
                    #expect(res.body.string.contains("Thời hạn của mã truy cập (trường days=\(days)) phải từ 1 đến 365 ngày"), "\(res.body.string)")
                }
                // the page refuses the same way
                var headers = try await app.session(.coordinator)
                headers.contentType = .urlEncodedForm
                let page = try await app.testing().sendRequest(.POST, "/account/tokens", headers: headers,
                    body: ByteBuffer(string: "csrf=\(try await csrfToken(of: headers, app: app))&name=Trang&scope=read&days=400"))
                #expect(page.status == .badRequest)
                // a token made before expiries were required stops a year after it was made
                let user = try #require(try await UserRecord.query(on: app.db).filter(\.$email == "coordinator-qlkcb@test.chitieu.local").first())
                let old = try await APITokens.create(for: user, name: "Cũ", canWrite: false, days: 30, by: .system, on: app.db)
                try await APITokenRecord.query(on: app.db).filter(\.$id == old.record.requireID())
                    .set(\.$expiresAt, to: nil).set(\.$createdAt, to: Date().addingTimeInterval(-366 * 86_400)).update()
                #expect(try await Self.bearer(app, old.token) == .unauthorized)
                #expect(try await APITokenRecord.query(on: app.db).filter(\.$expiresAt == nil).count() == 1)
            }
        }

        @Test("every token of a user stops working when the password is changed or reset, or the account is deactivated")
        func revokedWithAccount() async throws {
            try await withApp { app in
                // setup: three users with a token each
                func user(_ email: String) async throws -> (UserRecord, String, String) {
                    let (user, password) = try await Accounts.create(.init(email: email, name: "Cán bộ", role: .leadership, organisationCode: "SYT"),
                                                                     by: .system, app: app, on: app.db)
                    let token = try await APITokens.create(for: user, name: "Tập lệnh", canWrite: true, days: nil, by: .system, on: app.db).token
                    #expect(try await Self.bearer(app, token) == .ok)
                    return (user, try #require(password), token)
                }
                let (changer, password, changerToken) = try await user("doi@test.vn")
                let (reset, _, resetToken) = try await user("capl@test.vn")
                let (leaver, _, leaverToken) = try await user("nghi@test.vn")
                // act: a password changed through the page, one reset through the API, one account deactivated
                var browser = Browser(app: app)
                _ = try await browser.signIn(changer.email, password)
                let changed = try await browser.post("/account/password", form: ["current": password, "password": "Ninh-Binh y te 2031", "confirmation": "Ninh-Binh y te 2031"],
                                                     formPage: "/account/password")
                #expect(changed.status == .seeOther)
                #expect(try await Self.call(app, .POST, "/api/v1/users/\(try reset.requireID())/reset-password", as: .admin).status == .ok)
                #expect(try await Self.call(app, .PATCH, "/api/v1/users/\(try leaver.requireID())", as: .admin, json: #"{"active":false}"#).status == .ok)
                // validate
                for token in [changerToken, resetToken, leaverToken] { #expect(try await Self.bearer(app, token) == .unauthorized) }
                #expect(try await APITokenRecord.query(on: app.db).filter(\.$revokedAt == nil).count() == 0)
                let revocations = try await AuditEntryRecord.query(on: app.db).filter(\.$entity == "api_token").filter(\.$field == "revokedAt").all()
                #expect(Set(revocations.compactMap(\.reason)) == ["đổi mật khẩu", "cấp lại mật khẩu", "ngừng tài khoản"])
            }
        }

        @Test("an administrator lists and revokes any user's tokens: API (as documented), page and command line")
        func administratorRevokes() async throws {
            try await withApp { app in
                // setup
                let (user, _) = try await Accounts.create(.init(email: "thuhoi@test.vn", name: "Cán bộ", role: .unitReporter, organisationCode: "MAU-BVDK-A"),
                                                          by: .system, app: app, on: app.db)
                let id = try user.requireID()
                let first = try await APITokens.create(for: user, name: "Máy A", canWrite: false, days: 10, by: .system, on: app.db)
                let second = try await APITokens.create(for: user, name: "Máy B", canWrite: true, days: 20, by: .system, on: app.db)
                let third = try await APITokens.create(for: user, name: "Máy C", canWrite: true, days: 30, by: .system, on: app.db)
                // act + validate: API
                let list = try await Self.call(app, .GET, "/api/v1/users/\(id)/tokens", as: .admin)
                #expect(list.status == .ok)
                let document = try await app.get("/api/v1/openapi.json").content.decode(JSON.self)
                let schema = try #require(document["paths"]?["/api/v1/users/{id}/tokens"]?["get"]?["responses"]?["200"]?["content"]?["application/json"]?["schema"])
                let errors = SchemaValidator(components: document["components"]?["schemas"]?.object ?? [:]).errors(try JSONDecoder().decode(JSON.self, from: Data(buffer: list.body)), schema)
                #expect(errors.isEmpty, "\(errors.prefix(3))")
                #expect(try list.content.decode([TokenDTO].self).map(\.name).sorted() == ["Máy A", "Máy B", "Máy C"])
                #expect(try await Self.call(app, .GET, "/api/v1/users/\(id)/tokens", as: .coordinator).status == .forbidden)
                #expect(try await Self.call(app, .DELETE, "/api/v1/users/\(id)/tokens/\(try first.record.requireID())", as: .admin).status == .noContent)
                #expect(try await Self.bearer(app, first.token) == .unauthorized)
                #expect(try await Self.bearer(app, second.token) == .ok)
                #expect(try await Self.call(app, .DELETE, "/api/v1/users/\(id)/tokens/\(UUID())", as: .admin).status == .notFound)
                // page
                let page = try await app.get("/admin/users/\(id)")
                let secondID = try second.record.requireID()
                #expect(page.body.string.contains(second.record.prefix) && page.body.string.contains("/tokens/\(secondID)/revoke"))
                var headers = try await app.session(.admin)
                headers.contentType = .urlEncodedForm
                let revoked = try await app.testing().sendRequest(.POST, "/admin/users/\(id)/tokens/\(try second.record.requireID())/revoke", headers: headers,
                                                                  body: ByteBuffer(string: "csrf=\(try await csrfToken(of: headers, app: app))"))
                #expect(revoked.status == .seeOther)
                #expect(try await Self.bearer(app, second.token) == .unauthorized)
                // command line
                let listed = try await TaskFixture.run(app, ["user", "tokens", "--email", user.email])
                #expect(listed.count == 3 && listed.contains { $0.contains(third.record.prefix) && $0.contains("còn hiệu lực") })
                #expect(listed.filter { $0.contains("đã thu hồi") }.count == 2)
                let out = try await TaskFixture.run(app, ["user", "revoke-token", "--email", user.email, "--token", third.record.prefix])
                #expect(out.contains { $0.contains("Đã thu hồi mã \(third.record.prefix)") })
                #expect(try await Self.bearer(app, third.token) == .unauthorized)
                await #expect(throws: AppError.self) { _ = try await TaskFixture.run(app, ["user", "revoke-token", "--email", user.email, "--token", "ct_khong"]) }
            }
        }
    }
}
