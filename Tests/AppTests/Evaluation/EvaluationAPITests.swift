import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Evaluation API") struct EvaluationAPITests {
        struct WireEvaluation: Decodable {
            let code: String
            let value: Double?
            let numerator: Double?
            let denominator: Double?
            let status: String
            let expected: String
            let reportingUnits: Int
            let expectedUnits: Int
        }

        /// A report of `organisation` in `cycle`, in `state`, with CT01 = numerator/denominator and CT05 = amount.
        static func report(_ organisation: String, in cycle: CycleRecord, _ state: ReportState, ratio: (Double, Double), amount: Double,
                           on db: any Database) async throws {
            let report = ReportRecord(cycleID: try cycle.requireID(), organisationCode: organisation)
            report.state = state.rawValue
            report.submittedAt = Date()
            if state == .approved { report.approvedAt = Date() }
            try await report.create(on: db)
            for (code, entry) in [("CT01", ValueEntry(numerator: ratio.0, denominator: ratio.1)), ("CT05", ValueEntry(amount: amount))] {
                let value = ReportValueRecord(reportID: try report.requireID(), indicatorCode: code)
                value.set(entry)
                try await value.create(on: db)
            }
        }

        @Test("ratios consolidate Σnumerator/Σdenominator of approved reports, flows add the year's periods; provisional adds submitted ones")
        func consolidated() async throws {
            try await withApp { app in
                // setup: S1 and S2 of 2026; A and B approved, C only submitted
                let api = ReportAPI(app: app)
                let s1 = try await ReportFixtures.cycle(.closed, period: "2026NovS1", on: app.db)
                let s2 = try await ReportFixtures.cycle(.open, period: "2026NovS2", on: app.db)
                try await Self.report("MAU-BVDK-A", in: s1, .approved, ratio: (10, 50), amount: 1, on: app.db)
                try await Self.report("MAU-BVDK-A", in: s2, .approved, ratio: (40, 50), amount: 2, on: app.db)
                try await Self.report("MAU-BVDK-B", in: s2, .approved, ratio: (30, 50), amount: 1, on: app.db)
                try await Self.report("MAU-BVP", in: s2, .submitted, ratio: (50, 50), amount: 5, on: app.db)
                let organisations = try await OrganisationRecord.query(on: app.db).filter(\.$isActive == true).count()
                // act
                let approved = try await api.call(.GET, "/api/v1/evaluation?period=2026NovS2", as: .leadership).content.decode([WireEvaluation].self)
                let provisional = try await api.call(.GET, "/api/v1/evaluation?period=2026NovS2&include=provisional", as: .leadership).content.decode([WireEvaluation].self)
                // validate
                #expect(approved.count == 37)
                let ct01 = try #require(approved.first { $0.code == "CT01" })
                #expect((ct01.value, ct01.numerator, ct01.denominator, ct01.reportingUnits) == (70, 70, 100, 2))
                #expect(ct01.expectedUnits == organisations - 1, "every organisation but the Department reports CT01")
                #expect(ct01.status == "behind" && ct01.expected == "≥ 100")
                let ct05 = try #require(approved.first { $0.code == "CT05" })
                #expect(ct05.value == 4, "A's two halves (1 + 2) and B's 1")
                let withSubmitted = try #require(provisional.first { $0.code == "CT01" })
                #expect((withSubmitted.numerator, withSubmitted.denominator, withSubmitted.reportingUnits) == (120, 150, 3))
                let nobody = try #require(approved.first { $0.code == "CT33" })
                #expect(nobody.value == nil && nobody.status == "noBaseline", "CT33 has a target only in 2045: it awaits a baseline, it is not 'no target'")
                // one unit's view
                let unit = try await api.call(.GET, "/api/v1/evaluation?period=2026NovS2&org=MAU-BVDK-A", as: .unitReporter).content.decode([WireEvaluation].self)
                #expect(unit.first { $0.code == "CT01" }?.value == 80)
                let series = try await api.call(.GET, "/api/v1/indicators/CT01/series?org=MAU-BVDK-A", as: .coordinator).body.string
                #expect(series.contains(#""period":"2026NovS1""#) && series.contains(#""value":20"#) && series.contains(#""value":80"#))
                // the dashboard shows the same figures, the status in words and a trend line
                let page = try await app.get("/dashboard?period=2026NovS2", as: .coordinator).body.string
                #expect(page.contains("70 %") && page.contains("Chậm so với lộ trình") && page.contains("(đơn vị báo cáo 2/\(organisations - 1))"))
                let unitPage = try await app.get("/dashboard?period=2026NovS2&org=MAU-BVDK-A", as: .unitReporter).body.string
                #expect(unitPage.contains("80 %") && unitPage.contains("<polyline points=\""))
                #expect(try await app.get("/dashboard?org=MAU-BVDK-B", as: .unitReporter).status == .forbidden)
            }
        }

        @Test("unknown periods, organisations, kinds and include values get a 400 with the reason; another unit's figures a 403")
        func badQueries() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                for query in ["period=2026S3", "org=KHONG-CO", "kind=hospital", "include=all"] {
                    let res = try await api.call(.GET, "/api/v1/evaluation?\(query)", as: .coordinator)
                    #expect(res.status == .badRequest, "\(query): \(res.status)")
                }
                #expect(try await api.call(.GET, "/api/v1/evaluation?org=MAU-BVDK-B", as: .unitReporter).status == .forbidden)
                #expect(try await api.call(.GET, "/api/v1/evaluation?kind=office", as: .unitReporter).status == .forbidden)
                #expect(try await api.call(.GET, "/api/v1/evaluation?org=SYT", as: .unitReporter).status == .ok)
                let empty = try await api.call(.GET, "/api/v1/evaluation?period=2030NovS2", as: .coordinator).content.decode([WireEvaluation].self)
                #expect(empty.allSatisfy { $0.value == nil && ["noData", "noBaseline"].contains($0.status) }, "no data is shown as such, never 0; every indicator has a later target")
                #expect(try await api.call(.GET, "/api/v1/indicators/CT99/series", as: .coordinator).status == .notFound)
            }
        }
    }
}
