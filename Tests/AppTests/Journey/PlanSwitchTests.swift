import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Several plans: the switcher and ?plan=") struct PlanSwitchTests {
        static let second = "DE-AN-06-THU"

        /// A second plan: the bundled one under another code, its last indicator left out and CT01 renamed.
        static func loadSecondPlan(_ app: Application) async throws {
            var plan = try bundledPlanJSON()
            plan["code"] = second
            plan["title"] = "Đề án thử nghiệm"
            var indicators = try #require(plan["indicators"] as? [[String: Any]])
            indicators.removeLast()
            indicators[0]["name"] = "Chỉ tiêu thứ nhất của Đề án"
            plan["indicators"] = indicators
            _ = try await PlanLoader.load(fileAt: try writeJSON(plan), by: .system, on: app.db)
        }

        static func rows(_ html: String) -> Int { html.matches(of: /href="\/indicators\/CT\d\d/).count }

        @Test("with one plan there is no switcher")
        func onePlan() async throws {
            try await withApp { app in
                let page = try await app.get("/indicators")
                #expect(page.status == .ok && !page.body.string.contains("id=\"plan-switch\""))
            }
        }

        @Test("choosing a plan is remembered by the pages that follow; the indicator pages read that plan's codes")
        func remembered() async throws {
            try await withApp { app in
                // setup
                try await Self.loadSecondPlan(app)
                let first = try await PlanQueries.all(on: app.db).map(\.code).first { $0 != Self.second } ?? ""
                // act
                let chosen = try await app.get("/indicators?plan=\(first)")
                let cookie = try #require(chosen.headers.setCookie?[PlanChoiceMiddleware.cookie]?.string)
                let next = try await app.get("/indicators", headers: ["Cookie": "plan=\(cookie)"])
                let indicator = try await app.get("/indicators/CT01", headers: ["Cookie": "plan=\(Self.second)"])
                let latest = try await app.get("/indicators")
                // validate
                #expect(cookie == first && Self.rows(chosen.body.string) == Self.rows(next.body.string))
                #expect(next.body.string.contains("id=\"plan-switch\"") && next.body.string.contains("<option value=\"\(first)\" selected>"))
                #expect(indicator.body.string.contains("Chỉ tiêu thứ nhất của Đề án"))
                #expect(latest.body.string.contains("<option value=\"\(Self.second)\" selected>"), "the plan loaded last, when none was chosen")
            }
        }

        @Test("the API takes ?plan= on each call and never a cookie; an unknown plan is a 404 naming it")
        func apiIsStateless() async throws {
            try await withApp { app in
                // setup
                try await Self.loadSecondPlan(app)
                let first = try await PlanQueries.all(on: app.db).map(\.code).first { $0 != Self.second } ?? ""
                // act
                let byCookie = try await app.get("/api/v1/indicators", headers: ["Cookie": "plan=\(first)"])
                let byQuery = try await app.get("/api/v1/indicators?plan=\(first)")
                let evaluation = try await app.get("/api/v1/evaluation?plan=\(Self.second)")
                let unknown = try await app.get("/api/v1/indicators?plan=KHONG-CO")
                // validate
                #expect(try byCookie.content.decode([WireIndicator].self).count == 36, "the latest plan: the cookie is not read")
                #expect(try byQuery.content.decode([WireIndicator].self).count == 37)
                #expect(evaluation.status == .ok && evaluation.body.string.contains("Chỉ tiêu thứ nhất của Đề án"))
                #expect(unknown.status == .notFound && unknown.body.string.contains("KHONG-CO"))
            }
        }

        @Test("documents follow ?plan=: the report's workbook names the plan chosen")
        func documents() async throws {
            try await withApp { app in
                try await Self.loadSecondPlan(app)
                let xlsx = try await app.get("/api/v1/evaluation/report.xlsx?plan=\(Self.second)", as: .coordinator)
                #expect(xlsx.status == .ok && xlsx.headers.contentType?.subType.contains("spreadsheet") == true)
                let csv = try await app.get("/api/v1/evaluation/report.csv?plan=\(Self.second)", as: .coordinator)
                #expect(csv.status == .ok && csv.body.string.contains("Chỉ tiêu thứ nhất của Đề án") && !csv.body.string.contains("\nCT37,"),
                        "the second plan's names; it has 36 indicators")
            }
        }
    }
}
