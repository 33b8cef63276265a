import Fluent
import Foundation
import Planning
import SQLKit
import Testing
import VaporTesting
@testable import App

extension AppTests {
    /// The kept per-period sums (`PeriodSums`) against the sums computed straight from the values, after every kind of
    /// change that moves them, on the database the tests run on.
    @Suite("Kept per-period sums") struct PeriodSumsTests {
        static func expectMatch(_ app: Application, _ step: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let (checked, differences) = try await PeriodSums.verify(on: app.db)
            #expect(checked > 0, "\(step): nothing checked", sourceLocation: sourceLocation)
            #expect(differences.isEmpty, "\(step): \(differences.prefix(5).map(\.description))", sourceLocation: sourceLocation)
        }

        static func id(_ organisation: String, _ cycle: CycleRecord, on db: any Database) async throws -> UUID {
            try #require(try await ReportRecord.query(on: db).filter(\.$cycle.$id == cycle.requireID())
                .filter(\.$organisationCode == organisation).first()?.requireID())
        }

        @Test("approving, returning, reopening, locking, editing values, a unit silent in the second half, and a unit changing class keep the sums exact")
        func everyChange() async throws {
            try await withApp { app in
                // setup: 2026 S1 closed, S2 open; A, B approved in S1; B approved in S2 (A silent: carried); C submitted in S2
                let api = ReportAPI(app: app)
                let s1 = try await ReportFixtures.cycle(.closed, period: "2026NovS1", on: app.db)
                let s2 = try await ReportFixtures.cycle(.open, period: "2026NovS2", on: app.db)
                try await EvaluationAPITests.report("MAU-BVDK-A", in: s1, .approved, ratio: (10, 50), amount: 1, on: app.db)
                try await EvaluationAPITests.report("MAU-BVDK-B", in: s1, .approved, ratio: (20, 40), amount: 2, on: app.db)
                try await EvaluationAPITests.report("MAU-BVDK-B", in: s2, .approved, ratio: (30, 40), amount: 4, on: app.db)
                try await EvaluationAPITests.report("MAU-BVP", in: s2, .submitted, ratio: (5, 10), amount: 8, on: app.db)
                try await Self.expectMatch(app, "fixtures")
                let kept = try await EvaluationSums.load(plan: ReportFixtures.planCode(on: app.db), upTo: ReportingPeriod(year: 2026, half: .second),
                                                         include: .approved, on: app.db)
                // act and validate, step by step
                let reason = #"{"reason":"Cần kiểm tra lại"}"#
                let c = try await Self.id("MAU-BVP", s2, on: app.db)
                #expect(try await api.call(.POST, "/api/v1/reports/\(c)/approve", as: .coordinator).status == .ok)
                try await Self.expectMatch(app, "approve")
                #expect(try await api.call(.POST, "/api/v1/reports/\(c)/return", as: .coordinator, json: reason).status == .ok)
                try await Self.expectMatch(app, "return of an approved report")
                let b2 = try await Self.id("MAU-BVDK-B", s2, on: app.db)
                #expect(try await api.call(.POST, "/api/v1/reports/\(b2)/return", as: .coordinator, json: reason).status == .ok)
                try await Self.expectMatch(app, "B returned in S2: its S1 value is carried into S2 now")
                let b1 = try await Self.id("MAU-BVDK-B", s1, on: app.db)
                #expect(try await api.call(.POST, "/api/v1/reports/\(b1)/lock", as: .coordinator).status == .ok)
                try await Self.expectMatch(app, "lock of an approved report (still counted)")
                #expect(try await api.call(.POST, "/api/v1/reports/\(b1)/reopen", as: .coordinator, json: reason).status == .ok)
                try await Self.expectMatch(app, "reopen")
                let a1 = try await Self.id("MAU-BVDK-A", s1, on: app.db)
                let value = try #require(try await ReportValueRecord.query(on: app.db).filter(\.$report.$id == a1).filter(\.$indicatorCode == "CT05").first())
                value.amount = 70
                try await value.save(on: app.db)
                try await Self.expectMatch(app, "a value edited in the database")
                try await value.delete(on: app.db)
                try await Self.expectMatch(app, "a value removed")
                let a2 = ReportRecord(cycleID: try s2.requireID(), organisationCode: "MAU-BVDK-A")
                a2.state = ReportState.submitted.rawValue
                a2.submittedAt = Date()
                try await a2.create(on: app.db)
                let entry = ReportValueRecord(reportID: try a2.requireID(), indicatorCode: "CT01")
                entry.set(ValueEntry(numerator: 1, denominator: 4))
                try await entry.create(on: app.db)
                try await Self.expectMatch(app, "A reports S2: no longer carried for CT01 (provisionally)")
                #expect(try await api.call(.POST, "/api/v1/reports/\(a2.requireID())/return", as: .coordinator, json: reason).status == .ok)
                try await Self.expectMatch(app, "return")
                let organisation = try #require(try await OrganisationRecord.query(on: app.db).filter(\.$code == "MAU-BVDK-B").first())
                organisation.isMedical.toggle()
                try await organisation.save(on: app.db)
                try await Self.expectMatch(app, "a unit's class changed")
                organisation.isActive = false
                try await organisation.save(on: app.db)
                try await Self.expectMatch(app, "a unit deactivated")
                #expect(try await api.call(.POST, "/api/v1/reports/\(a1)/lock", as: .coordinator).status == .ok)
                try await Self.expectMatch(app, "lock of A's approved S1")
                #expect(kept.carriedCodes.filter { $0.key.indicator == "CT05" && $0.key.period == ReportingPeriod(year: 2026, half: .second) }.values.flatMap { $0 }
                        == ["MAU-BVDK-A"], "A is carried into S2 at first")
                let rows = try await (app.db as? any SQLDatabase)?.raw("SELECT COUNT(*) AS n FROM sums_dirty").first()?.decode(column: "n", as: Int.self)
                #expect(rows == 0, "every mark folded")
            }
        }

        @Test("demo reports: the kept sums equal the computed ones, and a rebuild gives them again")
        func demoAndRebuild() async throws {
            try await withApp { app in
                // setup
                _ = try await DemoReports.load(app)
                try await Self.expectMatch(app, "demo")
                let sql = try #require(app.db as? any SQLDatabase)
                func snapshot() async throws -> [String] {
                    try await sql.raw("SELECT plan_code, period_code, indicator_code, kind, medical, include_mode, carried, lvl, ratios, counts, answers, yes, levels FROM period_sums ORDER BY 1, 2, 3, 4, 5, 6, 7, 8").all()
                        .map { row in
                            try ["period_code", "indicator_code", "kind", "include_mode", "lvl"].map { try row.decode(column: $0, as: String.self) }.joined(separator: "|")
                                + "|" + ["medical", "carried", "ratios", "counts", "answers", "yes", "levels"].map { String(try row.decode(column: $0, as: Int.self)) }.joined(separator: ",")
                        }
                }
                let before = try await snapshot()
                // act
                try await PeriodSums.rebuild(on: app.db)
                let after = try await snapshot()
                // validate
                #expect(before.count > 100)
                #expect(before == after)
                try await Self.expectMatch(app, "after rebuild")
            }
        }

        @Test("changes and reads at the same time: each change is folded once")
        func concurrentChangesAndReads() async throws {
            try await withApp { app in
                // setup: 6 approved reports in S1
                let cycle = try await ReportFixtures.cycle(.closed, period: "2026NovS1", on: app.db)
                let units = ["MAU-BVDK-A", "MAU-BVDK-B", "MAU-BVP", "MAU-BVYHCT", "MAU-TTYT-A", "MAU-TTYT-B"]
                for (index, unit) in units.enumerated() {
                    try await EvaluationAPITests.report(unit, in: cycle, .approved, ratio: (Double(index), 10), amount: Double(index), on: app.db)
                }
                let plan = try await ReportFixtures.planCode(on: app.db)
                // act: each task edits its unit's values five times and reads the sums after each edit
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for unit in units {
                        group.addTask {
                            let report = try await Self.id(unit, cycle, on: app.db)
                            for round in 1...5 {
                                let value = try #require(try await ReportValueRecord.query(on: app.db).filter(\.$report.$id == report).filter(\.$indicatorCode == "CT05").first())
                                value.amount = Double(round * 10)
                                try await value.save(on: app.db)
                                _ = try await EvaluationSums.load(plan: plan, upTo: ReportingPeriod(year: 2026, half: .first), include: .approved, on: app.db)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                // validate
                try await Self.expectMatch(app, "after concurrent edits")
                let sums = try await EvaluationSums.load(plan: plan, upTo: ReportingPeriod(year: 2026, half: .first), include: .approved, on: app.db)
                let ct05 = sums.reported.filter { $0.key.indicator == "CT05" }.values.reduce(ValueSums(), +)
                #expect(ct05.amount == Double(50 * units.count) && ct05.counts == units.count)
            }
        }
    }
}
