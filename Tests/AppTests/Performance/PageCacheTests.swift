import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    /// Dashboards kept per data version (`PageCache`): rendered once per version of what they show, never stale, each
    /// reader's own frame and CSRF token, and readers of a page being rendered wait for it instead of being refused.
    @Suite("Kept pages") struct PageCacheTests {
        static let dashboard = "/dashboard?period=2026NovS1"

        static func formToken(in body: String) -> String? {
            body.firstMatch(of: /name="csrf" value="([^"]+)"/).map { String($0.1) }
        }

        @Test("a dashboard is rendered once per data version: approving a report, a unit's own target and a plan change each show at once")
        func keptUntilTheDataChanges() async throws {
            try await withApp { app in
                // setup: A approved, B submitted
                let (api, b) = try await EvaluationFreshnessTests.approvedAndSubmitted(app)
                // act
                let first = try await app.get(Self.dashboard, as: .leadership)
                let second = try await app.get(Self.dashboard, as: .leadership)
                let kept = app.pageCache.counters.renders
                #expect(try await api.call(.POST, "/api/v1/reports/\(b)/approve", as: .coordinator).status == .ok)
                let approved = try await app.get(Self.dashboard, as: .leadership)
                let afterApproval = app.pageCache.counters.renders
                let target = UnitTargetRecord()
                target.planCode = try await ReportFixtures.planCode(on: app.db)
                target.organisationCode = "MAU-BVDK-A"
                target.indicatorCode = "CT05"
                target.year = 2030
                target.text = "≥ 10"
                target.updatedBy = "test"
                try await target.create(on: app.db)
                _ = try await app.get(Self.dashboard, as: .leadership)
                let afterTarget = app.pageCache.counters.renders
                let plan = try await PlanQueries.resolve(nil, on: app.db)
                let renamed = try #require(try await IndicatorRecord.query(on: app.db).filter(\.$plan.$id == plan.requireID()).filter(\.$code == "CT05").first())
                renamed.name = "Tên mới của chỉ tiêu CT05"
                try await renamed.save(on: app.db)
                let afterRename = try await app.get(Self.dashboard, as: .leadership)
                // validate
                #expect(first.status == .ok && second.status == .ok && approved.status == .ok)
                #expect(first.body.string == second.body.string)
                #expect(kept == 1, "the second read is the kept page")
                #expect(afterApproval == 2, "an approval is a new data version")
                #expect(first.body.string != approved.body.string, "the approved report shows at once")
                #expect(afterTarget == 3, "a unit's own target is part of what a page shows")
                #expect(afterRename.body.string.contains("Tên mới của chỉ tiêu CT05"))
            }
        }

        @Test("each reader gets their own frame and CSRF token; the token's mark never reaches a page")
        func ownFrameAndToken() async throws {
            try await withApp { app in
                // setup
                let cycle = try await ReportFixtures.cycle(.open, period: "2026NovS1", on: app.db)
                try await EvaluationAPITests.report("MAU-BVDK-A", in: cycle, .approved, ratio: (1, 2), amount: 1, on: app.db)
                let leadershipHeaders = try await app.session(.leadership)
                let otherHeaders = try await app.session(.leadership, person: "khac")
                // act
                let leadership = try await app.testing().sendRequest(.GET, Self.dashboard, headers: leadershipHeaders)
                let leadershipAgain = try await app.testing().sendRequest(.GET, Self.dashboard, headers: leadershipHeaders)
                let other = try await app.testing().sendRequest(.GET, Self.dashboard, headers: otherHeaders)
                let user = try #require(try await UserRecord.query(on: app.db).filter(\.$email == "leadership-syt@test.chitieu.local").first())
                try await Notifications.notify([user], kind: "test", vietnamese: "Thông báo thử", english: "A test notice", link: nil, on: app.db)
                let notified = try await app.testing().sendRequest(.GET, Self.dashboard, headers: leadershipHeaders)
                // validate
                for page in [leadership, leadershipAgain, other, notified] {
                    #expect(page.status == .ok)
                    #expect(!page.body.string.contains("csrf-mark-"))
                }
                #expect(Self.formToken(in: leadership.body.string) == (try await csrfToken(of: leadershipHeaders, app: app)))
                #expect(Self.formToken(in: leadershipAgain.body.string) == (try await csrfToken(of: leadershipHeaders, app: app)), "a kept page carries the reader's token")
                #expect(Self.formToken(in: other.body.string) == (try await csrfToken(of: otherHeaders, app: app)))
                #expect(leadership.body.string.contains("Người dùng thử leadership-SYT<"))
                #expect(!other.body.string.contains("Người dùng thử leadership-SYT<"))
                #expect(other.body.string.contains("Người dùng thử leadership-SYT-khac"))
                #expect(!leadership.body.string.contains("<span class=\"count\">"))
                #expect(notified.body.string.contains("<span class=\"count\">1</span>"), "a new notice shows on the kept dashboard")
            }
        }

        @Test("readers of a page being rendered wait for that rendering: with one heavy slot and no queue, none is refused")
        func readersWaitForOneRendering() async throws {
            try await withApp { app in
                // setup: one heavy slot, no queue — without waiting on the one rendering, all but one would get 503
                let cycle = try await ReportFixtures.cycle(.open, period: "2026NovS1", on: app.db)
                try await EvaluationAPITests.report("MAU-BVDK-A", in: cycle, .approved, ratio: (1, 2), amount: 1, on: app.db)
                app.heavyWork = HeavyWork(capacity: 1, queueLimit: 0)
                let headers = try await app.session(.leadership)
                // act
                let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for _ in 0..<12 {
                        group.addTask { try await app.testing().sendRequest(.GET, Self.dashboard, headers: headers).status }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                // validate
                #expect(statuses.allSatisfy { $0 == .ok }, "\(statuses)")
                #expect(app.pageCache.counters.renders == 1)
            }
        }

        @Test("requests for one page arriving while it renders share that rendering")
        func sharedRendering() async throws {
            // setup: a rendering held open until every reader has arrived
            let cache = PageCache(capacity: 1 << 20)
            let key = PageCache.Key(path: "/dashboard", query: "", language: "vi", user: "u", role: "leadership", organisation: "SYT", name: "n", unread: 0)
            let versions = PageCache.Versions(token: "t", counters: ["values": 1])
            let (gate, open) = AsyncStream<Void>.makeStream()
            let render: @Sendable () async throws -> PageCache.Page? = {
                for await _ in gate { break }
                return PageCache.Page(parts: ["<p>", "</p>"])
            }
            // act
            let readers = (0..<10).map { _ in Task { try await cache.page(key, at: versions, render: render) } }
            while cache.counters.waits < 9 { await Task.yield() }
            open.yield()
            var pages: [PageCache.Page?] = []
            for reader in readers { pages.append(try await reader.value) }
            let newer = PageCache.Versions(token: "t", counters: ["values": 2])
            let afterChange = try await cache.page(key, at: newer) { PageCache.Page(parts: ["<p>new</p>"]) }
            // validate
            #expect(cache.counters.renders == 2 && cache.counters.waits == 9)
            #expect(pages.allSatisfy { $0?.body(formToken: "T") == "<p>T</p>" })
            #expect(afterChange?.body(formToken: "T") == "<p>new</p>")
            #expect(cache.count == 1, "the page of the older version is dropped")
        }
    }
}
