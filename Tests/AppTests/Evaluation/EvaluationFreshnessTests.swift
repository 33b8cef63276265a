import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    /// The evaluation's sums and the plan are kept between requests (`VersionedCache`); every change is seen at once.
    @Suite("Evaluation freshness") struct EvaluationFreshnessTests {
        typealias Wire = EvaluationAPITests.WireEvaluation

        static func ct05(_ api: ReportAPI, _ query: String = "") async throws -> Double? {
            let answer = try await api.call(.GET, "/api/v1/evaluation?period=2026NovS1" + query, as: .leadership)
            #expect(answer.status == .ok, "\(answer.body.string)")
            return try answer.content.decode([Wire].self).first { $0.code == "CT05" }?.value
        }

        /// In 2026NovS1: MAU-BVDK-A approved (CT01 1/2, CT05 = 1), MAU-BVDK-B submitted (CT05 = 5); B's report id.
        static func approvedAndSubmitted(_ app: Application) async throws -> (api: ReportAPI, submitted: UUID) {
            let cycle = try await ReportFixtures.cycle(.open, period: "2026NovS1", on: app.db)
            try await EvaluationAPITests.report("MAU-BVDK-A", in: cycle, .approved, ratio: (1, 2), amount: 1, on: app.db)
            try await EvaluationAPITests.report("MAU-BVDK-B", in: cycle, .submitted, ratio: (1, 2), amount: 5, on: app.db)
            let b = try #require(try await ReportRecord.query(on: app.db).filter(\.$organisationCode == "MAU-BVDK-B").first()?.requireID())
            return (ReportAPI(app: app), b)
        }

        @Test("approving, returning, reopening and editing a report change the figures read right after")
        func approvalIsSeenAtOnce() async throws {
            try await withApp { app in
                // setup: A approved (CT05 = 1), B submitted (CT05 = 5); the first read fills the cache
                let (api, b) = try await Self.approvedAndSubmitted(app)
                let before = try await Self.ct05(api)
                let beforeAgain = try await Self.ct05(api)
                // act 1: approve B
                #expect(try await api.call(.POST, "/api/v1/reports/\(b)/approve", as: .coordinator).status == .ok)
                let approved = try await Self.ct05(api)
                // act 2: return B
                let returned = try await api.call(.POST, "/api/v1/reports/\(b)/return", as: .coordinator, json: #"{"reason":"Số liệu cần kiểm tra lại"}"#)
                let afterReturn = try await Self.ct05(api)
                // act 3: a value of an approved report changed in the database (as an import or a correction would)
                let a = try #require(try await ReportRecord.query(on: app.db).filter(\.$organisationCode == "MAU-BVDK-A").first()?.requireID())
                let value = try #require(try await ReportValueRecord.query(on: app.db).filter(\.$report.$id == a).filter(\.$indicatorCode == "CT05").first())
                value.amount = 7
                try await value.save(on: app.db)
                let edited = try await Self.ct05(api)
                // validate
                #expect(before == 1 && beforeAgain == 1)
                #expect(approved == 6, "B's 5 counts as soon as it is approved")
                #expect(returned.status == .ok, "\(returned.body.string)")
                #expect(afterReturn == 1, "B's 5 is gone as soon as it is returned")
                #expect(edited == 7)
            }
        }

        @Test("a rolled-back change leaves no figure behind, and a plan loaded again is read again")
        func rollbackAndPlanReload() async throws {
            try await withApp { app in
                // setup
                let api = ReportAPI(app: app)
                let cycle = try await ReportFixtures.cycle(.open, period: "2026NovS1", on: app.db)
                try await EvaluationAPITests.report("MAU-BVDK-A", in: cycle, .approved, ratio: (1, 2), amount: 3, on: app.db)
                let before = try await Self.ct05(api)
                // act: a transaction that changes a value, reads the evaluation inside it, then fails
                struct Abandon: Error {}
                await #expect(throws: Abandon.self) {
                    try await app.db.transaction { db in
                        let value = try #require(try await ReportValueRecord.query(on: db).filter(\.$indicatorCode == "CT05").first())
                        value.amount = 100
                        try await value.save(on: db)
                        let plan = try await ReportFixtures.planCode(on: db)
                        let inside = try await EvaluationSums.cached(plan: plan, upTo: ReportingPeriod(year: 2026, half: .first), include: .approved, on: db)
                        #expect(inside.reported.values.contains { $0.amount >= 100 }, "the transaction sees its own change")
                        throw Abandon()
                    }
                }
                let after = try await Self.ct05(api)
                let plan = try await PlanQueries.resolve(nil, on: app.db)
                let renamed = try #require(try await IndicatorRecord.query(on: app.db).filter(\.$plan.$id == plan.requireID()).filter(\.$code == "CT05").first())
                renamed.name = "Tên mới của chỉ tiêu CT05"
                try await renamed.save(on: app.db)
                let (_, indicators) = try await IndicatorQueries.list(.init(plan: nil), on: app.db)
                // validate
                #expect(before == 3 && after == 3)
                #expect(indicators.first { $0.code == "CT05" }?.name == "Tên mới của chỉ tiêu CT05")
            }
        }
    }
}
