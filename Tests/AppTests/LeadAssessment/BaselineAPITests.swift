import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Baselines the lead office enters") struct BaselineAPITests {
        struct WireBaseline: Decodable {
            struct Entered: Decodable { let year: Int; let value: Double?; let level: String?; let source: String; let office: String }
            struct Change: Decodable { let field: String; let old: String?; let new: String? }
            let indicator: String
            let entered: Entered?
            let history: [Change]
        }

        struct WireEvaluation: Decodable {
            struct Baseline: Decodable { let year: Int; let value: Double; let source: String; let sourceText: String?; let enteredBy: String? }
            struct Forecast: Decodable { let year: Int; let value: Double }
            let code: String
            let expected: String
            let status: String
            let baseline: Baseline?
            let forecast: Forecast?
        }

        /// CT35 (BHYT; "-" in 2025, 100 in 2030, a stock every organisation reports): A and B approved in 2026NovS1 only.
        static func world(_ app: Application) async throws {
            let s1 = try await ReportFixtures.cycle(.open, period: "2026NovS1", on: app.db)
            for (organisation, numerator) in [("MAU-BVDK-A", 30.0), ("MAU-BVDK-B", 50.0)] {
                let report = ReportRecord(cycleID: try s1.requireID(), organisationCode: organisation)
                report.state = ReportState.approved.rawValue
                report.submittedAt = Date()
                report.approvedAt = Date()
                try await report.create(on: app.db)
                let value = ReportValueRecord(reportID: try report.requireID(), indicatorCode: "CT35")
                value.set(ValueEntry(numerator: numerator, denominator: 50))
                try await value.create(on: app.db)
            }
        }

        static func evaluation(_ app: Application, _ code: String, period: String = "2026NovS1") async throws -> WireEvaluation {
            let all = try await ReportAPI(app: app).call(.GET, "/api/v1/evaluation?period=\(period)", as: .coordinator).content.decode([WireEvaluation].self)
            return try #require(all.first { $0.code == code })
        }

        @Test("an entered baseline wins over the first reported year, is logged old → new, and removing it falls back")
        func entered() async throws {
            try await withApp { app in
                // setup
                try await Self.world(app)
                let api = ReportAPI(app: app)
                let computed = try await Self.evaluation(app, "CT35")
                // act
                let put = try await api.call(.PUT, "/api/v1/indicators/CT35/baseline", as: .leadOffice,
                                             json: #"{"year":2025,"value":60,"source":"Báo cáo thống kê y tế 2025"}"#)
                let entered = try await Self.evaluation(app, "CT35")
                let changed = try await api.call(.PUT, "/api/v1/indicators/CT35/baseline", as: .leadOffice,
                                                 json: #"{"year":2025,"value":62.5,"source":"Báo cáo thống kê y tế 2025 (sửa)"}"#)
                let history = try await api.call(.GET, "/api/v1/indicators/CT35/baseline", as: .coordinator).content.decode(WireBaseline.self)
                let page = try await app.get("/dashboard/indicators/CT35?period=2026NovS1", as: .coordinator).body.string
                let removed = try await api.call(.DELETE, "/api/v1/indicators/CT35/baseline", as: .leadOffice).content.decode(WireBaseline.self)
                let after = try await Self.evaluation(app, "CT35")
                // validate
                #expect(computed.baseline?.source == "firstReportedYear" && computed.baseline?.year == 2026 && computed.status == "noBaseline")
                #expect(put.status == .ok, "\(put.body.string)")
                #expect(entered.baseline?.source == "entered" && entered.baseline?.value == 60 && entered.baseline?.sourceText == "Báo cáo thống kê y tế 2025")
                #expect(entered.expected == "≥ 68" && entered.status == "onTrack", "60 in 2025 → 100 in 2030: 68 in 2026; Σ80/Σ100 = 80 %")
                #expect(changed.status == .ok)
                #expect(history.entered?.value == 62.5 && history.entered?.office == "BHYT")
                #expect(history.history.contains { $0.field == "value" && $0.old == "60" && $0.new == "62.5" })
                #expect(history.history.contains { $0.field == "source" && $0.old == "Báo cáo thống kê y tế 2025" })
                #expect(page.contains("62,5 % (năm 2025, nguồn: Báo cáo thống kê y tế 2025 (sửa), do "), "the indicator page says where the line starts")
                #expect(removed.entered == nil && removed.history.contains { $0.field == "year" && $0.old == "2025" && $0.new == nil })
                #expect(after.baseline?.source == "firstReportedYear" && after.status == "noBaseline")
                let logged = try await AuditEntryRecord.query(on: app.db).filter(\.$entity == "baseline").count()
                #expect(logged >= 4 + 2 + 4, "created (4 fields), changed (2), removed (4)")
            }
        }

        @Test("the forecast to 2030 appears from the first year after the baseline")
        func forecast() async throws {
            try await withApp { app in
                // setup
                try await Self.world(app)
                let without = try await Self.evaluation(app, "CT35")
                // act
                let put = try await ReportAPI(app: app).call(.PUT, "/api/v1/indicators/CT35/baseline", as: .leadOffice,
                                                             json: #"{"year":2025,"value":60,"source":"Thống kê 2025"}"#)
                let with = try await Self.evaluation(app, "CT35")
                // validate
                #expect(put.status == .ok)
                #expect(without.forecast == nil, "one year of data alone gives no line")
                let forecast = try #require(with.forecast)
                #expect(forecast.year == 2030 && abs(forecast.value - 100) < 1e-9, "60 in 2025, 80 in 2026: 20 a year, clamped at 100")
            }
        }

        @Test("only the indicator's lead office writes (403 in Vietnamese); bad values, years and sources are 400 naming the field")
        func refused() async throws {
            try await withApp { app in
                // setup
                let api = ReportAPI(app: app)
                let body = #"{"year":2025,"value":60,"source":"Thống kê"}"#
                // act
                let otherOffice = try await api.call(.PUT, "/api/v1/indicators/CT35/baseline", as: .leadOffice, organisation: "YTDP", json: body)
                let coordinator = try await api.call(.PUT, "/api/v1/indicators/CT35/baseline", as: .coordinator, json: body)
                let tooHigh = try await api.call(.PUT, "/api/v1/indicators/CT35/baseline", as: .leadOffice, json: #"{"year":2025,"value":120,"source":"x"}"#)
                let future = try await api.call(.PUT, "/api/v1/indicators/CT35/baseline", as: .leadOffice, json: #"{"year":2030,"value":50,"source":"x"}"#)
                let noSource = try await api.call(.PUT, "/api/v1/indicators/CT35/baseline", as: .leadOffice, json: #"{"year":2025,"value":50,"source":"  "}"#)
                let level = try await api.call(.PUT, "/api/v1/indicators/CT11/baseline", as: .leadOffice, json: #"{"year":2025,"level":"Không có","source":"x"}"#)
                let goodLevel = try await api.call(.PUT, "/api/v1/indicators/CT11/baseline", as: .leadOffice,
                                                   json: #"{"year":2025,"level":"Ứng dụng một số CN","source":"Khảo sát 2025"}"#)
                let unknown = try await api.call(.PUT, "/api/v1/indicators/CT99/baseline", as: .leadOffice, json: body)
                // validate
                #expect(otherOffice.status == .forbidden && otherOffice.body.string.contains("Chỉ cơ quan chủ trì theo dõi, đánh giá chỉ tiêu CT35 (BHYT)"))
                #expect(coordinator.status == .forbidden)
                #expect(tooHigh.status == .badRequest && tooHigh.body.string.contains("Trường value"), "\(tooHigh.body.string)")
                #expect(future.status == .badRequest && future.body.string.contains("Trường year"))
                #expect(noSource.status == .badRequest && noSource.body.string.contains("Trường source"))
                #expect(level.status == .badRequest && level.body.string.contains("Trường level"))
                #expect(goodLevel.status == .ok, "\(goodLevel.body.string)")
                #expect(unknown.status == .notFound)
                #expect(try await BaselineRecord.query(on: app.db).count() == 1, "only the good level was stored")
            }
        }
    }
}
