import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Unit reports") struct ReportTests {
        /// An open cycle (due in the future unless said) with a draft report for MAU-BVDK-A.
        static func draft(_ app: Application, due: Day? = nil) async throws -> (UUID, ReportRecord) {
            let cycle = try await ReportFixtures.cycle(.open, due: due ?? Day(Date()).adding(days: 30), on: app.db)
            let report = ReportRecord(cycleID: try cycle.requireID(), organisationCode: "MAU-BVDK-A")
            try await report.create(on: app.db)
            return (try report.requireID(), report)
        }

        @Test("a draft saves whatever is valid, raises the version and logs each changed field with old and new")
        func saveDraft() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                let (id, _) = try await Self.draft(app)
                // act
                let res = try await api.save(id, version: 1, values: #""CT01":{"numerator":120,"denominator":1250,"comment":"Số liệu quý"},"CT05":{"amount":3}"#)
                // validate
                #expect(res.status == .ok, "\(res.body.string)")
                let report = try await api.report(id)
                #expect(report.report.version == 2 && report.report.state == "draft")
                #expect(report.value("CT01")?.percent == 9.6 && report.value("CT05")?.amount == 3)
                let log = try await AuditEntryRecord.query(on: app.db).filter(\.$entity == "value").all()
                #expect(Set(log.map { "\($0.entityID.split(separator: "/").last!) \($0.field) \($0.newValue ?? "-")" })
                        == ["CT01 numerator 120", "CT01 denominator 1250", "CT01 comment Số liệu quý", "CT05 value 3"])
                let history = try await api.call(.GET, "/api/v1/reports/\(id)/values/CT01/history", as: .unitReporter)
                #expect(history.status == .ok && history.body.string.contains("1250"))
            }
        }

        @Test("every invalid value is refused with its indicator named, and nothing is saved", arguments: [
            (#""CT05":{"amount":-1}"#, "số âm"), (#""CT05":{"amount":2.5}"#, "số nguyên"),
            (#""CT01":{"numerator":11,"denominator":10}"#, "Tử số không được lớn hơn mẫu số"),
            (#""CT01":{"numerator":0,"denominator":0}"#, "khi có ghi chú giải thích"), (#""CT01":{"numerator":2,"denominator":0}"#, "Mẫu số phải lớn hơn 0"), (#""CT01":{"numerator":3}"#, "cả tử số và mẫu số"),
            (#""CT01":{"numerator":1.5,"denominator":10}"#, "số nguyên"), (#""CT10":{"level":"Rất tốt"}"#, "Rất tốt"),
            (#""CT05":{"answer":true}"#, "không đúng dạng"), (#""CT99":{"amount":1}"#, "CT99"),
            (#""CT17":{"numerator":1,"denominator":2}"#, "CT17"),
        ])
        func invalidValues(values: String, message: String) async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                let (id, _) = try await Self.draft(app)
                _ = try await api.save(id, version: 1, values: #""CT06":{"amount":7}"#)
                let res = try await api.save(id, version: 2, values: values + #","CT06":{"amount":8}"#)
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains(message), "\(res.body.string)")
                let report = try await api.report(id)
                #expect(report.report.version == 2 && report.value("CT06")?.amount == 7, "nothing of a refused save lands")
            }
        }

        @Test("submitting needs every value; then it is submitted, on time, and can no longer be edited by the unit")
        func submit() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                let (id, _) = try await Self.draft(app)
                let incomplete = try await api.save(id, version: 1, values: #""CT05":{"amount":3}"#, submit: true)
                #expect(incomplete.status == .badRequest && incomplete.body.string.contains("Cần nhập số liệu trước khi gửi"))
                #expect(try await api.report(id).report.state == "draft")
                let all = ReportAPI.allValues(try await api.report(id))
                let sent = try await api.save(id, version: 1, values: all, submit: true)
                #expect(sent.status == .ok, "\(sent.body.string)")
                let report = try await api.report(id)
                #expect(report.report.state == "submitted" && report.report.submittedAt != nil && !report.report.late)
                // out of order: editing a submitted report, approving twice, returning without a reason
                #expect(try await api.save(id, version: 2, values: #""CT05":{"amount":4}"#).status == .conflict)
                #expect(try await api.call(.POST, "/api/v1/reports/\(id)/return", as: .coordinator, json: #"{"reason":"  "}"#).status == .badRequest)
                #expect(try await api.call(.POST, "/api/v1/reports/\(id)/approve", as: .coordinator).status == .ok)
                #expect(try await api.call(.POST, "/api/v1/reports/\(id)/approve", as: .coordinator).status == .conflict)
            }
        }

        @Test("0/0 with a comment is saved and submitted, reads — on the form, and adds nothing to the sums")
        func zeroOverZero() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                let (id, _) = try await Self.draft(app)
                let all = ReportAPI.allValues(try await api.report(id))
                    .replacingOccurrences(of: #""CT01":{"numerator":40,"denominator":50}"#, with: #""CT01":{"numerator":0,"denominator":0,"comment":"Không có công chức cấp tỉnh"}"#)
                #expect(all.contains(#""numerator":0,"denominator":0"#))
                let sent = try await api.save(id, version: 1, values: all, submit: true)
                #expect(sent.status == .ok, "\(sent.body.string)")
                let report = try await api.report(id)
                #expect(report.report.state == "submitted" && report.value("CT01")?.percent == nil)
                let page = try await app.get("/reports/\(id)", as: .coordinator).body.string
                #expect(page.contains("Không có công chức cấp tỉnh"))
            }
        }

        @Test("a report sent after the due day is late and still accepted; completeness and timeliness count it")
        func late() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                let (id, report) = try await Self.draft(app, due: Day(Date()).adding(days: -2))
                let other = ReportRecord(cycleID: report.$cycle.id, organisationCode: "MAU-BVDK-B")
                try await other.create(on: app.db)
                let sent = try await api.save(id, version: 1, values: ReportAPI.allValues(try await api.report(id)), submit: true)
                #expect(sent.status == .ok)
                #expect(try await api.report(id).report.late)
                let cycle = try await api.call(.GET, "/api/v1/cycles/\(report.$cycle.id)", as: .coordinator).content.decode(CycleDTO.self)
                let s = try #require(cycle.statistics)
                #expect((s.expected, s.submitted, s.late, s.missing, s.completeness, s.timeliness) == (2, 1, 1, 1, 50, 0))
            }
        }

        @Test("draft → submitted → returned with a reason the unit sees → resubmitted → approved, each step kept with who and when")
        func returnAndApprove() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                let (id, _) = try await Self.draft(app)
                let all = ReportAPI.allValues(try await api.report(id))
                _ = try await api.save(id, version: 1, values: all, submit: true)
                // a lead office may return (it leads CT01 of this report) but not approve
                #expect(try await api.call(.POST, "/api/v1/reports/\(id)/approve", as: .leadOffice).status == .forbidden)
                let returned = try await api.call(.POST, "/api/v1/reports/\(id)/return", as: .leadOffice, json: #"{"reason":"CT01: mẫu số chưa đúng"}"#)
                #expect(returned.status == .ok)
                let seen = try await api.report(id, as: .unitReporter)
                #expect(seen.report.state == "returned" && seen.returnReason == "CT01: mẫu số chưa đúng")
                let notices = try await api.call(.GET, "/api/v1/notifications", as: .unitReporter).body.string
                #expect(notices.contains("bị trả lại") && notices.contains("mẫu số chưa đúng"))
                let again = try await api.save(id, version: seen.report.version, values: #""CT01":{"numerator":45,"denominator":50}"#, submit: true)
                #expect(again.status == .ok, "\(again.body.string)")
                #expect(try await api.call(.POST, "/api/v1/reports/\(id)/approve", as: .coordinator).status == .ok)
                let events = try await ReportEventRecord.query(on: app.db).filter(\.$report.$id == id).sort(\.$at).all()
                #expect(events.map(\.action) == ["submit", "return", "submit", "approve"])
                #expect(events.allSatisfy { !$0.actor.isEmpty })
                let states = try await AuditEntryRecord.query(on: app.db).filter(\.$entity == "report").filter(\.$field == "state").sort(\.$sequence).all()
                #expect(states.map { $0.newValue ?? "" } == ["submitted", "returned", "submitted", "approved"])
                #expect(states[1].reason == "CT01: mẫu số chưa đúng")
            }
        }

        @Test("two people saving the same version: the second gets a conflict and the first one's values stay")
        func concurrentEdits() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                let (id, _) = try await Self.draft(app)
                let colleague = try await app.session(.unitReporter, person: "colleague")
                #expect(try await api.save(id, version: 1, values: #""CT05":{"amount":3}"#).status == .ok)
                var headers = colleague
                headers.add(name: "X-CSRF-Token", value: try await csrfToken(of: colleague, app: app))
                headers.contentType = .json
                let second = try await app.testing().sendRequest(.PUT, "/api/v1/reports/\(id)", headers: headers,
                                                                   body: ByteBuffer(string: #"{"version":1,"values":{"CT05":{"amount":9}}}"#))
                #expect(second.status == .conflict && second.body.string.contains("phiên bản 2"))
                #expect(try await api.report(id).value("CT05")?.amount == 3)
                // at the database level too: claiming a version twice fails the second time
                let report = try #require(try await ReportRecord.find(id, on: app.db))
                let stale = try #require(try await ReportRecord.find(id, on: app.db))
                try await Reports.claim(report, version: 2, on: app.db)
                await #expect(throws: ReportError.self) { try await Reports.claim(stale, version: 2, on: app.db) }
            }
        }

        @Test("object-level rules: another unit's report can be neither read nor written; leadership reads but never writes")
        func otherUnits() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                let (id, _) = try await Self.draft(app)
                let otherUnit = try await api.call(.GET, "/api/v1/reports/\(id)", as: .unitReporter, organisation: "MAU-BVDK-B")
                #expect(otherUnit.status == .forbidden)
                #expect(try await api.save(id, version: 1, values: #""CT05":{"amount":1}"#, organisation: "MAU-BVDK-B").status == .forbidden)
                #expect(try await api.save(id, version: 1, values: #""CT05":{"amount":1}"#, as: .leadership).status == .forbidden)
                #expect(try await api.call(.GET, "/api/v1/reports/\(id)", as: .leadership).status == .ok)
                let listed = try await api.call(.GET, "/api/v1/reports", as: .unitReporter, organisation: "MAU-BVDK-B").body.string
                #expect(listed == "[]")
                #expect(try await api.report(id).report.version == 1)
            }
        }

        @Test("the Department's report: a lead office enters the values of the indicators it leads, not another office's")
        func departmentReport() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                let cycle = try await ReportFixtures.cycle(.open, on: app.db)
                let report = ReportRecord(cycleID: try cycle.requireID(), organisationCode: "SYT")
                try await report.create(on: app.db)
                let id = try report.requireID()
                // BHYT leads CT03; VP leads CT17
                #expect(try await api.save(id, version: 1, values: #""CT03":{"numerator":8,"denominator":10}"#, as: .leadOffice).status == .ok)
                let other = try await api.save(id, version: 2, values: #""CT17":{"numerator":1,"denominator":2}"#, as: .leadOffice)
                #expect(other.status == .forbidden && other.body.string.contains("CT17"))
                #expect(try await api.save(id, version: 2, values: #""CT17":{"numerator":1,"denominator":2}"#, as: .leadOffice, organisation: "VP").status == .ok)
            }
        }

        @Test("a stock value that jumps needs a comment: a warning on a draft, an error on submission")
        func bigChange() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                let earlier = try await ReportFixtures.cycle(.closed, period: "2026NovS1", on: app.db)
                let previous = ReportRecord(cycleID: try earlier.requireID(), organisationCode: "MAU-BVDK-A")
                previous.state = ReportState.locked.rawValue
                try await previous.create(on: app.db)
                let old = ReportValueRecord(reportID: try previous.requireID(), indicatorCode: "CT01")
                old.set(ValueEntry(numerator: 10, denominator: 100))
                try await old.create(on: app.db)
                let cycle = try await ReportFixtures.cycle(.open, period: "2026NovS2", on: app.db)
                let report = ReportRecord(cycleID: try cycle.requireID(), organisationCode: "MAU-BVDK-A")
                try await report.create(on: app.db)
                let id = try report.requireID()
                let all = ReportAPI.allValues(try await api.report(id)).replacingOccurrences(of: #""CT01":{"numerator":40,"denominator":50}"#,
                                                                                             with: #""CT01":{"numerator":90,"denominator":100}"#)
                #expect(try await api.save(id, version: 1, values: all).status == .ok, "a draft saves with the warning")
                let refused = try await api.save(id, version: 2, values: "", submit: true)
                #expect(refused.status == .badRequest && refused.body.string.contains("Thay đổi lớn"), "\(refused.body.string)")
                let explained = try await api.save(id, version: 2, values: #""CT01":{"numerator":90,"denominator":100,"comment":"Đã đào tạo đợt lớn"}"#, submit: true)
                #expect(explained.status == .ok, "\(explained.body.string)")
                #expect(try await api.report(id).value("CT01").map { ($0.numerator, $0.comment) } ?? (nil, nil) == (90, "Đã đào tạo đợt lớn"))
            }
        }

        @Test("a closed cycle locks reports; reopening needs the coordinator and a reason; lead offices comment only on their indicators")
        func reopenAndReview() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                let submitted = try await ReportFixtures.report("MAU-BVDK-A", .submitted, on: app.db)
                let id = try submitted.requireID()
                #expect(try await api.call(.PUT, "/api/v1/reports/\(id)/values/CT01/review", as: .leadOffice, json: #"{"comment":"Kiểm tra lại mẫu số"}"#).status == .ok)
                #expect(try await api.report(id).value("CT01")?.reviewComment == "Kiểm tra lại mẫu số")
                #expect(try await api.call(.PUT, "/api/v1/reports/\(id)/values/CT05/review", as: .leadOffice, json: #"{"comment":"x"}"#).status == .forbidden)
                let locked = try await ReportFixtures.report("MAU-BVDK-A", .locked, on: app.db)
                let lockedID = try locked.requireID()
                #expect(try await api.save(lockedID, version: 1, values: #""CT05":{"amount":1}"#).status == .conflict)
                #expect(try await api.call(.POST, "/api/v1/reports/\(lockedID)/reopen", as: .coordinator, json: "{}").status == .badRequest)
                #expect(try await api.call(.POST, "/api/v1/reports/\(lockedID)/reopen", as: .admin, json: #"{"reason":"x"}"#).status == .forbidden)
                #expect(try await api.call(.POST, "/api/v1/reports/\(lockedID)/reopen", as: .coordinator, json: #"{"reason":"Sai số liệu CT05"}"#).status == .ok)
                let reopened = try await api.report(lockedID, as: .unitReporter)
                #expect(reopened.report.state == "returned" && reopened.returnReason == "Sai số liệu CT05")
                #expect(try await api.save(lockedID, version: reopened.report.version, values: #""CT05":{"amount":5}"#).status == .ok)
            }
        }
    }
}
