import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("The public progress page") struct PublicPageTests {
        /// One approved report (BVDK-A, CT06 = 7) and one submitted (BVDK-B, CT06 = 900) in the same open cycle.
        static func figures(_ app: Application) async throws {
            let cycle = try await ReportFixtures.cycle(.open, on: app.db)
            for (code, state, amount) in [("MAU-BVDK-A", ReportState.approved, 7.0), ("MAU-BVDK-B", .submitted, 900)] {
                let report = ReportRecord(cycleID: try cycle.requireID(), organisationCode: code)
                report.state = state.rawValue
                report.submittedAt = Date()
                try await report.create(on: app.db)
                let value = ReportValueRecord(reportID: try report.requireID(), indicatorCode: "CT06")
                value.set(ValueEntry(amount: amount))
                try await value.create(on: app.db)
            }
        }

        @Test("anyone reads it without signing in: approved sector figures only, cacheable, with an ETag")
        func anonymous() async throws {
            try await withApp { app in
                // setup
                try await Self.figures(app)
                // act
                let page = try await app.get("/public", as: nil)
                // validate
                #expect(page.status == .ok)
                let html = page.body.string
                #expect(html.contains(#"<html lang="vi">"#) && html.contains("<h1>Tiến độ thực hiện Kế hoạch</h1>"))
                #expect(html.contains(#"<tr id="row-CT06">"#))
                let row = String(html[html.range(of: #"<tr id="row-CT06">"#)!.lowerBound...].prefix(700))
                #expect(row.contains("<strong>7</strong>"), "the approved value only")
                #expect(!html.contains("907") && !html.contains("900"), "a submitted value is not public")
                #expect(!html.contains("Bệnh viện Đa khoa tỉnh A"), "no unit-level figures by default")
                #expect(html.contains("<caption") && html.contains(#"scope="col""#))
                #expect(page.headers.first(name: .cacheControl) == "public, max-age=300")
                #expect(page.headers.first(name: .setCookie) == nil)
                let tag = try #require(page.headers.first(name: .eTag))
                let again = try await app.get("/public", as: nil, headers: ["If-None-Match": tag])
                #expect(again.status == .notModified)
                let english = try await app.get("/public?lang=en", as: nil).body.string
                #expect(english.contains(#"<html lang="en">"#) && english.contains("Progress of the plan"))
            }
        }

        @Test("a signed-in reader gets the same cacheable page, not no-store")
        func signedIn() async throws {
            try await withApp { app in
                let page = try await app.get("/public", as: .unitReporter)
                #expect(page.status == .ok && page.headers.first(name: .cacheControl) == "public, max-age=300")
            }
        }

        @Test("an administrator shows each unit's figures, or turns the page off (404); each change is logged")
        func settings() async throws {
            try await withApp { app in
                // setup
                try await Self.figures(app)
                // act
                let units = try await ReportPageTests.post(app, "/admin/public", [("enabled", "true"), ("showsUnits", "true")], as: .admin)
                let withUnits = try await app.get("/public", as: nil).body.string
                let off = try await ReportPageTests.post(app, "/admin/public", [("showsUnits", "true")], as: .admin)
                let gone = try await app.get("/public", as: nil)
                let refused = try await ReportPageTests.post(app, "/admin/public", [("enabled", "maybe")], as: .admin)
                let notAdmin = try await ReportPageTests.post(app, "/admin/public", [("enabled", "true")], as: .coordinator)
                // validate
                #expect(units.status == .seeOther && off.status == .seeOther)
                #expect(withUnits.contains("Bệnh viện Đa khoa tỉnh A (mẫu): <strong>7</strong>"))
                #expect(!withUnits.contains("Bệnh viện Đa khoa tỉnh B (mẫu): <strong>"), "a unit without an approved value shows nothing")
                #expect(gone.status == .notFound)
                #expect(refused.status == .badRequest && refused.body.string.contains("enabled"))
                #expect(notAdmin.status == .forbidden)
                let log = try await AuditEntryRecord.query(on: app.db).filter(\.$entity == "setting").sort(\.$sequence).all()
                #expect(log.map { "\($0.field) \($0.oldValue ?? "-")→\($0.newValue ?? "-")" } == ["public.showUnits false→true", "public.enabled true→false"])
            }
        }
    }

    @Suite("Help, filters on the other lists, audit in words, reminders and downloads that keep typed text") struct JourneySmallThingsTests {
        @Test("help: a page per role for everyone, linked from every page's header")
        func help() async throws {
            try await withApp { app in
                let index = try await app.get("/help", as: nil)
                let coordinator = try await app.get("/help/coordinator", as: nil).body.string
                let english = try await app.get("/help/unitReporter?lang=en", as: nil).body.string
                let missing = try await app.get("/help/nobody", as: nil)
                let header = try await app.get("/reports", as: .unitReporter).body.string
                #expect(index.status == .ok && index.body.string.contains(#"href="/help/unitReporter""#))
                #expect(coordinator.contains("Báo cáo chờ duyệt"))
                #expect(english.contains("The Excel template"))
                #expect(missing.status == .notFound)
                #expect(header.contains(#"<a href="/help">Hướng dẫn</a>"#))
                let login = try await app.get("/login", as: nil).body.string
                #expect(login.contains(#"href="/public""#))
            }
        }

        @Test("the change log reads in words, dates as dd/mm/yyyy; an empty filter is any; a wrong one names the parameter")
        func audit() async throws {
            try await withApp { app in
                let page = try await app.get("/audit?entity=&entityId=&limit=", as: .coordinator)
                let html = page.body.string
                #expect(page.status == .ok && html.contains("<td>Chỉ tiêu</td>") && !html.contains("<td>indicator</td>"))
                #expect(html.contains(#"<option value="indicator">Chỉ tiêu</option>"#))
                let wrong = try await app.get("/audit?entity=bogus", as: .coordinator)
                #expect(wrong.status == .badRequest && wrong.body.string.contains("Tham số entity=bogus"))
                #expect(AuditPage.readable("2026-06-01", .vietnamese) == "01/06/2026")
                #expect(AuditPage.readable("2026-06-01T03:00:00Z", .vietnamese) == "01/06/2026 10:00")
                #expect(AuditPage.readable("2026NovS1", .vietnamese) == "2026NovS1")
            }
        }

        @Test("users and organisations filter; empty means any")
        func otherLists() async throws {
            try await withApp { app in
                _ = try await app.session(.coordinator)
                let all = try await app.get("/admin/users?role=&organisation=", as: .admin).body.string
                let coordinators = try await app.get("/admin/users?role=coordinator", as: .admin).body.string
                let wrong = try await app.get("/admin/users?role=boss", as: .admin)
                #expect(all.contains("coordinator-qlkcb@") && all.contains("admin-syt@"))
                #expect(coordinators.contains("coordinator-qlkcb@") && !coordinators.contains("admin-syt@"))
                #expect(wrong.status == .badRequest && wrong.body.string.contains("Tham số role=boss"))
                let offices = try await app.get("/organisations?kind=office", as: .unitReporter).body.string
                let any = try await app.get("/organisations?kind=", as: .unitReporter).body.string
                #expect(offices.contains(#"<td class="code">QLKCB</td>"#) && !offices.contains(#"<td class="code">MAU-BVDK-A</td>"#))
                #expect(any.contains(#"<td class="code">MAU-BVDK-A</td>"#))
            }
        }

        @Test("reminding from the page redirects (post, redirect, get) and names the units no account receives")
        func reminders() async throws {
            try await withApp { app in
                // setup
                let cycle = try await ReportFixtures.cycle(.open, on: app.db)
                for code in ["MAU-BVDK-A", "MAU-BVSN"] { try await ReportRecord(cycleID: try cycle.requireID(), organisationCode: code).create(on: app.db) }
                _ = try await app.session(.unitReporter)   // an account at MAU-BVDK-A; none at MAU-BVSN
                // act
                let sent = try await ReportPageTests.post(app, "/cycles/\(try cycle.requireID())/reminders", [], as: .coordinator)
                let location = try #require(sent.headers.first(name: .location))
                let page = try await app.get(location, as: .coordinator).body.string
                // validate
                let id = try cycle.requireID()
                #expect(sent.status == .seeOther && location.hasPrefix("/cycles/\(id)/follow-up?sent=2&people=1&unreached=MAU-BVSN"), "\(location)")
                #expect(page.contains("Đã nhắc 2 đơn vị (1 người nhận thông báo)."))
                #expect(page.contains("Chưa có tài khoản nào để nhận nhắc ở: Bệnh viện Sản - Nhi (mẫu)."))
            }
        }

        @Test("a download from the summary report page saves what was typed first, then makes the document")
        func saveThenDownload() async throws {
            try await withApp { app in
                // setup
                let cycle = try await ReportFixtures.cycle(.open, on: app.db)
                let fields: [(String, String)] = [("number", "12/BC-SYT"), ("date", "01/12/2026"), ("results", "Văn bản đang soạn"), ("shortcomings", ""),
                                                  ("proposals", ""), ("signerMandate", "KT. GIÁM ĐỐC"), ("signerTitle", "PHÓ GIÁM ĐỐC"), ("signerName", ""), ("recipients", "")]
                // act
                let saved = try await ReportPageTests.post(app, "/summary-report?period=\(cycle.periodCode)", fields + [("then", "docx")], as: .coordinator)
                let wrong = try await ReportPageTests.post(app, "/summary-report?period=\(cycle.periodCode)", fields + [("then", "pdf")], as: .coordinator)
                // validate
                #expect(saved.status == .seeOther && saved.headers.first(name: .location) == "/api/v1/evaluation/report.docx?period=\(cycle.periodCode)")
                #expect(try await SummaryReportRecord.query(on: app.db).first()?.results == "Văn bản đang soạn")
                #expect(wrong.status == .badRequest)
                let page = try await app.get("/summary-report?period=\(cycle.periodCode)", as: .coordinator).body.string
                #expect(page.contains(#"<button type="submit" form="summary-form" name="then" value="docx""#))
            }
        }
    }
}
