import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    /// Thủ trưởng đơn vị: in a unit with an active head, the reporter's submission awaits his signature; he signs and
    /// sends it (its submission for the deadline) or returns it with a reason. He reads only his own unit.
    @Suite("Unit head signs") struct UnitHeadTests {
        /// A draft of MAU-BVDK-A (the head's and the reporter's unit) and one of MAU-BVDK-B, in an open cycle due in 30 days;
        /// the head exists when `withHead`.
        static func world(_ app: Application, withHead: Bool = true) async throws -> (a: UUID, b: UUID, cycle: UUID) {
            if withHead { _ = try await app.session(.unitHead) }
            let (a, report) = try await ReportTests.draft(app)
            let b = ReportRecord(cycleID: report.$cycle.id, organisationCode: "MAU-BVDK-B")
            try await b.create(on: app.db)
            return (a, try b.requireID(), report.$cycle.id)
        }

        static func submitAll(_ api: ReportAPI, _ id: UUID, as role: Role = .unitReporter, organisation: String? = nil) async throws -> TestingHTTPResponse {
            let report = try await api.report(id)
            return try await api.save(id, version: report.report.version, values: ReportAPI.allValues(report), as: role, organisation: organisation, submit: true)
        }

        static func statistics(_ api: ReportAPI, cycle: UUID) async throws -> CycleDTO.Statistics {
            try await api.call(.GET, "/api/v1/cycles/\(cycle)", as: .coordinator).content.decode(CycleDTO.self).statistics
        }

        @Test("the reporter's submission awaits the head; the Department counts it as not submitted and cannot act on it; the head's signature submits it")
        func signs() async throws {
            try await withApp { app in
                // setup
                let api = ReportAPI(app: app)
                let (a, _, cycle) = try await Self.world(app)
                // act: the reporter submits
                let sent = try await Self.submitAll(api, a)
                // validate: with the head, not with the Department
                #expect(sent.status == .ok, "\(sent.body.string)")
                let waiting = try await api.report(a)
                #expect(waiting.report.state == "awaitingHead" && waiting.report.submittedAt == nil && !waiting.report.late)
                let before = try await Self.statistics(api, cycle: cycle)
                #expect((before.submitted, before.missing, before.completeness) == (0, 2, 0))
                let followUp = try await api.call(.GET, "/api/v1/cycles/\(cycle)/follow-up", as: .coordinator).content.decode(FollowUpDTO.self)
                #expect(followUp.pending.first { $0.organisation == "MAU-BVDK-A" }?.state == "awaitingHead")
                let page = try await app.get("/cycles/\(cycle)/follow-up", as: .coordinator).body.string
                #expect(page.contains("Chờ thủ trưởng ký"))
                #expect(try await api.call(.POST, "/api/v1/reports/\(a)/approve", as: .coordinator).status == .conflict)
                #expect(try await api.call(.POST, "/api/v1/reports/\(a)/return", as: .coordinator, json: #"{"reason":"Thiếu số liệu"}"#).status == .conflict)
                #expect(try await api.call(.POST, "/api/v1/reports/\(a)/return", as: .leadOffice, json: #"{"reason":"Thiếu số liệu"}"#).status == .conflict)
                let notices = try await api.call(.GET, "/api/v1/notifications", as: .unitHead).body.string
                #expect(notices.contains("chờ thủ trưởng ký"), "\(notices)")

                // act: the head signs
                let signed = try await api.call(.POST, "/api/v1/reports/\(a)/sign", as: .unitHead, json: #"{"version":\#(waiting.report.version)}"#)
                // validate: now submitted, at the moment of signing, by whom
                #expect(signed.status == .ok, "\(signed.body.string)")
                let dto = try signed.content.decode(ReportDTO.self)
                #expect(dto.report.state == "submitted" && dto.report.submittedAt != nil && dto.report.signedBy == "unithead-mau-bvdk-a@test.chitieu.local")
                #expect(dto.report.signedAt == dto.report.submittedAt)
                #expect(dto.events.map(\.action) == ["submit", "sign"] && dto.events.map(\.to) == ["awaitingHead", "submitted"])
                let after = try await Self.statistics(api, cycle: cycle)
                #expect((after.submitted, after.missing, after.late) == (1, 1, 0))
                let log = try await AuditEntryRecord.query(on: app.db).filter(\.$entity == "report").filter(\.$entityID ~~ ["MAU-BVDK-A/\(dto.report.period)"]).all()
                #expect(log.contains { $0.field == "state" && $0.oldValue == "awaitingHead" && $0.newValue == "submitted" && $0.actor == "unithead-mau-bvdk-a@test.chitieu.local" })
                #expect(log.contains { $0.field == "signedBy" && $0.newValue == "unithead-mau-bvdk-a@test.chitieu.local" })
                #expect(try await api.call(.POST, "/api/v1/reports/\(a)/approve", as: .coordinator).status == .ok)
                #expect(try await api.call(.POST, "/api/v1/reports/\(a)/sign", as: .unitHead).status == .conflict, "nothing left to sign")
            }
        }

        @Test("the head returns the report to the reporter with a required reason; the reporter sees it, edits and sends it to him again")
        func returns() async throws {
            try await withApp { app in
                // setup
                let api = ReportAPI(app: app)
                let (a, _, _) = try await Self.world(app)
                _ = try await Self.submitAll(api, a)
                // act
                let noReason = try await api.call(.POST, "/api/v1/reports/\(a)/return", as: .unitHead, json: #"{"reason":" "}"#)
                let returned = try await api.call(.POST, "/api/v1/reports/\(a)/return", as: .unitHead, json: #"{"reason":"CT05: thiếu đề tài cấp cơ sở"}"#)
                // validate
                #expect(noReason.status == .badRequest && noReason.body.string.contains("Cần ghi lý do"))
                #expect(returned.status == .ok, "\(returned.body.string)")
                let seen = try await api.report(a, as: .unitReporter)
                #expect(seen.report.state == "returned" && seen.returnReason == "CT05: thiếu đề tài cấp cơ sở" && seen.report.submittedAt == nil)
                let notices = try await api.call(.GET, "/api/v1/notifications", as: .unitReporter).body.string
                #expect(notices.contains("Thủ trưởng đơn vị trả lại báo cáo") && notices.contains("thiếu đề tài cấp cơ sở"))
                let page = try await app.get("/reports/\(a)", as: .unitReporter).body.string
                #expect(page.contains("CT05: thiếu đề tài cấp cơ sở") && page.contains(#"id="submit-report""#) && page.contains("Gửi thủ trưởng đơn vị ký"))
                let again = try await api.save(a, version: seen.report.version, values: #""CT05":{"amount":5}"#, submit: true)
                let resent = try await api.report(a)
                #expect(again.status == .ok && resent.report.state == "awaitingHead")
            }
        }

        @Test("the head reads his own unit only: another unit's report, its values, its dashboard and any list are closed to him; he enters no values")
        func ownUnitOnly() async throws {
            try await withApp { app in
                // setup
                let api = ReportAPI(app: app)
                let (a, b, _) = try await Self.world(app)
                _ = try await Self.submitAll(api, b, organisation: "MAU-BVDK-B")
                // act + validate: reads
                #expect(try await api.call(.GET, "/api/v1/reports/\(a)", as: .unitHead).status == .ok)
                #expect(try await api.call(.GET, "/api/v1/reports/\(b)", as: .unitHead).status == .forbidden)
                #expect(try await app.get("/reports/\(b)", as: .unitHead).status == .forbidden)
                #expect(try await app.get("/reports/\(b)/values/CT01", as: .unitHead).status == .forbidden)
                #expect(try await api.call(.GET, "/api/v1/reports/\(b)/values/CT01/history", as: .unitHead).status == .forbidden)
                #expect(try await app.get("/reports/\(a)/values/CT01", as: .unitHead).status == .ok)
                let list = try await api.call(.GET, "/api/v1/reports", as: .unitHead).content.decode([WireReport.Summary].self)
                #expect(Set(list.map(\.organisation)) == ["MAU-BVDK-A"])
                #expect(try await app.get("/dashboard/units/MAU-BVDK-A?period=2026NovS2", as: .unitHead).status == .ok)
                #expect(try await app.get("/dashboard/units/MAU-BVDK-B?period=2026NovS2", as: .unitHead).status == .forbidden)
                #expect(try await app.get("/api/v1/evaluation?period=2026NovS2&org=MAU-BVDK-B", as: .unitHead).status == .forbidden)
                #expect(try await api.call(.GET, "/api/v1/cycles/\(try await ReportRecord.find(a, on: app.db)!.$cycle.id)/follow-up", as: .unitHead).status == .forbidden)
                // writes: no values, no signing another unit's report
                #expect(try await api.save(a, version: 1, values: #""CT05":{"amount":9}"#, as: .unitHead).status == .forbidden)
                #expect(try await api.call(.POST, "/api/v1/reports/\(b)/sign", as: .unitHead).status == .forbidden)
                #expect(try await api.call(.POST, "/api/v1/reports/\(b)/return", as: .unitHead, json: #"{"reason":"x"}"#).status == .forbidden)
                let page = try await app.get("/reports/\(a)", as: .unitHead).body.string
                #expect(!page.contains(#"id="submit-report""#) && !page.contains(#"id="save-draft""#) && page.contains("readonly"))
            }
        }

        @Test("a unit without an active head sends directly to the Department, as before", arguments: [false, true])
        func noHead(deactivatedHead: Bool) async throws {
            try await withApp { app in
                // setup: no head at all, or one who no longer works
                let api = ReportAPI(app: app)
                let (a, _, _) = try await Self.world(app, withHead: deactivatedHead)
                if deactivatedHead {
                    let head = try #require(try await UserRecord.query(on: app.db).filter(\.$role == Role.unitHead.rawValue).first())
                    head.isActive = false
                    try await head.save(on: app.db)
                }
                // act
                let sent = try await Self.submitAll(api, a)
                // validate
                #expect(sent.status == .ok)
                let report = try await api.report(a)
                #expect(report.report.state == "submitted" && report.report.submittedAt != nil)
                #expect(try await app.get("/reports/\(a)", as: .unitReporter).body.string.contains("Đã gửi"))
            }
        }

        @Test("on the page the head sees his two buttons, signs or returns with a reason; the reporter and the coordinator do not see them")
        func pages() async throws {
            try await withApp { app in
                // setup
                let api = ReportAPI(app: app)
                let (a, _, _) = try await Self.world(app)
                let draftPage = try await app.get("/reports/\(a)", as: .unitReporter).body.string
                #expect(draftPage.contains("Gửi thủ trưởng đơn vị ký"))
                _ = try await Self.submitAll(api, a)
                // validate what each sees
                let head = try await app.get("/reports/\(a)", as: .unitHead).body.string
                #expect(head.contains("Chờ thủ trưởng ký") && head.contains(#"id="sign""#) && head.contains("Ký và gửi Sở Y tế"))
                #expect(head.contains(#"id="head-return""#) && head.contains("Trả lại cho người báo cáo") && !head.contains(#"id="approve""#))
                let coordinator = try await app.get("/reports/\(a)", as: .coordinator).body.string
                #expect(coordinator.contains("Chờ thủ trưởng ký") && !coordinator.contains(#"id="approve""#) && !coordinator.contains(#"id="sign""#))
                let reporter = try await app.get("/reports/\(a)", as: .unitReporter).body.string
                #expect(!reporter.contains(#"id="sign""#))
                // act: a return without a reason is refused on the page, then the head signs
                let bare = try await ReportPageTests.post(app, "/reports/\(a)/sign", [("decision", "return"), ("reason", "")], as: .unitHead)
                let signed = try await ReportPageTests.post(app, "/reports/\(a)/sign", [("decision", "sign")], as: .unitHead)
                // validate
                #expect(bare.status == .badRequest && bare.body.string.contains("Cần ghi lý do"))
                #expect(signed.status == .seeOther && signed.headers.first(name: .location) == "/reports/\(a)?saved=signed")
                let shown = try await app.get("/reports/\(a)?saved=signed", as: .unitHead).body.string
                #expect(shown.contains("Đã ký và gửi Sở Y tế.") && shown.contains("Thủ trưởng ký: unithead-mau-bvdk-a@test.chitieu.local"))
                #expect(try await api.report(a).report.state == "submitted")
                #expect(try await app.get("/reports/\(a)", as: .coordinator).body.string.contains(#"id="approve""#))
            }
        }

        @Test("a report awaiting the head is still 'not submitted' for reminders, and its reminder goes to the head, not the reporter")
        func reminder() async throws {
            try await withApp { app in
                // setup
                let mailer = RecordingMailer()
                app.mailer = mailer
                let api = ReportAPI(app: app)
                let (a, _, cycleID) = try await Self.world(app)
                _ = try await Self.submitAll(api, a)
                let cycle = try #require(try await CycleRecord.find(cycleID, on: app.db))
                // act
                let outcome = try await Reminders.send(cycle, to: ["MAU-BVDK-A"], automatic: false, by: .commandLine, app: app, on: app.db)
                // validate
                #expect(try await Reminders.pending(cycle, on: app.db).map(\.organisationCode).contains("MAU-BVDK-A"))
                #expect(outcome.recipients == 1 && mailer.mails.map(\.to) == ["unithead-mau-bvdk-a@test.chitieu.local"])
                #expect(mailer.mails.first?.subject.contains("hạn nộp trước ngày") == true)
            }
        }
    }
}
