import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("The office page's assessment, item by item, and the coordinator's reminder") struct OfficeAssessmentPageTests {
        static func post(_ app: Application, _ path: String, _ fields: [(String, String)], as role: Role = .leadOffice) async throws -> TestingHTTPResponse {
            try await ReportPageTests.post(app, path, fields, as: role)
        }

        @Test("saving goes to the next indicator lacking an assessment with a message; a refused save shows the problem by its field")
        func itemByItem() async throws {
            try await withApp { app in
                // setup: the BHYT office page lists its indicators, CT01 first, with the units' values and comments
                _ = try await DashboardPagesTests.world(app)
                for value in try await ReportValueRecord.query(on: app.db).filter(\.$indicatorCode == "CT01").all() {
                    value.comment = "Thiếu 10 cán bộ chưa học"
                    try await value.save(on: app.db)
                }
                let first = try await app.get("/dashboard/offices/BHYT?period=2026NovS2", as: .leadOffice).body.string
                // act
                let refused = try await Self.post(app, "/dashboard/offices/BHYT/assessments/CT01?period=2026NovS2",
                                                  [("status", "onTrack"), ("reason", ""), ("analysis", "Phân tích CT01")])
                let saved = try await Self.post(app, "/dashboard/offices/BHYT/assessments/CT01?period=2026NovS2",
                                                [("status", ""), ("reason", ""), ("analysis", "Phân tích CT01"), ("measures", "Giải pháp CT01")])
                let location = saved.headers.first(name: .location) ?? ""
                let next = try await app.get(String(location.prefix { $0 != "#" }), as: .leadOffice).body.string
                let otherOffice = try await Self.post(app, "/dashboard/offices/YTDP/assessments/CT05?period=2026NovS2", [("analysis", "x")])
                // validate
                #expect(first.contains(#"id="item-CT01""#) && first.contains("Thiếu 10 cán bộ chưa học") && first.contains(#"id="assess-form""#))
                #expect(refused.status == .badRequest && refused.body.string.contains(#"id="error-reason""#) && refused.body.string.contains("Phân tích CT01"))
                #expect(saved.status == .seeOther && location.contains("item=CT02") && location.contains("saved=CT01"), "\(location)")
                #expect(next.contains("Đã lưu CT01.") && next.contains(#"id="item-CT02""#) && next.contains("CT01 · Chậm so với lộ trình"))
                #expect(otherOffice.status == .forbidden)
                let stored = try await LeadAssessmentRecord.query(on: app.db).all()
                #expect(stored.count == 1 && stored.first?.status == "behind" && stored.first?.measures == "Giải pháp CT01")
            }
        }

        @Test("the lead office enters a baseline on its page; a bad one is refused by field; others see the page without forms")
        func baselineForm() async throws {
            try await withApp { app in
                // setup
                try await BaselineAPITests.world(app)
                // act
                let bad = try await Self.post(app, "/dashboard/offices/BHYT/baseline/CT35?period=2026NovS1", [("year", "2025"), ("value", "abc"), ("source", "")])
                let good = try await Self.post(app, "/dashboard/offices/BHYT/baseline/CT35?period=2026NovS1",
                                               [("action", "save"), ("year", "2025"), ("value", "62,5"), ("source", "Báo cáo thống kê y tế 2025")])
                let page = try await app.get("/dashboard/offices/BHYT?period=2026NovS1&item=CT35", as: .leadOffice).body.string
                let coordinator = try await app.get("/dashboard/offices/BHYT?period=2026NovS1&item=CT35", as: .coordinator).body.string
                // validate
                #expect(bad.status == .badRequest && bad.body.string.contains(#"id="error-value""#) && bad.body.string.contains(#"id="error-source""#))
                #expect(good.status == .seeOther)
                #expect(page.contains("62,5 % (năm 2025, nguồn: Báo cáo thống kê y tế 2025, do ") && page.contains(#"id="baseline-history""#))
                #expect(coordinator.contains("62,5 %") && !coordinator.contains(#"id="assess-form""#) && !coordinator.contains(#"id="baseline-form""#))
                #expect(try await BaselineRecord.query(on: app.db).first()?.value == 62.5)
            }
        }

        @Test("the coordinator sees which indicators each lead office has not assessed and reminds the office: a notice, logged")
        func reminder() async throws {
            try await withApp { app in
                // setup: BHYT assesses CT01 only
                let (_, s2) = try await DashboardPagesTests.world(app)
                #expect(try await LeadAssessmentTests.put(app, "CT01", #"{"analysis":"Đã đánh giá"}"#).status == .ok)
                let id = try s2.requireID()
                // act
                let followUp = try await app.get("/cycles/\(id)/follow-up", as: .coordinator).body.string
                let sent = try await Self.post(app, "/cycles/\(id)/assessment-reminders", [("office", "BHYT")], as: .coordinator)
                let leadership = try await Self.post(app, "/cycles/\(id)/assessment-reminders", [("office", "BHYT")], as: .leadership)
                // validate
                #expect(followUp.contains(#"id="missing-assessments""#) && followUp.contains(#"id="remind-office-BHYT""#))
                let row = try #require(followUp.range(of: #"href="/dashboard/offices/BHYT?period=2026NovS2""#))
                #expect(!followUp[row.upperBound...].prefix(400).contains("CT01,") && followUp[row.upperBound...].prefix(400).contains("CT02"))
                #expect(sent.status == .ok && sent.body.string.contains("Đã nhắc BHYT"))
                #expect(leadership.status == .forbidden)
                let notices = try await NotificationRecord.query(on: app.db).all()
                #expect(notices.contains { $0.textVietnamese.contains("Đề nghị đánh giá") && $0.textVietnamese.contains("CT02") && !$0.textVietnamese.contains("CT01,") })
                let logged = try await AuditEntryRecord.query(on: app.db).filter(\.$entity == "lead-assessment").filter(\.$field == "reminder").all()
                #expect(logged.count == 1 && logged.first?.entityID.hasSuffix("/2026NovS2/BHYT") == true)
            }
        }
    }
}
