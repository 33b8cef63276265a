import Documents
import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("The coordinating office's report to the Ban Chỉ đạo") struct SteeringReportTests {
        @Test("addressed to the committee the plan names, in the office's voice, with the same figures and its own number, date and signer")
        func document() async throws {
            try await withApp { app in
                // setup
                _ = try await DashboardPagesTests.world(app)
                func call(_ method: HTTPMethod, _ path: String, _ role: Role, _ json: String?) async throws -> TestingHTTPResponse {
                    try await SignoffTests.call(app, method, path, as: role, json: json)
                }
                #expect(try await call(.PUT, "/api/v1/evaluation/report", .coordinator, SignoffTests.text).status == .ok)
                let saved = try await call(.PUT, "/api/v1/evaluation/steering-report", .coordinator,
                                           #"{"number":"12","date":"08/12/2026","signerTitle":"TRƯỞNG PHÒNG","signerName":"Trưởng phòng (mẫu)","recipients":"- Như trên;\n- Lưu: VT, QLKCB."}"#)
                // act
                let docx = try await call(.GET, "/api/v1/evaluation/steering-report.docx", .leadership, nil)
                let byUnit = try await call(.GET, "/api/v1/evaluation/steering-report.docx", .unitReporter, nil)
                let badDate = try await call(.PUT, "/api/v1/evaluation/steering-report", .coordinator,
                                             #"{"number":"12","date":"2026","signerTitle":"TRƯỞNG PHÒNG","signerName":"","recipients":""}"#)
                let byLeadOffice = try await call(.PUT, "/api/v1/evaluation/steering-report", .leadOffice,
                                                  #"{"number":"1","date":"08/12/2026","signerTitle":"X","signerName":"","recipients":""}"#)
                // validate
                #expect(saved.status == .ok)
                #expect(docx.status == .ok && docx.headers.first(name: .contentDisposition)?.contains("bao-cao-ban-chi-dao-2026NovS2.docx") == true)
                let xml = try SignoffTests.documentXML(docx)
                #expect(xml.contains(">Kính gửi: Ban Chỉ đạo của ngành Y tế tỉnh Ninh Bình về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06.<"))
                #expect(xml.contains(">PHÒNG QUẢN LÝ KHÁM CHỮA BỆNH<") && xml.contains(">Số: 12/BC-QLKCB<") && xml.contains(">Ninh Bình, ngày 08 tháng 12 năm 2026<"))
                #expect(xml.contains("kịp thời báo cáo và kiến nghị Ban Chỉ đạo các biện pháp cần thiết"))
                #expect(xml.contains(">\(SteeringDocument.closing)<") && !xml.contains("Sở Y tế trân trọng báo cáo"))
                #expect(xml.contains(">70 %<") && xml.contains(">- Còn chậm<") && xml.contains(">Tăng đầu tư<"), "the same figures and text as the report to UBND tỉnh")
                #expect(xml.contains(">TRƯỞNG PHÒNG<") && xml.contains(">Trưởng phòng (mẫu)<") && !xml.contains(">KT. GIÁM ĐỐC<"))
                #expect(byUnit.status == .forbidden)
                #expect(badDate.status == .badRequest && badDate.body.string.contains("Ngày báo cáo «2026» không hợp lệ"))
                #expect(byLeadOffice.status == .forbidden)
                let logged = try await AuditEntryRecord.query(on: app.db).filter(\.$entity == "steering-report").all()
                #expect(Set(logged.map(\.field)).isSuperset(of: ["number", "date", "signerName"]))
            }
        }

        @Test("the summary page links it and shows the state, the steps and the buttons each role may use")
        func page() async throws {
            try await withApp { app in
                // setup
                _ = try await DashboardPagesTests.world(app)
                // act
                let draftCoordinator = try await app.get("/summary-report?period=2026NovS2", as: .coordinator).body.string
                let draftLeader = try await app.get("/summary-report?period=2026NovS2", as: .leadership).body.string
                #expect(try await SignoffTests.call(app, .POST, "/api/v1/evaluation/report/submit", as: .coordinator).status == .ok)
                let awaitingLeader = try await app.get("/summary-report?period=2026NovS2", as: .leadership).body.string
                let awaitingCoordinator = try await app.get("/summary-report?period=2026NovS2", as: .coordinator).body.string
                let unit = try await app.get("/summary-report?period=2026NovS2", as: .unitReporter)
                // validate
                #expect(draftCoordinator.contains(#"data-state="draft""#) && draftCoordinator.contains(#"id="signoff-submit""#) && draftCoordinator.contains(#"id="save-summary""#))
                #expect(draftCoordinator.contains("/api/v1/evaluation/steering-report.docx?") && draftCoordinator.contains(#"id="save-steering""#))
                #expect(!draftLeader.contains(#"id="signoff-approve""#) && !draftLeader.contains(#"id="save-summary""#))
                #expect(awaitingLeader.contains(#"data-state="awaitingApproval""#) && awaitingLeader.contains("Chờ ký duyệt"))
                #expect(awaitingLeader.contains(#"id="signoff-approve""#) && awaitingLeader.contains(#"id="signoff-return""#) && !awaitingLeader.contains(#"id="save-steering""#))
                #expect(!awaitingCoordinator.contains(#"id="save-summary""#) && awaitingCoordinator.contains(#"id="not-editable""#))
                #expect(awaitingCoordinator.contains(#"id="signoff-steps""#) && awaitingCoordinator.contains("Trình ký duyệt"))
                #expect(unit.status == .forbidden)
            }
        }
    }
}
