import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("A form that guides") struct ReportFormGuideTests {
        /// The part of the page for one indicator.
        static func fieldset(_ html: String, _ code: String) throws -> String {
            let anchor = try #require(html.range(of: #" id="\#(code)">"#))
            let start = try #require(html.range(of: "<fieldset", options: .backwards, range: html.startIndex..<anchor.lowerBound))
            let end = try #require(html.range(of: "</fieldset>", range: anchor.upperBound..<html.endIndex))
            return String(html[start.lowerBound..<end.upperBound])
        }

        @Test("a unit sees its own target, the sector's only as context; a count's sector total is never the unit's target")
        func ownTargetAndContext() async throws {
            try await withApp { app in
                // setup
                let (id, _) = try await ReportTests.draft(app)
                let plan = try await ReportFixtures.planCode(on: app.db)
                let own = UnitTargetRecord()
                own.planCode = plan; own.organisationCode = "MAU-BVDK-A"; own.indicatorCode = "CT05"; own.year = 2045; own.text = "≥ 3"; own.updatedBy = "test"
                try await own.create(on: app.db)
                // act
                let html = try await app.get("/reports/\(id)", as: .unitReporter).body.string
                // validate
                let ct06 = try Self.fieldset(html, "CT06")
                #expect(ct06.contains("Đơn vị chưa đặt chỉ tiêu riêng") && ct06.contains("Chỉ tiêu toàn ngành (tổng các đơn vị): ≥ 800 (tham khảo)"))
                #expect(!ct06.contains("Chỉ tiêu năm"), "the sector's 800 researchers are not the hospital's target")
                #expect(ct06.contains(#"href="/unit-plans/MAU-BVDK-A""#))
                let ct05 = try Self.fieldset(html, "CT05")
                #expect(ct05.contains(#"Chỉ tiêu của đơn vị năm 2"#) && ct05.contains(": ≥ 3 (theo kế hoạch của đơn vị)"))
                let ct15 = try Self.fieldset(html, "CT15")
                #expect(ct15.contains("Mong đợi ở đơn vị: Có"))
                #expect(ct15.contains(#"role="radiogroup" aria-labelledby="CT15-legend""#))
                let ct01 = try Self.fieldset(html, "CT01")
                #expect(ct01.contains(": 100 (chỉ tiêu ngành áp dụng cho đơn vị"))
                #expect(ct01.contains("Tử số: cán bộ, công chức cấp tỉnh được bồi dưỡng kỹ năng số cơ bản") && ct01.contains("Mẫu số: cán bộ, công chức cấp tỉnh"))
                #expect(ct01.contains("Cách hiểu chỉ tiêu"))
                #expect(ct01.contains(#"<label for="CT01-numerator">Tử số</label><input id="CT01-numerator""#))
            }
        }

        @Test("a refused submission keeps what was typed as a draft, lists the problems at the top with links and focuses the first")
        func refusedSubmissionKeepsDraft() async throws {
            try await withApp { app in
                // setup
                let (id, _) = try await ReportTests.draft(app)
                // act
                let refused = try await ReportPageTests.post(app, "/reports/\(id)", [("version", "1"), ("intent", "submit"),
                    ("values[CT01][numerator]", "12"), ("values[CT01][denominator]", "20"), ("values[CT06][amount]", "7"), ("results", "Đã làm")], as: .unitReporter)
                // validate
                #expect(refused.status == .badRequest)
                let html = refused.body.string
                #expect(html.contains("Những gì bạn đã nhập đã được lưu nháp"))
                let stored = try await ReportValueRecord.query(on: app.db).filter(\.$report.$id == id).all()
                #expect(Set(stored.map(\.indicatorCode)) == ["CT01", "CT06"])
                let report = try #require(try await ReportRecord.find(id, on: app.db))
                #expect(report.state == "draft" && report.results == "Đã làm" && report.version == 2)
                #expect(html.contains(#"<div class="error-summary" id="problems""#))
                #expect(html.contains(##"<a href="#CT02-numerator">CT02 "##), "each problem links to its field")
                #expect(html.contains(#"id="CT02-numerator" name="values[CT02][numerator]" value="" inputmode="numeric" aria-invalid="true" aria-describedby="CT02-problems" autofocus>"#))
                #expect(html.components(separatedBy: " autofocus").count == 2, "one field takes the focus")
                #expect(html.contains(#"<div id="CT02-problems"><p class="field-error">"#))
                #expect(try !Self.fieldset(html, "CT01").contains("aria-invalid"))
                #expect(html.contains(#"name="version" value="2""#), "the page continues from the saved draft")
            }
        }

        @Test("a value that cannot even be a draft is not saved, and the page says so")
        func refusedDraft() async throws {
            try await withApp { app in
                // setup
                let (id, _) = try await ReportTests.draft(app)
                // act
                let refused = try await ReportPageTests.post(app, "/reports/\(id)", [("version", "1"), ("intent", "submit"),
                    ("values[CT01][numerator]", "30"), ("values[CT01][denominator]", "20")], as: .unitReporter)
                // validate
                #expect(refused.status == .badRequest)
                #expect(refused.body.string.contains("số liệu chưa được lưu"))
                #expect(try await ReportValueRecord.query(on: app.db).count() == 0)
            }
        }

        @Test("after submitting the page says it was sent and the fields are read-only")
        func submitted() async throws {
            try await withApp { app in
                // setup
                let report = try await ReportFixtures.report("MAU-BVDK-A", .draft, filled: true, on: app.db)
                let id = try report.requireID()
                // act
                let sent = try await ReportPageTests.post(app, "/reports/\(id)", [("version", "1"), ("intent", "submit")], as: .unitReporter)
                let page = try await app.get(try #require(sent.headers.first(name: .location)), as: .unitReporter).body.string
                // validate
                #expect(sent.headers.first(name: .location) == "/reports/\(id)?saved=submitted")
                #expect(page.contains("Đã gửi báo cáo."))
                #expect(page.contains(#"id="CT01-numerator" name="values[CT01][numerator]" value="40" inputmode="numeric" readonly>"#))
                #expect(!page.contains(#"id="submit-report""#))
            }
        }
    }
}
