import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("DHIS2 Web API: authentication and access") struct DHIS2AccessTests {
        @Test("Basic and ApiToken answer at /api and /api/29…42; a session cookie is not read; other versions are 404 WebMessages")
        func authenticationAndVersions() async throws {
            try await withApp { app in
                // setup
                let caller = DHIS2Caller(app: app)
                let user = try await caller.user(.unitReporter)
                let token = try await caller.token(user)
                let cookie = try await app.session(.admin)
                // act
                let basic = try await caller.json("/api/me", DHIS2Caller.basic(user.email))
                let versioned = try await caller.json("/api/29/me.json", token)
                let newest = try await caller.send(.GET, "/api/42/system/info", token)
                let bearer = try await caller.send(.GET, "/api/system/info.json", ["Authorization": "Bearer " + String(token.first(name: "Authorization")!.dropFirst(9))])
                let withCookie = try await caller.send(.GET, "/api/me", cookie)
                let tooOld = try await caller.send(.GET, "/api/28/me", token)
                let own = try await caller.send(.GET, "/api/v1/me", ["Authorization": "Bearer " + String(token.first(name: "Authorization")!.dropFirst(9))])
                // validate
                #expect(basic["username"]?.string == user.email && basic["organisationUnits"]?.array.first?["id"]?.string == "MAU-BVDK-A")
                #expect(basic["authorities"]?.strings.contains("F_DATAVALUE_ADD") == true)
                #expect(versioned["username"]?.string == user.email)
                let info = try JSONDecoder().decode(JSON.self, from: Data(buffer: newest.body))
                #expect(newest.status == .ok && info["version"]?.string == DHIS2Controller.version && info["revision"]?.string == "chitieu")
                #expect(bearer.status == .ok)
                let refused = try JSONDecoder().decode(JSON.self, from: Data(buffer: withCookie.body))
                #expect(withCookie.status == .unauthorized && refused["httpStatusCode"]?.number == 401 && refused["status"]?.string == "ERROR")
                #expect(withCookie.headers.first(name: .wwwAuthenticate)?.hasPrefix("Basic") == true)
                #expect(tooOld.status == .notFound && tooOld.body.string.contains("httpStatus"))
                #expect(own.status == .ok && own.body.string.contains("mustChangePassword"), "chitieu's own /api/v1/me is untouched")
            }
        }

        @Test("Basic: a wrong password is 401 and counted; the fifth locks the account from that address even with the right one")
        func basicLockout() async throws {
            try await withApp { app in
                // setup
                let caller = DHIS2Caller(app: app)
                let user = try await caller.user(.coordinator)
                // act
                var statuses: [UInt] = []
                for _ in 0..<Accounts.maximumFailures { statuses.append(try await caller.send(.GET, "/api/me", DHIS2Caller.basic(user.email, "sai mật khẩu")).status.code) }
                let locked = try await caller.send(.GET, "/api/me", DHIS2Caller.basic(user.email))
                // validate
                #expect(statuses == Array(repeating: 401, count: Accounts.maximumFailures))
                #expect(locked.status == .tooManyRequests && locked.headers.first(name: .retryAfter) != nil, "\(locked.status)")
                let failures = try await LoginEventRecord.query(on: app.db).filter(\.$email == user.email).filter(\.$kind == "failure").count()
                #expect(failures == Accounts.maximumFailures)
            }
        }

        @Test("an account that must change its password is refused, by Basic and by token")
        func mustChangePassword() async throws {
            try await withApp { app in
                // setup
                let caller = DHIS2Caller(app: app)
                let user = try await caller.user(.unitReporter, mustChangePassword: true)
                let token = try await caller.token(user)
                // act
                let basic = try await caller.send(.GET, "/api/me", DHIS2Caller.basic(user.email))
                let byToken = try await caller.send(.GET, "/api/me", token)
                // validate
                #expect(basic.status == .forbidden && byToken.status == .forbidden)
            }
        }

        @Test("every DHIS2 route follows the policy table for every role, with Basic; a read token never writes")
        func policyMatrix() async throws {
            try await withApp { app in
                // setup
                let caller = DHIS2Caller(app: app)
                var users: [Role: UserRecord] = [:]
                for role in Role.allCases { users[role] = try await caller.user(role) }
                let routes = app.routes.all.filter(AuthorizationMatrixTests.isDHIS2).filter { route in
                    !route.path.contains { if case .parameter("version") = $0 { true } else { false } }
                }
                var calls = 0
                // act + validate: the permission decides before any handler reads its input, so an empty query is enough
                for route in routes {
                    let permission = try #require(route.permission, "\(route.description) has no permission")
                    let path = "/" + route.path.map { if case .parameter = $0 { "SYT" } else { $0.description } }.joined(separator: "/")
                    for role in Role.allCases {
                        let res = try await caller.send(route.method, path, DHIS2Caller.basic(users[role]!.email))
                        calls += 1
                        if AccessPolicy.allows(role, permission) {
                            #expect(res.status != .forbidden && res.status != .unauthorized, "\(route.method) \(path) as \(role): \(res.status)")
                        } else {
                            #expect(res.status == .forbidden, "\(route.method) \(path) as \(role): \(res.status)")
                        }
                    }
                    let anonymous = try await caller.send(route.method, path, [:])
                    #expect(anonymous.status == .unauthorized, "\(route.method) \(path) anonymously: \(anonymous.status)")
                }
                let read = try await caller.token(users[.unitReporter]!, write: false)
                let write = try await caller.send(.POST, "/api/dataValues?de=CT05&pe=2026NovS2&ou=MAU-BVDK-A&value=1", read)
                #expect(write.status == .forbidden)
                #expect(calls >= 20 * Role.allCases.count, "only \(calls) calls: were routes lost?")
            }
        }
    }
}
