import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

/// A browser's view of signing in: the pre-sign-in CSRF cookie, then the login form.
struct Browser {
    let app: Application
    var cookies: [String: String] = [:]

    var cookieHeader: HTTPHeaders { cookies.isEmpty ? [:] : ["Cookie": cookies.map { "\($0)=\($1)" }.joined(separator: "; ")] }

    mutating func keep(_ res: TestingHTTPResponse) {
        for (name, value) in res.headers.setCookie?.all ?? [:] { cookies[name] = value.string.isEmpty ? nil : value.string }
    }

    mutating func get(_ path: String) async throws -> TestingHTTPResponse {
        let res = try await app.testing().sendRequest(.GET, path, headers: cookieHeader)
        keep(res)
        return res
    }

    /// Posts a form with the CSRF token found on `formPage`.
    mutating func post(_ path: String, form: [String: String], formPage: String) async throws -> TestingHTTPResponse {
        let page = try await get(formPage).body.string
        let csrf = try #require(page.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
        var headers = cookieHeader
        headers.contentType = .urlEncodedForm
        let body = (form.merging(["csrf": String(csrf)]) { a, _ in a }).map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
        let res = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        keep(res)
        return res
    }

    mutating func signIn(_ email: String, _ password: String) async throws -> TestingHTTPResponse {
        try await post("/login", form: ["email": email, "password": password], formPage: "/login")
    }
}

extension AppTests {
    @Suite("Accounts and sign-in") struct AccountTests {
        @Test("the first start creates one administrator with a random password, who must change it")
        func firstAdmin() async throws {
            try await withApp(prepare: false) { app in
                let report = try await Setup.prepare(app)
                let admin = try #require(report.firstAdmin)
                #expect(admin.email == Setup.firstAdminEmail)
                #expect(admin.password.count == 16)
                #expect(try await UserRecord.query(on: app.db).count() == 1)
                let again = try await Setup.prepare(app)
                #expect(again.firstAdmin == nil)

                var browser = Browser(app: app)
                let signIn = try await browser.signIn(admin.email, admin.password)
                #expect(signIn.status == .seeOther)
                #expect(signIn.headers.first(name: .location) == "/account/password")
                let cookie = try #require(signIn.headers.setCookie?[AuthenticationMiddleware.cookieName])
                #expect(cookie.isHTTPOnly && cookie.sameSite == .lax)
                // Until the password is changed, every page leads to the password form.
                let before = try await browser.get("/")
                #expect(before.headers.first(name: .location) == "/account/password")
                let common = try await browser.post("/account/password", form: ["current": admin.password, "password": "Matkhau1234", "confirmation": "Matkhau1234"], formPage: "/account/password")
                #expect(common.status == .badRequest)
                #expect(common.body.string.contains("quá phổ biến"))
                let short = try await browser.post("/account/password", form: ["current": admin.password, "password": "ngan", "confirmation": "ngan"], formPage: "/account/password")
                #expect(short.body.string.contains("ít nhất 10 ký tự"))
                let changed = try await browser.post("/account/password", form: ["current": admin.password, "password": "Ninh-Binh y te 2026", "confirmation": "Ninh-Binh y te 2026"], formPage: "/account/password")
                #expect(changed.status == .seeOther)
                let after = try await browser.get("/")
                #expect(after.status == .ok)
            }
        }

        @Test("a failed sign-in says only 'wrong user name or password', for a wrong password and an unknown user alike")
        func genericFailure() async throws {
            try await withApp { app in
                let (user, password) = try await Accounts.create(.init(email: "canbo@test.vn", name: "Cán bộ", role: .coordinator, organisationCode: "QLKCB"), by: .system, app: app, on: app.db)
                var browser = Browser(app: app)
                let wrong = try await browser.signIn(user.email, "khong-dung-mat-khau")
                let unknown = try await browser.signIn("khongco@test.vn", try #require(password))
                for res in [wrong, unknown] {
                    #expect(res.status == .unauthorized)
                    #expect(res.body.string.contains("Sai tên đăng nhập hoặc mật khẩu."))
                }
                #expect(try await LoginEventRecord.query(on: app.db).filter(\.$kind == "failure").count() == 2)
            }
        }

        @Test("five failures within 15 minutes lock the account for 15 minutes, even against the right password; an admin unlocks it")
        func lockout() async throws {
            try await withApp { app in
                let (user, generated) = try await Accounts.create(.init(email: "khoa@test.vn", name: "Cán bộ", role: .leadership, organisationCode: "SYT"), by: .system, app: app, on: app.db)
                let password = try #require(generated)
                for _ in 1...5 {
                    await #expect(throws: AppError.self) { _ = try await Accounts.signIn(email: user.email, password: "sai-mat-khau-1", address: nil, app: app, on: app.db) }
                }
                let locked = try #require(try await UserRecord.find(user.id, on: app.db)?.lockedUntil)
                #expect(abs(locked.timeIntervalSinceNow - 15 * 60) < 60)
                await #expect(throws: AppError.self) { _ = try await Accounts.signIn(email: user.email, password: password, address: nil, app: app, on: app.db) }
                #expect(try await LoginEventRecord.query(on: app.db).filter(\.$kind == "lockout").count() == 1)
                // act: the administrator unlocks
                let admin = try await app.session(.admin)
                var headers = admin
                headers.add(name: "X-CSRF-Token", value: try await csrfToken(of: admin, app: app))
                let res = try await app.testing().sendRequest(.POST, "/api/v1/users/\(try user.requireID())/unlock", headers: headers)
                #expect(res.status == .ok)
                _ = try await Accounts.signIn(email: user.email, password: password, address: nil, app: app, on: app.db)
            }
        }

        @Test("failures before a successful sign-in do not count towards a lockout")
        func successResetsCount() async throws {
            try await withApp { app in
                let (user, generated) = try await Accounts.create(.init(email: "dem@test.vn", name: "Cán bộ", role: .leadership, organisationCode: "SYT"), by: .system, app: app, on: app.db)
                let password = try #require(generated)
                for _ in 1...4 { _ = try? await Accounts.signIn(email: user.email, password: "sai-mat-khau-1", address: nil, app: app, on: app.db) }
                _ = try await Accounts.signIn(email: user.email, password: password, address: nil, app: app, on: app.db)
                _ = try? await Accounts.signIn(email: user.email, password: "sai-mat-khau-1", address: nil, app: app, on: app.db)
                #expect(try await UserRecord.find(user.id, on: app.db)?.lockedUntil == nil)
            }
        }

        @Test("sign-out ends the session; a session idle longer than the limit ends by itself")
        func sessionsEnd() async throws {
            try await withApp { app in
                let (user, generated) = try await Accounts.create(.init(email: "phien@test.vn", name: "Cán bộ", role: .leadership, organisationCode: "SYT"), by: .system, app: app, on: app.db)
                let password = try #require(generated)
                user.mustChangePassword = false
                try await user.save(on: app.db)
                var browser = Browser(app: app)
                _ = try await browser.signIn(user.email, password)
                let home = try await browser.get("/")
                #expect(home.status == .ok)
                let out = try await browser.post("/logout", form: [:], formPage: "/")
                #expect(out.headers.first(name: .location) == "/login")
                let signedOut = try await browser.get("/")
                #expect(signedOut.status == .seeOther)
                // idle expiry
                _ = try await browser.signIn(user.email, password)
                let session = try #require(try await UserSessionRecord.query(on: app.db).first())
                session.lastSeenAt = Date().addingTimeInterval(-31 * 60)
                try await session.save(on: app.db)
                let idle = try await browser.get("/")
                #expect(idle.headers.first(name: .location)?.hasPrefix("/login") == true)
                #expect(try await UserSessionRecord.query(on: app.db).count() == 0)
            }
        }

        @Test("a state-changing form without the CSRF token, or with a forged one, is refused and changes nothing")
        func csrfRefused() async throws {
            try await withApp { app in
                let cookie = try await app.session(.admin)
                for token in [nil, "gia-mao"] {
                    var headers = cookie
                    headers.contentType = .urlEncodedForm
                    let body = "name=thu&scope=write" + (token.map { "&csrf=\($0)" } ?? "")
                    let res = try await app.testing().sendRequest(.POST, "/account/tokens", headers: headers, body: ByteBuffer(string: body))
                    #expect(res.status == .forbidden)
                }
                #expect(try await APITokenRecord.query(on: app.db).count() == 0)
            }
        }

        @Test("an API token is shown once, stored hashed, limited by scope, and stops working when revoked or expired")
        func tokens() async throws {
            try await withApp { app in
                var headers = try await app.session(.admin)
                headers.add(name: "X-CSRF-Token", value: try await csrfToken(of: headers, app: app))
                headers.contentType = .json
                let created = try await app.testing().sendRequest(.POST, "/api/v1/tokens", headers: headers, body: ByteBuffer(string: #"{"name":"LGSP","scope":"read","days":30}"#))
                #expect(created.status == .created)
                struct Created: Decodable { let id: UUID; let token: String?; let scope: String }
                let token = try created.content.decode(Created.self)
                let secret = try #require(token.token)
                #expect(try await APITokenRecord.query(on: app.db).filter(\.$tokenHash == secret).count() == 0)
                #expect(try await APITokenRecord.query(on: app.db).filter(\.$tokenHash == Secrets.digest(secret)).count() == 1)
                let listed = try await app.testing().sendRequest(.GET, "/api/v1/tokens", headers: headers).body.string
                #expect(!listed.contains(secret))

                let bearer: HTTPHeaders = ["Authorization": "Bearer \(secret)", "Content-Type": "application/json"]
                #expect(try await app.testing().sendRequest(.GET, "/api/v1/indicators", headers: bearer).status == .ok)
                let write = try await app.testing().sendRequest(.POST, "/api/v1/organisations", headers: bearer, body: ByteBuffer(string: #"{"code":"X1","name":"X","kind":"otherUnit"}"#))
                #expect(write.status == .forbidden)
                #expect(try await OrganisationRecord.query(on: app.db).filter(\.$code == "X1").count() == 0)

                let revoked = try await app.testing().sendRequest(.DELETE, "/api/v1/tokens/\(token.id)", headers: headers)
                #expect(revoked.status == .noContent)
                let after = try await app.testing().sendRequest(.GET, "/api/v1/indicators", headers: bearer)
                #expect(after.status == .unauthorized)
                #expect(try after.content.decode(WireError.self).reason.contains("thu hồi"))
            }
        }

        @Test("every response carries the security headers, without inline script allowed")
        func securityHeaders() async throws {
            try await withApp { app in
                for path in ["/login", "/", "/api/v1/indicators", "/khong-co"] {
                    let res = try await app.get(path)
                    let csp = try #require(res.headers.first(name: "Content-Security-Policy"))
                    #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"))
                    #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                    #expect(res.headers.first(name: "X-Frame-Options") == "DENY")
                    #expect(res.headers.first(name: "Referrer-Policy") == "same-origin")
                }
            }
        }

        @Test("an administrator creates an account through the page; the password is shown once and must be changed")
        func adminCreatesUser() async throws {
            try await withApp { app in
                var headers = try await app.session(.admin)
                headers.add(name: "X-CSRF-Token", value: try await csrfToken(of: headers, app: app))
                headers.contentType = .urlEncodedForm
                let res = try await app.testing().sendRequest(.POST, "/admin/users", headers: headers,
                    body: ByteBuffer(string: "email=Can.Bo%40BenhVien.vn&name=C%C3%A1n+b%E1%BB%99+B%E1%BB%87nh+vi%E1%BB%87n+A&role=unitReporter&organisation=MAU-BVDK-A"))
                #expect(res.status == .ok)
                let user = try #require(try await UserRecord.query(on: app.db).filter(\.$email == "can.bo@benhvien.vn").first())
                #expect(user.mustChangePassword && user.role == "unitReporter" && user.name == "Cán bộ Bệnh viện A")
                #expect(user.passwordHash?.hasPrefix("$2") == true)
                let duplicate = try await app.testing().sendRequest(.POST, "/admin/users", headers: headers,
                    body: ByteBuffer(string: "email=can.bo%40benhvien.vn&name=X&role=unitReporter&organisation=MAU-BVDK-A"))
                #expect(duplicate.status == .conflict)
            }
        }
    }
}

/// The CSRF token of the session whose cookie is in `headers`.
func csrfToken(of headers: HTTPHeaders, app: Application) async throws -> String {
    let cookie = try #require(headers.first(name: "Cookie")?.split(separator: "=", maxSplits: 1).last)
    let session = try #require(try await UserSessionRecord.query(on: app.db).filter(\.$tokenHash == Secrets.digest(String(cookie))).first())
    return session.csrfToken
}
