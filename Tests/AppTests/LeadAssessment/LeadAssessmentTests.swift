import Documents
import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("The lead office's own assessment") struct LeadAssessmentTests {
        struct WireAssessment: Decodable {
            struct Written: Decodable { let office: String; let status: String; let computedStatus: String; let reason: String?; let analysis: String; let stale: Bool }
            let indicator: String
            let computedStatus: String
            let assessment: Written?
        }

        static func list(_ app: Application, period: String = "2026NovS2") async throws -> [String: WireAssessment] {
            let all = try await ReportAPI(app: app).call(.GET, "/api/v1/evaluation/assessments?period=\(period)", as: .coordinator).content.decode([WireAssessment].self)
            return Dictionary(uniqueKeysWithValues: all.map { ($0.indicator, $0) })
        }

        static func put(_ app: Application, _ code: String, _ json: String, organisation: String? = nil, period: String = "2026NovS2") async throws -> TestingHTTPResponse {
            try await ReportAPI(app: app).call(.PUT, "/api/v1/evaluation/assessments/\(code)?period=\(period)", as: .leadOffice, organisation: organisation, json: json)
        }

        @Test("the lead office confirms, then changes the status with a reason; without one it is refused; another office gets 403")
        func writeAndChange() async throws {
            try await withApp { app in
                // setup: CT01 (BHYT) is 70 % against ≥ 100 in 2026NovS2 — behind
                _ = try await DashboardPagesTests.world(app)
                // act
                let confirm = try await Self.put(app, "CT01", #"{"analysis":"Hai bệnh viện còn thấp.","measures":"Tập huấn bổ sung."}"#)
                let noReason = try await Self.put(app, "CT01", #"{"status":"onTrack","analysis":"Đúng lộ trình."}"#)
                let notChoosable = try await Self.put(app, "CT01", #"{"status":"met","reason":"x","analysis":"x"}"#)
                let unknown = try await Self.put(app, "CT01", #"{"status":"great","analysis":"x"}"#)
                let noAnalysis = try await Self.put(app, "CT01", #"{"analysis":"  "}"#)
                let changed = try await Self.put(app, "CT01", #"{"status":"onTrack","reason":"Số liệu quý IV chưa cập nhật","analysis":"Đúng lộ trình."}"#)
                let other = try await Self.put(app, "CT01", #"{"analysis":"x"}"#, organisation: "YTDP")
                let noCycle = try await Self.put(app, "CT01", #"{"analysis":"x"}"#, period: "2027NovS1")
                let listed = try await Self.list(app)
                // validate
                #expect(confirm.status == .ok, "\(confirm.body.string)")
                #expect(noReason.status == .badRequest && noReason.body.string.contains("Trường reason"), "\(noReason.body.string)")
                #expect(notChoosable.status == .badRequest && notChoosable.body.string.contains("Trường status"))
                #expect(unknown.status == .badRequest && unknown.body.string.contains("status=great"))
                #expect(noAnalysis.status == .badRequest && noAnalysis.body.string.contains("Trường analysis"))
                #expect(changed.status == .ok)
                #expect(other.status == .forbidden && other.body.string.contains("Chỉ cơ quan chủ trì"))
                #expect(noCycle.status == .badRequest && noCycle.body.string.contains("period=2027NovS1"))
                let ct01 = try #require(listed["CT01"]?.assessment)
                #expect(ct01.status == "onTrack" && ct01.computedStatus == "behind" && ct01.reason == "Số liệu quý IV chưa cập nhật" && !ct01.stale)
                #expect(listed["CT05"]?.assessment == nil && listed.count == 37)
                let log = try await AuditEntryRecord.query(on: app.db).filter(\.$entity == "lead-assessment").all().filter { $0.entityID.hasSuffix("/2026NovS2/CT01") }
                #expect(log.contains { $0.field == "status" && $0.oldValue == "behind" && $0.newValue == "onTrack" }, "\(log.map(\.field))")
                #expect(log.contains { $0.field == "reason" && $0.oldValue == nil && $0.newValue == "Số liệu quý IV chưa cập nhật" })
            }
        }

        @Test("an assessment goes stale when the computed status changes after it was written, and the pages say so")
        func stale() async throws {
            try await withApp { app in
                // setup: CT02 (BHYT; 80 in 2025, 100 in 2030) has no data when assessed
                let (_, s2) = try await DashboardPagesTests.world(app)
                #expect(try await Self.put(app, "CT02", #"{"analysis":"Chưa có đơn vị nào báo cáo."}"#).status == .ok)
                let before = try await Self.list(app)
                // act: a hospital's 45/50 (90 % against 84 in 2026) is approved
                let report = ReportRecord(cycleID: try s2.requireID(), organisationCode: "MAU-BVSN")
                report.state = ReportState.approved.rawValue
                report.submittedAt = Date()
                report.approvedAt = Date()
                try await report.create(on: app.db)
                let value = ReportValueRecord(reportID: try report.requireID(), indicatorCode: "CT02")
                value.set(ValueEntry(numerator: 45, denominator: 50))
                try await value.create(on: app.db)
                let after = try await Self.list(app)
                let page = try await app.get("/dashboard/indicators/CT02?period=2026NovS2", as: .coordinator).body.string
                let office = try await app.get("/dashboard/offices/BHYT?period=2026NovS2&item=CT02", as: .leadOffice).body.string
                // validate
                #expect(before["CT02"]?.assessment?.computedStatus == "noData" && before["CT02"]?.assessment?.stale == false)
                #expect(after["CT02"]?.computedStatus == "onTrack" && after["CT02"]?.assessment?.stale == true, "\(String(describing: after["CT02"]))")
                #expect(page.contains("Trạng thái tính toán đã thay đổi từ khi đánh giá") && page.contains("Chưa có đơn vị nào báo cáo."))
                #expect(office.contains(#"id="stale""#))
            }
        }

        @Test("the report's CSV, XLSX and DOCX carry the office's assessment: a column and section I's text")
        func documents() async throws {
            try await withApp { app in
                // setup
                _ = try await DashboardPagesTests.world(app)
                #expect(try await Self.put(app, "CT01", #"{"status":"onTrack","reason":"Số liệu chưa đủ","analysis":"Hai bệnh viện đã đào tạo xong đợt 1.","measures":"Mở lớp đợt 2."}"#).status == .ok)
                // act
                let csv = try await SummaryDocumentTests.download(app, "/api/v1/evaluation/report.csv?period=2026NovS2")
                let docx = try await SummaryDocumentTests.download(app, "/api/v1/evaluation/report.docx?period=2026NovS2")
                let xlsx = try await SummaryDocumentTests.download(app, "/api/v1/evaluation/report.xlsx?period=2026NovS2")
                // validate
                let rows = try SummaryDocumentTests.csv(csv)
                #expect(rows["CT01"]?["Đánh giá của cơ quan chủ trì"] == "Đúng lộ trình (điều chỉnh từ kết quả tính «Chậm so với lộ trình»: Số liệu chưa đủ) — BHYT")
                #expect(rows["CT05"]?["Đánh giá của cơ quan chủ trì"] == "")
                let document = String(decoding: try #require(try ZipPackage.parts(of: Data(buffer: docx.body))["word/document.xml"]), as: UTF8.self)
                #expect(document.contains("Đánh giá của cơ quan chủ trì") && document.contains("3. Đánh giá của các cơ quan chủ trì theo dõi, đánh giá"))
                #expect(document.contains("CT01 (BHYT, đúng lộ trình): Hai bệnh viện đã đào tạo xong đợt 1. Giải pháp: Mở lớp đợt 2."), "section I summarises the analysis")
                let strings = String(decoding: try #require(try ZipPackage.parts(of: Data(buffer: xlsx.body))["xl/sharedStrings.xml"]), as: UTF8.self)
                #expect(strings.contains("Đánh giá của cơ quan chủ trì") && strings.contains("Số liệu chưa đủ) — BHYT"))
            }
        }
    }
}
