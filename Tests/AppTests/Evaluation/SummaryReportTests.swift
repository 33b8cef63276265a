import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Report to the People's Committee: the text") struct SummaryReportTests {
        struct WireDraft: Codable, Equatable {
            var number, date, results, shortcomings, proposals, signerMandate, signerTitle, signerName, recipients: String
        }

        @Test("until saved, the text is prefilled from the units' difficulties and proposals and the offices' comments")
        func prefilled() async throws {
            try await withApp { app in
                // setup
                _ = try await DashboardPagesTests.world(app)
                let a = try #require(try await ReportRecord.query(on: app.db).filter(\.$organisationCode == "MAU-BVDK-A").filter(\.$approvedAt != nil).all().last)
                a.difficulties = "Thiếu máy chủ"
                a.proposals = "Cấp thêm kinh phí"
                try await a.save(on: app.db)
                let value = try #require(try await ReportValueRecord.query(on: app.db).filter(\.$report.$id == a.requireID()).filter(\.$indicatorCode == "CT01").first())
                value.reviewComment = "Mẫu số chưa khớp"
                try await value.save(on: app.db)
                // act
                let draft = try await ReportAPI(app: app).call(.GET, "/api/v1/evaluation/report?period=\(a.$cycle.get(on: app.db).periodCode)", as: .coordinator)
                    .content.decode(WireDraft.self)
                // validate
                #expect(draft.shortcomings.contains("- Bệnh viện Đa khoa tỉnh A (mẫu): Thiếu máy chủ"))
                #expect(draft.shortcomings.contains("- CT01, Bệnh viện Đa khoa tỉnh A (mẫu): Mẫu số chưa khớp"))
                #expect(draft.proposals == "- Bệnh viện Đa khoa tỉnh A (mẫu): Cấp thêm kinh phí.")
                #expect(draft.signerMandate == "KT. GIÁM ĐỐC" && draft.recipients.hasSuffix("- Lưu: VT, QLKCB."))
                #expect(DayInput.parse(draft.date) == Day(Date()))
            }
        }

        @Test("the coordinator saves the text from the page; a bad date or an overlong part is refused with the reason and nothing is stored")
        func saveFromPage() async throws {
            try await withApp { app in
                _ = try await ReportFixtures.cycle(.open, period: "2026NovS2", on: app.db)
                var headers = try await app.session(.coordinator)
                headers.contentType = .urlEncodedForm
                let csrf = try await csrfToken(of: headers, app: app)
                func post(_ fields: [(String, String)]) async throws -> TestingHTTPResponse {
                    try await app.testing().sendRequest(.POST, "/summary-report?period=2026NovS2", headers: headers,
                                                        body: ByteBuffer(string: Sample.encode(fields + [("csrf", csrf)])))
                }
                let base = [("number", "125"), ("results", ""), ("shortcomings", "Còn chậm"), ("proposals", "Tăng đầu tư"),
                            ("signerMandate", "KT. GIÁM ĐỐC"), ("signerTitle", "PHÓ GIÁM ĐỐC"), ("signerName", "Cán bộ ký (mẫu)"), ("recipients", "- Lưu: VT.")]
                // act: bad, too long, good
                let badDate = try await post(base + [("date", "32/13/2026")])
                let tooLong = try await post(base.filter { $0.0 != "results" } + [("date", "05/12/2026"), ("results", String(repeating: "x", count: 20_001))])
                let stored = try await SummaryReportRecord.query(on: app.db).count()
                let good = try await post(base + [("date", "05/12/2026")])
                // validate
                #expect(badDate.status == .badRequest && badDate.body.string.contains("Ngày báo cáo «32/13/2026» không hợp lệ"))
                #expect(badDate.body.string.contains("Tăng đầu tư"), "what was typed is kept on the page")
                #expect(tooLong.status == .badRequest && tooLong.body.string.contains("dài quá 20000 ký tự"))
                #expect(stored == 0)
                #expect(good.status == .seeOther)
                let record = try #require(try await SummaryReportRecord.query(on: app.db).first())
                #expect((record.number, record.reportDate, record.signerName) == ("125", "2026-12-05", "Cán bộ ký (mẫu)"))
                let page = try await app.get("/summary-report?period=2026NovS2&saved=1", as: .coordinator).body.string
                #expect(page.contains(#"id="saved""#) && page.contains(#"value="05/12/2026""#) && !page.contains("là gợi ý"))
                let logged = try await AuditEntryRecord.query(on: app.db).filter(\.$entity == "summary-report").all()
                #expect(Set(logged.map(\.field)).isSuperset(of: ["number", "date", "shortcomings"]))
                let audit = try await app.get("/audit?entity=summary-report", as: .coordinator).body.string
                #expect(audit.contains(#"<option value="summary-report" selected>"#) && audit.contains("KH-BCD-SYT-NB-2025/2026NovS2"))
            }
        }

        @Test("through the API: the coordinator writes, a lead office reads but cannot write, a unit cannot read")
        func api() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                let draft = WireDraft(number: "7", date: "2026-12-05", results: "Nhìn chung đạt", shortcomings: "", proposals: "", signerMandate: "",
                                      signerTitle: "GIÁM ĐỐC", signerName: "", recipients: "- UBND tỉnh;\n- Lưu: VT.")
                let json = String(decoding: try JSONEncoder().encode(draft), as: UTF8.self)
                let saved = try await api.call(.PUT, "/api/v1/evaluation/report?period=2026NovS2", as: .coordinator, json: json)
                #expect(saved.status == .ok)
                var expected = draft
                expected.date = "05/12/2026"
                #expect(try saved.content.decode(WireDraft.self) == expected)
                #expect(try await api.call(.GET, "/api/v1/evaluation/report?period=2026NovS2", as: .leadOffice).content.decode(WireDraft.self) == expected)
                #expect(try await api.call(.PUT, "/api/v1/evaluation/report?period=2026NovS2", as: .leadOffice, json: json).status == .forbidden)
                #expect(try await api.call(.GET, "/api/v1/evaluation/report?period=2026NovS2", as: .unitReporter).status == .forbidden)
                let noTitle = json.replacingOccurrences(of: #""signerTitle":"GIÁM ĐỐC""#, with: #""signerTitle":" ""#)
                let refused = try await api.call(.PUT, "/api/v1/evaluation/report?period=2026NovS2", as: .coordinator, json: noTitle)
                #expect(refused.status == .badRequest && refused.body.string.contains("Chức vụ người ký"))
                #expect(try await api.call(.GET, "/api/v1/evaluation/report?period=2026X", as: .coordinator).status == .badRequest)
            }
        }
    }
}
