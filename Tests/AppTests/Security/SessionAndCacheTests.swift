import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Session lifetime and caching") struct SessionAndCacheTests {
        @Test("Cache-Control: no-store on signed-in pages, API answers (session or token), documents and error pages; static files stay cacheable")
        func noStore() async throws {
            try await withApp { app in
                // setup
                let report = try await ReportFixtures.report("MAU-BVDK-A", .submitted, filled: true, on: app.db)
                let user = try #require(try await UserRecord.query(on: app.db).first())
                let token = try await APITokens.create(for: user, name: "Bộ nhớ đệm", canWrite: false, days: nil, by: .system, on: app.db).token
                let signedIn = ["/", "/reports", "/reports/\(try report.requireID())", "/account/tokens", "/admin/users", "/audit", "/khong-co-trang-nay",
                                "/api/v1/me", "/api/v1/indicators", "/api/v1/reports/\(try report.requireID())/template.xlsx", "/reports/\(try report.requireID())/template.xlsx"]
                for path in signedIn {
                    // act
                    let res = try await app.get(path, as: .admin)
                    // validate
                    #expect(res.headers.first(name: .cacheControl) == "no-store", "\(path) (\(res.status))")
                }
                let api = try await app.testing().sendRequest(.GET, "/api/v1/plans", headers: ["Authorization": "Bearer \(token)"])
                #expect(api.status == .ok && api.headers.first(name: .cacheControl) == "no-store")
                let anonymousAPI = try await app.testing().sendRequest(.GET, "/api/v1/plans")
                #expect(anonymousAPI.status == .unauthorized && anonymousAPI.headers.first(name: .cacheControl) == "no-store")
                let css = try await app.testing().sendRequest(.GET, "/css/app.css")
                #expect(css.status == .ok && css.headers.first(name: .cacheControl) != "no-store")
            }
        }

        @Test("a session ends SESSION_MAX_HOURS after sign-in however busy it was; a younger one goes on")
        func absoluteLifetime() async throws {
            try await withApp { app in
                // setup: two sessions of one user, used a moment ago, signed in 13 and 11 hours ago
                #expect(app.settings.sessionMaximumAge == 12 * 3600)
                let headers = try await app.session(.coordinator)
                let younger = try await app.session(.coordinator, person: "tre")
                func age(_ headers: HTTPHeaders, hours: Double) async throws {
                    let cookie = try #require(headers.first(name: "Cookie")?.split(separator: "=", maxSplits: 1).last)
                    try await UserSessionRecord.query(on: app.db).filter(\.$tokenHash == Secrets.digest(String(cookie)))
                        .set(\.$createdAt, to: Date().addingTimeInterval(-hours * 3600)).set(\.$lastSeenAt, to: Date().addingTimeInterval(-30)).update()
                }
                try await age(headers, hours: 13)
                try await age(younger, hours: 11)
                // act
                let old = try await app.testing().sendRequest(.GET, "/reports", headers: headers)
                let oldAPI = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: headers)
                let fresh = try await app.testing().sendRequest(.GET, "/reports", headers: younger)
                // validate
                #expect(old.status == .seeOther && old.headers.first(name: .location)?.hasPrefix("/login") == true)
                #expect(oldAPI.status == .unauthorized)
                #expect(fresh.status == .ok)
                #expect(try await UserSessionRecord.query(on: app.db).count() == 1)
                // a shorter setting ends the younger one too
                app.settings.sessionMaximumAge = 10 * 3600
                #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: younger).status == .unauthorized)
            }
        }
    }
}
