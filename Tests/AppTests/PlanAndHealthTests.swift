import Foundation
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Plans, organisations and health") struct PlanAndHealthTests {
        @Test("lists the loaded plan with its groups and milestone years")
        func plans() async throws {
            try await withApp { app in
                let plans = try await app.get("/api/v1/plans").content.decode([WirePlan].self)
                let plan = try #require(plans.first)
                #expect(plans.count == 1)
                #expect(plan.milestoneYears == [2025, 2030, 2035, 2040, 2045])
                #expect(plan.groups.map(\.code) == ["I", "II", "III", "IV"])
                #expect(plan.groups.map(\.indicatorCount) == [4, 7, 5, 21])
                #expect(plan.indicatorCount == 37)
                #expect(plan.issuedOn == "2025-10")
            }
        }

        @Test("lists the Department, one organisation per office, and marked demo units")
        func organisations() async throws {
            try await withApp { app in
                let all = try await app.get("/api/v1/organisations").content.decode([WireOrganisation].self)
                #expect(all.first?.code == "SYT")
                let offices = all.filter { $0.kind == "office" }
                #expect(Set(offices.map(\.code)) == ["VP", "BHYT", "QLKCB", "YTDP", "TC", "QLD"])
                #expect(offices.allSatisfy { $0.parent == "SYT" && !$0.demo })
                let units = all.filter { $0.kind != "office" && $0.kind != "department" }
                #expect(!units.isEmpty)
                #expect(units.allSatisfy { $0.demo && $0.code.hasPrefix("MAU-") && $0.name.contains("(mẫu)") })
                let centres = try await app.get("/api/v1/organisations?kind=districtHealthCentre").content.decode([WireOrganisation].self)
                #expect(!centres.isEmpty && centres.allSatisfy { $0.kind == "districtHealthCentre" && $0.medical })
                let bad = try await app.get("/api/v1/organisations?kind=hospital")
                #expect(bad.status == .badRequest)
                let twice = try await app.get("/api/v1/organisations?kind=office&kind=department")
                #expect(twice.status == .badRequest && twice.body.string.contains("kind"), "a parameter given twice is refused, not ignored")
                #expect(try await app.get("/api/v1/organisations?kind=").content.decode([WireOrganisation].self).count == all.count, "empty is any")
            }
        }

        @Test("health checks the database")
        func health() async throws {
            try await withApp { app in
                let res = try await app.get("/health")
                #expect(res.status == .ok)
                let health = try res.content.decode(WireHealth.self)
                #expect(health.status == "ok")
                #expect(health.plans == 1)
                #expect(health.database == (ProcessInfo.processInfo.environment["DATABASE_URL"].map { $0.isEmpty ? "sqlite" : "postgresql" } ?? "sqlite"))
            }
        }

        @Test("a second first-run preparation changes nothing")
        func preparingTwiceIsHarmless() async throws {
            try await withApp { app in
                let before = try await OrganisationRecord.query(on: app.db).count()
                let report = try await Setup.prepare(app)
                #expect(report.planLoaded == nil)
                #expect(report.demoUnitsCreated == 0)
                #expect(try await OrganisationRecord.query(on: app.db).count() == before)
                #expect(try await IndicatorRecord.query(on: app.db).count() == 37)
                #expect(try await TargetRecord.query(on: app.db).count() == 37 * 5)
            }
        }
    }
}
