import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("load-plan") struct PlanLoaderTests {
        @Test("loading the bundled plan again changes nothing")
        func idempotent() async throws {
            try await withApp { app in
                // setup
                let before = try await TargetRecord.query(on: app.db).all().compactMap(\.id)
                // act
                let summary = try await PlanLoader.load(fileAt: packageRoot + Setup.bundledPlan, by: .system, on: app.db)
                // validate
                #expect(!summary.changedAnything)
                #expect(summary.indicatorsUnchanged == 37)
                #expect(Set(try await TargetRecord.query(on: app.db).all().compactMap(\.id)) == Set(before))
            }
        }

        @Test("a changed target updates only its indicator")
        func updatesChangedIndicator() async throws {
            try await withApp { app in
                // setup
                var plan = try bundledPlanJSON()
                var indicators = try #require(plan["indicators"] as? [[String: Any]])
                var targets = try #require(indicators[4]["targets"] as? [[String: Any]])
                targets[1] = ["year": 2030, "text": "≥3", "kind": "atLeast", "value": 3]
                indicators[4]["targets"] = targets
                plan["indicators"] = indicators
                // act
                let summary = try await PlanLoader.load(fileAt: try writeJSON(plan), by: .system, on: app.db)
                // validate
                #expect(summary.indicatorsUpdated == 1)
                #expect(summary.indicatorsUnchanged == 36)
                let ct05 = try await app.get("/api/v1/indicators/CT05").content.decode(WireIndicator.self)
                #expect(ct05.targets[1].text == "≥3")
                #expect(ct05.targets[1].value == 3)
            }
        }

        @Test("a bad file names the indicator and field and writes nothing",
              arguments: [
                ("measure", #""percent""#, "CT37", "measure"),
                ("group", #""V""#, "CT37", "group"),
                ("leadOffices", #"["PHONG-X"]"#, "CT37", "leadOffices"),
              ])
        func refusesBadFile(field: String, value: String, code: String, expectedField: String) async throws {
            try await withApp { app in
                // setup: a valid change to CT01 and a bad value in the last indicator
                var plan = try bundledPlanJSON()
                var indicators = try #require(plan["indicators"] as? [[String: Any]])
                indicators[0]["name"] = "Tên đã đổi"
                indicators[36][field] = try JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed)
                plan["indicators"] = indicators
                // act
                await #expect {
                    _ = try await PlanLoader.load(fileAt: try writeJSON(plan), by: .system, on: app.db)
                } throws: { error in
                    guard case AppError.planFile(_, let fileError) = error else { return false }
                    return fileError.problems.contains { $0.indicator == code && $0.field == expectedField }
                        && AppError.planFile(path: "f", fileError).message(.vietnamese).contains("chỉ tiêu \(code)")
                }
                // validate: the valid change did not land either
                let ct01 = try await app.get("/api/v1/indicators/CT01").content.decode(WireIndicator.self)
                #expect(ct01.name.hasPrefix("Tỉ lệ cán bộ"))
            }
        }

        @Test("a target whose stated meaning contradicts its text is refused")
        func refusesContradiction() async throws {
            try await withApp { app in
                var plan = try bundledPlanJSON()
                var indicators = try #require(plan["indicators"] as? [[String: Any]])
                var targets = try #require(indicators[7]["targets"] as? [[String: Any]])
                targets[0]["value"] = 50   // text says "≥ 40"
                indicators[7]["targets"] = targets
                plan["indicators"] = indicators
                await #expect {
                    _ = try await PlanLoader.load(fileAt: try writeJSON(plan), by: .system, on: app.db)
                } throws: { error in
                    guard case AppError.planFile(_, let fileError) = error else { return false }
                    return fileError.problems.count == 1 && fileError.problems[0].indicator == "CT08"
                        && fileError.problems[0].field == "targets[2025]"
                        && fileError.problems[0].reason == .targetMismatch(stated: "atLeast value=50.0", parsed: "atLeast value=40.0")
                }
            }
        }

        @Test("malformed JSON and a missing file are refused")
        func refusesUnreadable() async throws {
            try await withApp { app in
                let broken = try temporaryFile("{\"code\": \"X\", \"indicators\": [", suffix: ".json")
                await #expect(throws: AppError.self) { _ = try await PlanLoader.load(fileAt: broken, by: .system, on: app.db) }
                await #expect(throws: AppError.self) { _ = try await PlanLoader.load(fileAt: "/nonexistent/plan.json", by: .system, on: app.db) }
                #expect(try await PlanRecord.query(on: app.db).count() == 1)
            }
        }

        @Test("an indicator dropped from the file is removed, a new plan code is a second plan")
        func secondPlan() async throws {
            try await withApp { app in
                var plan = try bundledPlanJSON()
                plan["code"] = "DE-AN-06-THU"
                var indicators = try #require(plan["indicators"] as? [[String: Any]])
                indicators.removeLast()
                plan["indicators"] = indicators
                let summary = try await PlanLoader.load(fileAt: try writeJSON(plan), by: .system, on: app.db)
                #expect(summary.planCreated)
                #expect(summary.indicatorsCreated == 36)
                let plans = try await app.get("/api/v1/plans").content.decode([WirePlan].self)
                #expect(plans.count == 2)
                let first = try await app.get("/api/v1/indicators?plan=KH-BCD-SYT-NB-2025").content.decode([WireIndicator].self)
                #expect(first.count == 37)
            }
        }
    }
}
