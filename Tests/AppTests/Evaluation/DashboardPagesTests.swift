import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Dashboards") struct DashboardPagesTests {
        /// 2026: A approved with CT01 40/50 (80 %), B approved 30/50 (60 %), Phổi submitted 50/50; S1 A 10/50.
        static func world(_ app: Application) async throws -> (s1: CycleRecord, s2: CycleRecord) {
            let s1 = try await ReportFixtures.cycle(.closed, period: "2026NovS1", on: app.db)
            let s2 = try await ReportFixtures.cycle(.open, period: "2026NovS2", on: app.db)
            typealias World = EvaluationAPITests
            try await World.report("MAU-BVDK-A", in: s1, .approved, ratio: (10, 50), amount: 1, on: app.db)
            try await World.report("MAU-BVDK-A", in: s2, .approved, ratio: (40, 50), amount: 2, on: app.db)
            try await World.report("MAU-BVDK-B", in: s2, .approved, ratio: (30, 50), amount: 1, on: app.db)
            try await World.report("MAU-BVP", in: s2, .submitted, ratio: (50, 50), amount: 5, on: app.db)
            return (s1, s2)
        }

        @Test("with more units than a list can show, the scope is a box for the unit code, and the code typed is the scope")
        func scopeByCodeAtScale() async throws {
            try await withApp { app in
                // setup: the demo units (a handful: the list), then 350 generated ones (one period of approved reports)
                let few = try await app.get("/dashboard", as: .coordinator).body.string
                _ = try await BenchSeed.seed(units: DashboardFilters.longestList + 50, periods: 1, on: app.db)
                // act
                let sector = try await app.get("/dashboard?period=2026NovS1", as: .coordinator).body.string
                let unit = try await app.get("/dashboard?period=2026NovS1&org=BENCH-000007", as: .coordinator).body.string
                // validate
                #expect(sector.contains(#"<input name="org" value="""#) && !sector.contains(#"<select name="org">"#))
                #expect(sector.components(separatedBy: "<option").count < 100, "no option per unit")
                #expect(unit.contains(#"<input name="org" value="BENCH-000007""#))
                #expect(few.contains(#"<select name="org">"#), "a handful of units: the list")
            }
        }

        @Test("an indicator's page: its value, its trend against the trajectory, units sorted by gap, the share of units behind")
        func indicatorPage() async throws {
            try await withApp { app in
                _ = try await Self.world(app)
                // act
                let page = try await app.get("/dashboard/indicators/CT01?period=2026NovS2", as: .coordinator)
                let byCode = try await app.get("/dashboard/indicators/ct01?period=2026NovS2&sort=code", as: .coordinator).body.string
                let provisional = try await app.get("/dashboard/indicators/CT01?period=2026NovS2&include=provisional", as: .coordinator).body.string
                let unit = try await app.get("/dashboard/indicators/CT01?period=2026NovS2", as: .unitReporter).body.string
                // validate
                #expect(page.status == .ok)
                let html = page.body.string
                #expect(html.contains(#"id="value">70 %"#) && html.contains("Chậm so với lộ trình") && html.contains(#"id="behind">2/2 (100 %)"#))
                #expect(html.contains(#"class="trajectory""#) && html.contains(#"class="values""#) && html.contains("2026NovS1: 20 %"))
                let b = try #require(html.range(of: ">MAU-BVDK-B<")), a = try #require(html.range(of: ">MAU-BVDK-A<"))
                #expect(b.lowerBound < a.lowerBound, "B (60 %) is further behind than A (80 %)")
                let a2 = try #require(byCode.range(of: ">MAU-BVDK-A<")), b2 = try #require(byCode.range(of: ">MAU-BVDK-B<"))
                #expect(a2.lowerBound < b2.lowerBound)
                #expect(provisional.contains(#"id="value">80 %"#) && provisional.contains("TẠM TÍNH"), "120/150 with Phổi's submitted report")
                #expect(unit.contains(">MAU-BVDK-A<") && !unit.contains(">MAU-BVDK-B<"), "a unit sees only its own row")
                #expect(try await app.get("/dashboard/indicators/CT99", as: .coordinator).status == .notFound)
                #expect(try await app.get("/dashboard/indicators/CT01?period=2026S9", as: .coordinator).status == .badRequest)
            }
        }

        @Test("a unit's page judges a unit as a unit: its own plan where set, else the sector's; a sector total with its share; another unit's page is refused")
        func unitPage() async throws {
            try await withApp { app in
                // setup: A's own CT01 targets 2025 ≥ 60 and 2030 ≥ 80, so 2026 expects ≥ 64 on its trajectory
                _ = try await Self.world(app)
                let plan = try await ReportFixtures.planCode(on: app.db)
                for (year, text) in [(2025, "≥ 60"), (2030, "≥ 80")] {
                    let target = UnitTargetRecord()
                    (target.planCode, target.organisationCode, target.indicatorCode, target.year, target.text, target.updatedBy) = (plan, "MAU-BVDK-A", "CT01", year, text, "test")
                    try await target.create(on: app.db)
                }
                // act
                let page = try await app.get("/dashboard/units/MAU-BVDK-A?period=2026NovS2", as: .unitReporter)
                // validate
                #expect(page.status == .ok)
                let html = page.body.string
                let row = try #require(html.components(separatedBy: "<tr").first { $0.contains(">CT01<") })
                #expect(row.contains("80 %") && row.contains("≥ 64") && row.contains("2030: ≥ 80") && row.contains("Đúng lộ trình"), "\(row)")
                #expect(row.contains("Theo kế hoạch của đơn vị"))
                #expect(row.contains("70 %") && row.contains("chỉ tiêu ngành ≥ 100") && row.contains("Chậm so với lộ trình"), "the sector's value and target beside it")
                let other = try #require(html.components(separatedBy: "<tr").first { $0.contains(">CT02<") })
                #expect(other.contains("Theo chỉ tiêu của ngành"))
                let count = try #require(html.components(separatedBy: "<tr").first { $0.contains(">CT05<") })
                #expect(count.contains("Chỉ tiêu toàn ngành") && !count.contains("Chậm so với lộ trình"), "a sector total is never held against one unit: \(count)")
                #expect(count.contains("75 % tổng toàn ngành"), "A's 3 of the sector's 4")
                #expect(try await app.get("/dashboard/units/MAU-BVDK-B", as: .unitReporter).status == .forbidden)
                #expect(try await app.get("/dashboard/units/KHONG-CO", as: .coordinator).status == .notFound)
            }
        }

        @Test("a lead office's page: its indicators, the units behind, and the submitted values waiting for its comment")
        func officePage() async throws {
            try await withApp { app in
                _ = try await Self.world(app)
                // act
                let page = try await app.get("/dashboard/offices/BHYT?period=2026NovS2", as: .leadOffice)
                // validate
                #expect(page.status == .ok)
                let html = page.body.string
                let row = try #require(html.components(separatedBy: "<tr>").first { $0.contains(">CT01<") })
                #expect(row.contains("2/2 (100 %)") && row.contains(">MAU-BVDK-B<") && row.contains(">MAU-BVDK-A<"))
                #expect(!html.contains(">CT05<"), "CT05 is not led by BHYT")
                let report = try #require(try await ReportRecord.query(on: app.db).filter(\.$organisationCode == "MAU-BVP").first())
                #expect(html.contains("/reports/\(try report.requireID())?review=CT01"), "Phổi's submitted CT01 waits for a comment, opened at its comment box")
                // a comment written: nothing waits any more
                let value = try #require(try await ReportValueRecord.query(on: app.db).filter(\.$report.$id == report.requireID()).filter(\.$indicatorCode == "CT01").first())
                value.reviewComment = "Đề nghị kiểm tra mẫu số"
                try await value.save(on: app.db)
                let after = try await app.get("/dashboard/offices/BHYT?period=2026NovS2", as: .leadOffice).body.string
                #expect(!after.contains("/reports/\(try report.requireID())?review=CT01") && after.contains("Không có số liệu nào chờ nhận xét"))
                #expect(try await app.get("/dashboard/offices/BHYT", as: .unitReporter).status == .forbidden)
                #expect(try await app.get("/dashboard/offices/MAU-BVDK-A", as: .coordinator).status == .badRequest, "not an office")
            }
        }

        @Test("the dashboard leads a unit to its own page and everyone who follows the reporting to each lead office's page")
        func links() async throws {
            try await withApp { app in
                let unit = try await app.get("/dashboard", as: .unitReporter).body.string
                let coordinator = try await app.get("/dashboard", as: .coordinator).body.string
                #expect(unit.contains(#"id="own-unit" href="/dashboard/units/MAU-BVDK-A"#) && !unit.contains("/dashboard/offices/"))
                #expect(coordinator.contains(#"<a href="/dashboard/offices/BHYT?period="#) && !coordinator.contains(#"id="own-unit""#))
            }
        }

        @Test("filters live in the URL: a kind of unit, a lead office's indicators; bad ones get a 400 with the reason")
        func filters() async throws {
            try await withApp { app in
                _ = try await Self.world(app)
                let api = ReportAPI(app: app)
                // act
                let led = try await api.call(.GET, "/api/v1/evaluation?period=2026NovS2&lead=BHYT", as: .coordinator).content.decode([EvaluationAPITests.WireEvaluation].self)
                let hospitals = try await api.call(.GET, "/api/v1/evaluation?period=2026NovS2&kind=provincialHospital", as: .coordinator)
                    .content.decode([EvaluationAPITests.WireEvaluation].self)
                let page = try await app.get("/dashboard?period=2026NovS2&lead=BHYT&kind=provincialHospital", as: .coordinator).body.string
                let badLead = try await api.call(.GET, "/api/v1/evaluation?lead=MAU-BVDK-A", as: .coordinator)
                // validate
                let (_, all) = try await IndicatorQueries.list(.init(), on: app.db)
                #expect(led.map(\.code) == all.filter { $0.leadOffices.contains("BHYT") }.map(\.code) && !led.isEmpty)
                let kinds = try await OrganisationRecord.query(on: app.db).all().filter { $0.kind == "provincialHospital" }.map(\.code)
                let ct01 = try #require(hospitals.first { $0.code == "CT01" })
                #expect(ct01.expectedUnits == kinds.count && ct01.reportingUnits == ["MAU-BVDK-A", "MAU-BVDK-B"].filter(kinds.contains).count)
                #expect(page.contains("period=2026NovS2&amp;kind=provincialHospital&amp;lead=BHYT") || page.contains("period=2026NovS2&kind=provincialHospital&lead=BHYT"),
                        "download links carry the view's filters")
                #expect(badLead.status == .badRequest && badLead.body.string.contains("lead=MAU-BVDK-A"))
            }
        }

        @Test("no data, zero denominators and text levels show as such, never as 0, NaN or a crash")
        func emptyAndZero() async throws {
            try await withApp { app in
                let cycle = try await ReportFixtures.cycle(.open, period: "2026NovS2", on: app.db)
                try await EvaluationAPITests.report("MAU-BVDK-A", in: cycle, .approved, ratio: (0, 0), amount: 0, on: app.db)
                for path in ["/dashboard?period=2026NovS2", "/dashboard/indicators/CT01?period=2026NovS2", "/dashboard/units/MAU-BVDK-A?period=2026NovS2",
                             "/dashboard/offices/BHYT?period=2026NovS2", "/dashboard?period=2031NovS1", "/dashboard/indicators/CT10?period=2031NovS1"] {
                    let res = try await app.get(path, as: .coordinator)
                    #expect(res.status == .ok, "\(path)")
                    #expect(!res.body.string.contains("NaN"), "\(path)")
                }
                let ct01 = try #require(try await ReportAPI(app: app).call(.GET, "/api/v1/evaluation?period=2026NovS2", as: .coordinator)
                    .content.decode([EvaluationAPITests.WireEvaluation].self).first { $0.code == "CT01" })
                #expect(ct01.value == nil && ct01.denominator == 0 && ct01.status == "noData", "0/0 is nothing to divide, not 0 %")
            }
        }
    }
}
