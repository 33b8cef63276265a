import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

/// Signs in through the login form from a given client address (the app trusts `X-Forwarded-For` in these tests).
struct AddressedBrowser {
    let app: Application
    let address: String

    func signIn(_ email: String, _ password: String) async throws -> TestingHTTPResponse {
        let csrf = "csrf-\(UUID().uuidString)"
        var headers: HTTPHeaders = ["X-Forwarded-For": "10.0.0.1, \(address)", "Cookie": "\(CSRFMiddleware.cookieName)=\(csrf)"]
        headers.contentType = .urlEncodedForm
        let form = ["email": email, "password": password, "csrf": csrf]
            .map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await app.testing().sendRequest(.POST, "/login", headers: headers, body: ByteBuffer(string: form))
    }
}

extension AppTests {
    @Suite("Sign-in limits and timing") struct SignInLimitTests {
        static func account(_ email: String, role: Role = .leadership, on app: Application) async throws -> (UserRecord, String) {
            let (user, generated) = try await Accounts.create(.init(email: email, name: "Cán bộ", role: role, organisationCode: role == .admin ? "SYT" : "SYT"),
                                                              by: .system, app: app, on: app.db)
            user.mustChangePassword = false
            try await user.save(on: app.db)
            return (user, try #require(generated))
        }

        /// The error `signIn` throws, or nil when it signs in.
        static func refusal(_ email: String, _ password: String, from address: String?, _ app: Application) async -> AppError? {
            do {
                _ = try await Accounts.signIn(email: email, password: password, address: address, app: app, on: app.db)
                return nil
            } catch let error as AppError { return error } catch { return .databaseUnavailable }
        }

        @Test("every failed sign-in pays for one bcrypt verification: unknown e-mail, inactive, service or locked account, malformed input, wrong password")
        func sameWork() async throws {
            try await withApp { app in
                // setup
                let (user, password) = try await Self.account("thoigian@test.vn", on: app)
                let (inactive, inactivePassword) = try await Self.account("ngung@test.vn", on: app)
                inactive.isActive = false
                try await inactive.save(on: app.db)
                let (service, _) = try await Accounts.create(.init(email: "dichvu@test.vn", name: "Dịch vụ", role: .coordinator, organisationCode: "QLKCB", isService: true),
                                                             by: .system, app: app, on: app.db)
                let failures: [(String, String, String)] = [
                    ("unknown e-mail", "khongco@test.vn", password), ("wrong password", user.email, "sai-mat-khau-99"),
                    ("inactive account", inactive.email, inactivePassword), ("service account", service.email, "mot-mat-khau-bat-ky"),
                    ("control character", "x\u{1}@test.vn", password), ("password over 72 bytes", user.email, String(repeating: "a", count: 80)),
                ]
                for (label, email, typed) in failures {
                    // act
                    let before = app.passwordChecks.verifications
                    let error = await Self.refusal(email, typed, from: "192.0.2.\(failures.count)", app)
                    // validate
                    #expect(error.map { if case .wrongCredentials = $0 { true } else { false } } == true, "\(label): \(String(describing: error))")
                    #expect(app.passwordChecks.verifications == before + 1, "\(label) did not verify against a hash")
                }
                // a locked account (from this address) costs the same
                for _ in 1...5 { _ = await Self.refusal(user.email, "sai-mat-khau-99", from: "192.0.2.50", app) }
                let before = app.passwordChecks.verifications
                let locked = await Self.refusal(user.email, password, from: "192.0.2.50", app)
                #expect(locked.map { if case .tooManyAttempts = $0 { true } else { false } } == true)
                #expect(app.passwordChecks.verifications == before + 1)
                // the dummy hash is bcrypt at the configured cost, like the real ones
                let dummy = try await Accounts.dummyHash(app)
                #expect(dummy.split(separator: "$").dropFirst().first == Substring(String(format: "%02d", app.settings.bcryptCost)))
                #expect(user.passwordHash?.split(separator: "$").dropFirst().first == dummy.split(separator: "$").dropFirst().first)
            }
        }

        @Test("five failures lock an account from that address only: 429 with Retry-After; the administrator still signs in from another address")
        func lockoutPerAddress() async throws {
            try await withApp { app in
                // setup
                app.settings.trustForwardedFor = true
                let (admin, password) = try await Self.account("quantri2@test.vn", role: .admin, on: app)
                let attacker = AddressedBrowser(app: app, address: "203.0.113.9")
                // act
                for attempt in 1...5 {
                    let res = try await attacker.signIn(admin.email, "doan-mo-\(attempt)-xyz")
                    #expect(res.status == .unauthorized && res.body.string.contains("Sai tên đăng nhập hoặc mật khẩu."))
                }
                let refused = try await attacker.signIn(admin.email, password)
                let elsewhere = try await AddressedBrowser(app: app, address: "198.51.100.7").signIn(admin.email, password)
                // validate
                #expect(refused.status == .tooManyRequests)
                let retry = try #require(refused.headers.first(name: .retryAfter).flatMap(Int.init))
                #expect(retry > 800 && retry <= 900)
                #expect(refused.body.string.contains("Quá nhiều lần thử sai. Vui lòng thử lại sau 15 phút."))
                #expect(refused.headers.setCookie?[AuthenticationMiddleware.cookieName] == nil)
                #expect(elsewhere.status == .seeOther && elsewhere.headers.setCookie?[AuthenticationMiddleware.cookieName] != nil)
                // an unknown e-mail is limited exactly the same way, so the answer tells nothing about accounts
                for attempt in 1...5 { _ = try await attacker.signIn("khongco@test.vn", "doan-mo-\(attempt)-xyz") }
                #expect(try await attacker.signIn("khongco@test.vn", "doan-mo-6-xyz").status == .tooManyRequests)
                // unlocking by the administrator lets the address try again
                try await UserAdmin.unlock(admin, by: .system, on: app.db)
                #expect(try await attacker.signIn(admin.email, password).status == .seeOther)
            }
        }

        @Test("twenty failures from one address refuse it every account for 15 minutes; other addresses are not affected")
        func addressLimit() async throws {
            try await withApp { app in
                app.settings.trustForwardedFor = true
                let (user, password) = try await Self.account("diachi@test.vn", on: app)
                let noisy = AddressedBrowser(app: app, address: "203.0.113.20")
                for n in 1...Accounts.maximumAddressFailures {
                    #expect(try await noisy.signIn("doan-\(n)@test.vn", "mat-khau-doan").status == .unauthorized)
                }
                let refused = try await noisy.signIn(user.email, password)
                #expect(refused.status == .tooManyRequests && refused.headers.first(name: .retryAfter) != nil)
                #expect(try await AddressedBrowser(app: app, address: "203.0.113.21").signIn(user.email, password).status == .seeOther)
            }
        }

        @Test("the current password of a change of password is limited too: 429 with Retry-After, page and message in Vietnamese")
        func currentPasswordLimit() async throws {
            try await withApp { app in
                let headers = try await app.session(.coordinator)
                let csrf = try await csrfToken(of: headers, app: app)
                func change(_ current: String) async throws -> TestingHTTPResponse {
                    var h = headers
                    h.contentType = .urlEncodedForm
                    return try await app.testing().sendRequest(.POST, "/account/password", headers: h,
                        body: ByteBuffer(string: "csrf=\(csrf)&current=\(current)&password=Mot+mat+khau+moi+2030&confirmation=Mot+mat+khau+moi+2030"))
                }
                for n in 1...Accounts.maximumFailures {
                    let res = try await change("sai-\(n)")
                    #expect(res.status == .badRequest && res.body.string.contains("Mật khẩu hiện tại không đúng."))
                }
                let limited = try await change("sai-6")
                #expect(limited.status == .tooManyRequests)
                #expect(limited.headers.first(name: .retryAfter).flatMap(Int.init).map { $0 > 0 && $0 <= 900 } == true)
                #expect(limited.body.string.contains("Quá nhiều lần thử sai"))
            }
        }

        @Test("sign-ins, failures, lockouts and sign-outs go into the change log's chain")
        func signInsAreLogged() async throws {
            try await withApp { app in
                let (user, password) = try await Self.account("nhatky@test.vn", on: app)
                for _ in 1...5 { _ = await Self.refusal(user.email, "sai-mat-khau-99", from: "192.0.2.7", app) }
                let cookie = try #require(try await AddressedBrowser(app: app, address: "192.0.2.8").signIn(user.email, password)
                    .headers.setCookie?[AuthenticationMiddleware.cookieName]?.string)
                let session = try #require(try await UserSessionRecord.query(on: app.db).filter(\.$tokenHash == Secrets.digest(cookie)).first())
                let logout = try await app.testing().sendRequest(.POST, "/logout", headers: ["Cookie": "\(AuthenticationMiddleware.cookieName)=\(cookie)",
                                                                                            "X-CSRF-Token": session.csrfToken])
                #expect(logout.status == .seeOther)
                let fields = try await AuditEntryRecord.query(on: app.db).filter(\.$entity == "login").filter(\.$entityID == user.email).sort(\.$sequence).all().map(\.field)
                #expect(fields == ["failure", "failure", "failure", "failure", "failure", "lockout", "success", "logout"])
                #expect(try await Audit.verify(on: app.db).break == nil)
            }
        }
    }
}
