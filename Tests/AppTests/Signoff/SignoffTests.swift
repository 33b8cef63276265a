import Documents
import Fluent
import Foundation
import Planning
import Testing
import Vapor
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Report to the People's Committee: approval and issue") struct SignoffTests {
        struct WireStatus: Decodable {
            struct Step: Decodable { let action, from, to, actor, actorName: String; let reason: String?; let at: Date }
            struct Issued: Decodable { let number, date, issuedBy, docxSha256, xlsxSha256: String; let issuedAt: Date }
            let plan, period, state: String
            let steps: [Step]
            let issued: Issued?
        }

        static let period = "2026NovS2"
        static let text = #"{"number":"","date":"05/12/2026","results":"Nhìn chung đạt","shortcomings":"- Còn chậm","proposals":"Tăng đầu tư","signerMandate":"KT. GIÁM ĐỐC","signerTitle":"PHÓ GIÁM ĐỐC","signerName":"Cán bộ ký (mẫu)","recipients":"- UBND tỉnh;\n- Lưu: VT."}"#

        static func call(_ app: Application, _ method: HTTPMethod, _ path: String, as role: Role, json: String? = nil) async throws -> TestingHTTPResponse {
            try await ReportAPI(app: app).call(method, path.contains("?") ? path : path + "?period=\(period)", as: role, json: json)
        }

        static func status(_ app: Application) async throws -> WireStatus {
            try await call(app, .GET, "/api/v1/evaluation/report/status", as: .coordinator).content.decode(WireStatus.self)
        }

        static func sha256(_ response: TestingHTTPResponse) -> String {
            SHA256.hash(data: Data(buffer: response.body)).map { String(format: "%02x", $0) }.joined()
        }

        static func documentXML(_ response: TestingHTTPResponse) throws -> String {
            String(decoding: try #require(try ZipPackage.parts(of: Data(buffer: response.body))["word/document.xml"]), as: UTF8.self)
        }

        /// The figures of the dashboard tests, the text saved, and the report sent and approved.
        static func approved(_ app: Application) async throws {
            _ = try await DashboardPagesTests.world(app)
            #expect(try await call(app, .PUT, "/api/v1/evaluation/report", as: .coordinator, json: text).status == .ok)
            #expect(try await call(app, .POST, "/api/v1/evaluation/report/submit", as: .coordinator).status == .ok)
            #expect(try await call(app, .POST, "/api/v1/evaluation/report/approve", as: .leadership).status == .ok)
        }

        @Test("draft → awaiting approval → returned with a reason → sent again → approved; each step kept, logged and notified; edits only in draft")
        func workflow() async throws {
            try await withApp { app in
                // setup
                _ = try await DashboardPagesTests.world(app)
                _ = try await app.session(.leadership)
                _ = try await app.session(.coordinator)
                // act + validate, step by step
                #expect(try await Self.status(app).state == "draft")
                let notByUnit = try await Self.call(app, .POST, "/api/v1/evaluation/report/submit", as: .leadOffice)
                #expect(notByUnit.status == .forbidden)
                let submitted = try await Self.call(app, .POST, "/api/v1/evaluation/report/submit", as: .coordinator)
                #expect(try submitted.status == .ok && submitted.content.decode(WireStatus.self).state == "awaitingApproval")
                #expect(try await SummaryReportRecord.query(on: app.db).count() == 1, "the prefilled text is stored when sent")
                let edit = try await Self.call(app, .PUT, "/api/v1/evaluation/report", as: .coordinator, json: Self.text)
                #expect(edit.status == .conflict && edit.body.string.contains("chỉ sửa được nội dung khi báo cáo là dự thảo"))
                let approveByCoordinator = try await Self.call(app, .POST, "/api/v1/evaluation/report/approve", as: .coordinator)
                #expect(approveByCoordinator.status == .forbidden)
                let noReason = try await Self.call(app, .POST, "/api/v1/evaluation/report/return", as: .leadership, json: #"{"reason":" "}"#)
                #expect(noReason.status == .badRequest && noReason.body.string.contains("«reason»"))
                let returned = try await Self.call(app, .POST, "/api/v1/evaluation/report/return", as: .leadership, json: #"{"reason":"Bổ sung số liệu CT05"}"#)
                #expect(try returned.status == .ok && returned.content.decode(WireStatus.self).state == "draft")
                #expect(try await Self.call(app, .PUT, "/api/v1/evaluation/report", as: .coordinator, json: Self.text).status == .ok)
                #expect(try await Self.call(app, .POST, "/api/v1/evaluation/report/submit", as: .coordinator).status == .ok)
                let approved = try await Self.call(app, .POST, "/api/v1/evaluation/report/approve", as: .leadership)
                #expect(approved.status == .ok)
                let again = try await Self.call(app, .POST, "/api/v1/evaluation/report/approve", as: .leadership)
                #expect(again.status == .conflict && again.body.string.contains("Đã ký duyệt"))
                let status = try await Self.status(app)
                #expect(status.state == "approved")
                #expect(status.steps.map(\.action) == ["submit", "return", "submit", "approve"])
                #expect(status.steps[1].reason == "Bổ sung số liệu CT05" && status.steps[1].actor == "leadership-syt@test.chitieu.local")
                let logged = try await AuditEntryRecord.query(on: app.db).filter(\.$entity == "summary-report").filter(\.$field == "state").sort(\.$sequence).all()
                #expect(logged.map { "\($0.oldValue ?? "")→\($0.newValue ?? "")" } == ["draft→awaitingApproval", "awaitingApproval→draft", "draft→awaitingApproval", "awaitingApproval→approved"])
                #expect(logged[1].reason == "Bổ sung số liệu CT05")
                let notices = try await NotificationRecord.query(on: app.db).filter(\.$kind == "summary-report").all()
                let leader = try #require(try await UserRecord.query(on: app.db).filter(\.$role == "leadership").first()).requireID()
                let coordinator = try #require(try await UserRecord.query(on: app.db).filter(\.$role == "coordinator").first()).requireID()
                #expect(notices.filter { $0.userID == leader }.count == 2, "leadership is told twice that the report awaits approval")
                #expect(notices.contains { $0.userID == coordinator && $0.textVietnamese.contains("bị trả lại: Bổ sung số liệu CT05") })
                #expect(notices.contains { $0.userID == coordinator && $0.textVietnamese.contains("đã được ký duyệt") })
            }
        }

        @Test("issuing needs the number and the date; the issued DOCX and XLSX are stored and downloaded byte for byte even after the figures change")
        func issue() async throws {
            try await withApp { app in
                // setup
                try await Self.approved(app)
                let notIssued = try await Self.call(app, .GET, "/api/v1/evaluation/report/issued.docx", as: .coordinator)
                // act: refusals, then the issue
                let byLeadership = try await Self.call(app, .POST, "/api/v1/evaluation/report/issue", as: .leadership, json: #"{"number":"125","date":"05/12/2026"}"#)
                let noNumber = try await Self.call(app, .POST, "/api/v1/evaluation/report/issue", as: .coordinator, json: #"{"number":"","date":"05/12/2026"}"#)
                let badDate = try await Self.call(app, .POST, "/api/v1/evaluation/report/issue", as: .coordinator, json: #"{"number":"125","date":"31/02/2026"}"#)
                let issued = try await Self.call(app, .POST, "/api/v1/evaluation/report/issue", as: .coordinator, json: #"{"number":"125","date":"05/12/2026"}"#)
                let first = try await Self.call(app, .GET, "/api/v1/evaluation/report/issued.docx", as: .leadOffice)
                let firstXlsx = try await Self.call(app, .GET, "/api/v1/evaluation/report/issued.xlsx", as: .leadership)
                let liveBefore = try await Self.call(app, .GET, "/api/v1/evaluation/report.docx", as: .coordinator)
                // a figure changes after issuing: B's CT01 becomes 50/50
                let b = try #require(try await ReportRecord.query(on: app.db).filter(\.$organisationCode == "MAU-BVDK-B").first())
                let value = try #require(try await ReportValueRecord.query(on: app.db).filter(\.$report.$id == b.requireID()).filter(\.$indicatorCode == "CT01").first())
                value.numerator = 50
                try await value.save(on: app.db)
                let second = try await Self.call(app, .GET, "/api/v1/evaluation/report/issued.docx", as: .coordinator)
                let secondXlsx = try await Self.call(app, .GET, "/api/v1/evaluation/report/issued.xlsx", as: .coordinator)
                let liveAfter = try await Self.call(app, .GET, "/api/v1/evaluation/report.docx", as: .coordinator)
                let editAfter = try await Self.call(app, .PUT, "/api/v1/evaluation/report", as: .coordinator, json: Self.text)
                let returnAfter = try await Self.call(app, .POST, "/api/v1/evaluation/report/return", as: .leadership, json: #"{"reason":"Sửa"}"#)
                // validate
                #expect(notIssued.status == .notFound && notIssued.body.string.contains("chưa được ban hành"))
                #expect(byLeadership.status == .forbidden)
                #expect(noNumber.status == .badRequest && noNumber.body.string.contains("Cần điền số văn bản khi ban hành (ô «number»)"))
                #expect(badDate.status == .badRequest && badDate.body.string.contains("«date»"))
                #expect(issued.status == .ok)
                let status = try issued.content.decode(WireStatus.self)
                #expect(status.state == "issued" && status.issued?.number == "125" && status.issued?.date == "05/12/2026")
                #expect(first.status == .ok && Data(buffer: first.body) == Data(buffer: second.body))
                #expect(Self.sha256(first) == status.issued?.docxSha256 && Self.sha256(second) == status.issued?.docxSha256)
                #expect(first.headers.first(name: "X-Content-SHA256") == status.issued?.docxSha256)
                #expect(Data(buffer: firstXlsx.body) == Data(buffer: secondXlsx.body) && Self.sha256(secondXlsx) == status.issued?.xlsxSha256)
                let document = try Self.documentXML(first)
                #expect(document.contains(">Số: 125/BC-SYT<") && document.contains(">Ninh Bình, ngày 05 tháng 12 năm 2026<"))
                #expect(document.contains(">70 %<") && !document.contains(SummaryDocument.draftMark), "issued: the figures of the day, no draft mark")
                let live = try Self.documentXML(liveAfter)
                #expect(live.contains(">\(SummaryDocument.draftMark)<") && live.contains(">90 %<"), "the live document is a draft with today's figures")
                #expect(try Self.documentXML(liveBefore).contains(">70 %<"))
                #expect(editAfter.status == .conflict && editAfter.body.string.contains("«Đã ban hành»"))
                #expect(returnAfter.status == .conflict)
                let logged = try await AuditEntryRecord.query(on: app.db).filter(\.$entity == "summary-report").all()
                #expect(logged.contains { $0.field == "docxSha256" && $0.newValue == status.issued?.docxSha256 })
                #expect(logged.contains { $0.field == "state" && $0.newValue == "issued" && $0.actor == "coordinator-qlkcb@test.chitieu.local" })
            }
        }

        @Test("a number is used once per plan and year: another period's report with the same number that year is refused, nothing is stored")
        func uniqueNumber() async throws {
            try await withApp { app in
                // setup: 2026NovS2 issued as 7; 2026NovS1 approved
                try await Self.approved(app)
                #expect(try await Self.call(app, .POST, "/api/v1/evaluation/report/issue", as: .coordinator, json: #"{"number":"7","date":"05/12/2026"}"#).status == .ok)
                let other = "?period=2026NovS1"
                #expect(try await Self.call(app, .POST, "/api/v1/evaluation/report/submit" + other, as: .coordinator).status == .ok)
                #expect(try await Self.call(app, .POST, "/api/v1/evaluation/report/approve" + other, as: .leadership).status == .ok)
                // act
                let taken = try await Self.call(app, .POST, "/api/v1/evaluation/report/issue" + other, as: .coordinator, json: #"{"number":"7","date":"20/06/2026"}"#)
                let stored = try await IssuedSummaryReportRecord.query(on: app.db).count()
                let nextYear = try await Self.call(app, .POST, "/api/v1/evaluation/report/issue" + other, as: .coordinator, json: #"{"number":"7","date":"02/01/2027"}"#)
                // validate
                #expect(taken.status == .conflict && taken.body.string.contains("Số 7 đã dùng cho một báo cáo khác ban hành năm 2026"))
                #expect(stored == 1)
                #expect(nextYear.status == .ok)
            }
        }
    }
}
