import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Report pages") struct ReportPageTests {
        /// Posts a form as `role`'s test user with the session's CSRF token.
        static func post(_ app: Application, _ path: String, _ fields: [(String, String)], as role: Role) async throws -> TestingHTTPResponse {
            var headers = try await app.session(role)
            let body = Sample.encode(fields + [("csrf", try await csrfToken(of: headers, app: app))])
            headers.contentType = .urlEncodedForm
            return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        }

        @Test("the form has the inputs each measure needs, the sector's target for the year and the previous value")
        func formInputs() async throws {
            try await withApp { app in
                let (id, _) = try await ReportTests.draft(app)
                let html = try await app.get("/reports/\(id)", as: .unitReporter).body.string
                #expect(html.contains(#"name="values[CT01][numerator]""#) && html.contains(#"name="values[CT01][denominator]""#))
                #expect(html.contains(#"name="values[CT05][amount]""#))
                #expect(html.contains(#"type="radio" id="CT15-yes" name="values[CT15][answer]" value="yes""#))
                #expect(html.contains(#"<select id="CT10-level" name="values[CT10][level]">"#) && html.contains("<option>Ứng dụng mạnh mẽ</option>"))
                #expect(!html.contains("values[CT03]"), "department-level indicators are not on a unit's form")
                #expect(html.contains(/<strong>Chỉ tiêu năm 2\d{3}: 100 \(chỉ tiêu ngành áp dụng cho đơn vị; đơn vị chưa đặt kế hoạch riêng\)<\/strong>/))
                #expect(html.contains(#"id="save-draft""#) && html.contains(#"id="submit-report""#))
                #expect(!html.contains(#"id="approve""#), "a unit does not review its own report")
            }
        }

        @Test("numbers typed the Vietnamese way are read; a wrong one is shown next to its field with what was typed, and nothing is saved")
        func typedNumbers() async throws {
            try await withApp { app in
                let (id, _) = try await ReportTests.draft(app)
                let bad = try await Self.post(app, "/reports/\(id)", [("version", "1"), ("intent", "save"),
                    ("values[CT01][numerator]", "1.200"), ("values[CT01][denominator]", "1.250"), ("values[CT06][amount]", "12,5"),
                    ("values[CT07][amount]", "nhiều")], as: .unitReporter)
                #expect(bad.status == .badRequest)
                let page = bad.body.string
                #expect(page.contains("«nhiều» ở ô Số lượng không phải là số"))
                #expect(page.contains(#"value="1.250""#) && page.contains(#"value="nhiều""#), "what was typed is shown again")
                #expect(try await ReportValueRecord.query(on: app.db).count() == 0)
                let notWhole = try await Self.post(app, "/reports/\(id)", [("version", "1"), ("intent", "save"), ("values[CT06][amount]", "12,5")], as: .unitReporter)
                #expect(notWhole.status == .badRequest && notWhole.body.string.contains("Phải là số nguyên."))
                let good = try await Self.post(app, "/reports/\(id)", [("version", "1"), ("intent", "save"),
                    ("values[CT01][numerator]", "1.200"), ("values[CT01][denominator]", "1.250"), ("values[CT06][amount]", "1.500"),
                    ("values[CT15][answer]", "yes"), ("values[CT10][level]", "ứng dụng mạnh mẽ"), ("results", "Đã triển khai")], as: .unitReporter)
                #expect(good.status == .seeOther)
                #expect(good.headers.first(name: .location) == "/reports/\(id)?saved=draft")
                let values = try await ReportValueRecord.query(on: app.db).all()
                #expect(Set(values.map { "\($0.indicatorCode) \($0.value.map { "\($0)" } ?? "-")" }) == [
                    "CT01 ratio(numerator: 1200.0, denominator: 1250.0)", "CT06 count(1500.0)", "CT15 yesNo(true)", "CT10 level(\"Ứng dụng mạnh mẽ\")"])
                let shown = try await app.get("/reports/\(id)?saved=draft", as: .unitReporter).body.string
                #expect(shown.contains("Đã lưu nháp.") && shown.contains("96 %") && shown.contains(#"value="1.500""#))
            }
        }

        @Test("a long report form (narrative near its 20 000-character limit) is saved whole; one over the limit is refused")
        func longForm() async throws {
            try await withApp { app in
                let (id, _) = try await ReportTests.draft(app)
                let long = String(repeating: "Kết quả triển khai chuyển đổi số. ", count: 580)
                let saved = try await Self.post(app, "/reports/\(id)", [("version", "1"), ("intent", "save"), ("results", long), ("difficulties", long)], as: .unitReporter)
                #expect(saved.status == .seeOther)
                #expect(try await ReportRecord.find(id, on: app.db)?.results == long)
                let tooLong = try await Self.post(app, "/reports/\(id)", [("version", "2"), ("intent", "save"), ("proposals", long + long)], as: .unitReporter)
                #expect(tooLong.status == .badRequest && tooLong.body.string.contains("dài quá 20000 ký tự"))
            }
        }

        @Test("a stale form is refused with a conflict that keeps what was typed")
        func staleForm() async throws {
            try await withApp { app in
                let (id, _) = try await ReportTests.draft(app)
                #expect(try await Self.post(app, "/reports/\(id)", [("version", "1"), ("intent", "save"), ("values[CT06][amount]", "3")], as: .unitReporter).status == .seeOther)
                let stale = try await Self.post(app, "/reports/\(id)", [("version", "1"), ("intent", "save"), ("values[CT06][amount]", "4")], as: .unitReporter)
                #expect(stale.status == .conflict)
                #expect(stale.body.string.contains("Báo cáo vừa được người khác lưu") && stale.body.string.contains(#"value="4""#))
                #expect(try await ReportValueRecord.query(on: app.db).first()?.amount == 3)
            }
        }

        @Test("the coordinator returns a submitted report with a reason from the page; the unit sees the reason; pages speak English on request")
        func reviewFromPage() async throws {
            try await withApp { app in
                let submitted = try await ReportFixtures.report("MAU-BVDK-A", .submitted, on: app.db)
                let id = try submitted.requireID()
                let page = try await app.get("/reports/\(id)", as: .coordinator).body.string
                #expect(page.contains(#"id="approve""#) && page.contains(#"id="return""#) && !page.contains(#"id="submit-report""#))
                let noReason = try await Self.post(app, "/reports/\(id)/review", [("action", "return"), ("reason", " ")], as: .coordinator)
                #expect(noReason.status == .badRequest && noReason.body.string.contains("Cần ghi lý do"))
                let returned = try await Self.post(app, "/reports/\(id)/review", [("action", "return"), ("reason", "Thiếu thuyết minh khó khăn")], as: .coordinator)
                #expect(returned.status == .seeOther)
                let seen = try await app.get("/reports/\(id)", as: .unitReporter).body.string
                #expect(seen.contains("Báo cáo bị trả lại:") && seen.contains("Thiếu thuyết minh khó khăn") && seen.contains(#"id="submit-report""#))
                let english = try await app.get("/reports/\(id)?lang=en", as: .unitReporter).body.string
                #expect(english.contains("The report was returned:") && english.contains("Save draft"))
                let list = try await app.get("/reports", as: .unitReporter).body.string
                #expect(list.contains("Bị trả lại"))
                let history = try await app.get("/reports/\(id)/values/CT01", as: .coordinator)
                #expect(history.status == .ok && history.body.string.contains("Lịch sử số liệu"))
            }
        }
    }
}
