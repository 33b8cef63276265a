import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Directives of the Ban Chỉ đạo") struct DirectiveTests {
        struct WireDirective: Decodable {
            struct Reply: Decodable { let organisation, author, authorName, text: String; let at: Date }
            let id: UUID
            let subjectKind, subjectCode, text, status: String
            let addressees, pending: [String]
            let due: String?
            let overdue: Bool
            let closingNote: String?
            let replies: [Reply]
        }

        static func call(_ app: Application, _ method: HTTPMethod, _ path: String, as role: Role, organisation: String? = nil,
                         json: String? = nil) async throws -> TestingHTTPResponse {
            try await ReportAPI(app: app).call(method, path, as: role, organisation: organisation, json: json)
        }

        @Test("leadership sends one about a unit; the unit's staff are told and reply; it is answered, closed with a note, reopened; everything logged")
        func lifecycle() async throws {
            try await withApp { app in
                // setup
                let mailer = RecordingMailer()
                app.mailer = mailer
                _ = try await app.session(.unitReporter)                                   // MAU-BVDK-A
                _ = try await app.session(.unitReporter, organisation: "MAU-BVDK-B")
                // act
                let created = try await Self.call(app, .POST, "/api/v1/directives", as: .leadership,
                                                  json: #"{"organisation":"MAU-BVDK-A","text":"Khẩn trương triển khai bệnh án điện tử","due":"30/06/2026"}"#)
                let directive = try created.content.decode(WireDirective.self)
                let path = "/api/v1/directives/\(directive.id)"
                let otherUnitReads = try await Self.call(app, .GET, path, as: .unitReporter, organisation: "MAU-BVDK-B")
                let otherUnitList = try await Self.call(app, .GET, "/api/v1/directives", as: .unitReporter, organisation: "MAU-BVDK-B").content.decode([WireDirective].self)
                let leaderReplies = try await Self.call(app, .POST, path + "/replies", as: .leadership, json: #"{"text":"Thay"}"#)
                let emptyReply = try await Self.call(app, .POST, path + "/replies", as: .unitReporter, json: #"{"text":"  "}"#)
                let replied = try await Self.call(app, .POST, path + "/replies", as: .unitReporter, json: #"{"text":"Đã triển khai tại 3 khoa"}"#)
                let closeByCoordinator = try await Self.call(app, .POST, path + "/close", as: .coordinator, json: #"{"note":"Xong"}"#)
                let closeWithoutNote = try await Self.call(app, .POST, path + "/close", as: .leadership, json: #"{"note":""}"#)
                let closed = try await Self.call(app, .POST, path + "/close", as: .leadership, json: #"{"note":"Đã hoàn thành, tiếp tục theo dõi"}"#)
                let replyWhenClosed = try await Self.call(app, .POST, path + "/replies", as: .unitReporter, json: #"{"text":"Bổ sung"}"#)
                let reopened = try await Self.call(app, .POST, path + "/reopen", as: .leadership, json: #"{"reason":"Cần số liệu quý III"}"#)
                // validate
                #expect(created.status == .created)
                #expect(directive.addressees == ["MAU-BVDK-A"] && directive.status == "open" && directive.due == "30/06/2026" && directive.pending == ["MAU-BVDK-A"])
                let reporterA = try #require(try await UserRecord.query(on: app.db).filter(\.$organisationCode == "MAU-BVDK-A").first())
                let notices = try await NotificationRecord.query(on: app.db).filter(\.$kind == "directive").filter(\.$userID == reporterA.requireID()).all()
                #expect(notices.count == 1 && notices[0].textVietnamese.contains("Khẩn trương triển khai bệnh án điện tử") && notices[0].link == "/directives/\(directive.id)")
                #expect(mailer.mails.map(\.to) == [reporterA.email], "only the addressed unit's staff get the e-mail")
                #expect(otherUnitReads.status == .notFound && otherUnitList.isEmpty, "another unit neither reads nor lists it")
                #expect(leaderReplies.status == .forbidden)
                #expect(emptyReply.status == .badRequest && emptyReply.body.string.contains("«text»"))
                let answered = try replied.content.decode(WireDirective.self)
                #expect(answered.status == "answered" && answered.replies.map(\.text) == ["Đã triển khai tại 3 khoa"] && answered.pending.isEmpty)
                #expect(answered.replies.first?.author == reporterA.email && answered.replies.first?.organisation == "MAU-BVDK-A")
                #expect(closeByCoordinator.status == .forbidden)
                #expect(closeWithoutNote.status == .badRequest && closeWithoutNote.body.string.contains("«note»"))
                #expect(try closed.content.decode(WireDirective.self).closingNote == "Đã hoàn thành, tiếp tục theo dõi")
                #expect(replyWhenClosed.status == .conflict && replyWhenClosed.body.string.contains("Chỉ đạo đã đóng"))
                #expect(try reopened.content.decode(WireDirective.self).status == "answered", "reopened as its replies make it")
                let logged = try await AuditEntryRecord.query(on: app.db).filter(\.$entity == "directive").filter(\.$entityID == directive.id.uuidString).all()
                #expect(logged.contains { $0.field == "reply" && $0.newValue == "MAU-BVDK-A: Đã triển khai tại 3 khoa" })
                #expect(logged.contains { $0.field == "status" && $0.newValue == "closed" && $0.reason == "Đã hoàn thành, tiếp tục theo dõi" })
                #expect(logged.contains { $0.field == "status" && $0.oldValue == "closed" && $0.reason == "Cần số liệu quý III" })
            }
        }

        @Test("a directive names exactly one subject that exists, addressees that exist, a due day dd/mm/yyyy; only leadership sends one", arguments: [
            (Role.leadership, #"{"indicator":"CT05","organisation":"MAU-BVDK-A","text":"x"}"#, 400, "«indicator», «organisation», «task»"),
            (.leadership, #"{"text":"x"}"#, 400, "đã chọn 0"),
            (.leadership, #"{"indicator":"CT99","text":"x"}"#, 400, "Không có chỉ tiêu mã «CT99» (ô «indicator»)"),
            (.leadership, #"{"task":"KHONG-CO","text":"x"}"#, 400, "(ô «task»)"),
            (.leadership, #"{"indicator":"CT05","text":"x","addressees":["KHONG-CO"]}"#, 400, "(ô «addressees»)"),
            (.leadership, #"{"indicator":"CT05","text":"x","due":"31/02/2026"}"#, 400, "(ô «due»)"),
            (.leadership, #"{"indicator":"CT05","text":" "}"#, 400, "(ô «text»)"),
            (.coordinator, #"{"indicator":"CT05","text":"x"}"#, 403, "không có quyền"),
            (.unitReporter, #"{"indicator":"CT05","text":"x"}"#, 403, "không có quyền"),
        ])
        func refusals(role: Role, json: String, status: UInt, message: String) async throws {
            try await withApp { app in
                // act
                let res = try await Self.call(app, .POST, "/api/v1/directives", as: role, json: json)
                // validate
                #expect(res.status.code == status && res.body.string.contains(message), "\(res.body.string)")
                #expect(try await DirectiveRecord.query(on: app.db).count() == 0)
            }
        }

        @Test("default addressees: an indicator's lead office, a task's lead; filters by status, subject, addressee and overdue")
        func defaultsAndFilters() async throws {
            try await withApp { app in
                // setup
                let task = try await Tasks.create(.init(code: "NV-CD1", content: "Xây dựng kho dữ liệu", lead: "MAU-BVDK-B", coordinating: [], start: "2026-01-01",
                                                        end: "2026-12-31", output: ""), by: .system, on: app.db)
                // act
                let indicator = try await Self.call(app, .POST, "/api/v1/directives", as: .leadership, json: #"{"indicator":"ct05","text":"Đẩy nhanh","due":"01/01/2020"}"#)
                    .content.decode(WireDirective.self)
                let onTask = try await Self.call(app, .POST, "/api/v1/directives", as: .leadership, json: #"{"task":"NV-CD1","text":"Báo cáo tiến độ","addressees":["QLKCB","MAU-BVDK-B"]}"#)
                    .content.decode(WireDirective.self)
                func codes(_ query: String) async throws -> [String] {
                    try await Self.call(app, .GET, "/api/v1/directives" + query, as: .coordinator).content.decode([WireDirective].self).map(\.subjectCode)
                }
                // validate
                #expect(indicator.subjectCode == "CT05" && indicator.addressees == ["YTDP"] && indicator.overdue)
                #expect(onTask.addressees == ["QLKCB", "MAU-BVDK-B"])
                #expect(try await codes("").sorted() == ["CT05", "NV-CD1"])
                #expect(try await codes("?overdue=true") == ["CT05"])
                #expect(try await codes("?kind=task&status=open") == ["NV-CD1"])
                #expect(try await codes("?addressee=QLKCB") == ["NV-CD1"])
                #expect(try await codes("?subject=ct05&status=") == ["CT05"])
                #expect(try await codes("?status=closed").isEmpty)
                #expect(try await Self.call(app, .GET, "/api/v1/directives?status=bogus", as: .coordinator).status == .badRequest)
                // the subject's pages show a block that links to them
                let indicatorPage = try await app.get("/indicators/CT05", as: .leadOffice).body.string
                let taskPage = try await app.get("/tasks/\(try task.requireID())", as: .coordinator).body.string
                #expect(indicatorPage.contains(#"id="directive-block""#) && indicatorPage.contains("Đẩy nhanh") && indicatorPage.contains("kind=indicator&amp;subject=CT05"))
                #expect(taskPage.contains(#"id="directive-block""#) && taskPage.contains("Báo cáo tiến độ") && !taskPage.contains("Đẩy nhanh"))
            }
        }

        @Test("the pages: leadership writes from the list, an addressed unit replies on the directive's page, a unit's dashboard shows its directives")
        func pages() async throws {
            try await withApp { app in
                // setup
                var leader = try await app.session(.leadership)
                leader.contentType = .urlEncodedForm
                let csrf = try await csrfToken(of: leader, app: app)
                // act
                let bad = try await app.testing().sendRequest(.POST, "/directives", headers: leader,
                                                              body: ByteBuffer(string: Sample.encode([("csrf", csrf), ("text", "Kiểm tra"), ("indicator", ""), ("organisation", "")])))
                let sent = try await app.testing().sendRequest(.POST, "/directives", headers: leader,
                                                               body: ByteBuffer(string: Sample.encode([("csrf", csrf), ("organisation", "MAU-BVDK-A"), ("text", "Rà soát hạ tầng số"),
                                                                                                       ("addressees[]", "MAU-BVDK-A"), ("due", "15/07/2026")])))
                let location = try #require(sent.headers.first(name: .location))
                let id = try #require(location.split(separator: "/").last?.split(separator: "?").first).description
                let unitPage = try await app.get("/directives/\(id)", as: .unitReporter).body.string
                let list = try await app.get("/directives?status=open", as: .unitReporter).body.string
                let leaderList = try await app.get("/directives", as: .leadership).body.string
                let dashboard = try await app.get("/dashboard/units/MAU-BVDK-A?period=2026NovS2", as: .unitReporter).body.string
                // validate
                #expect(bad.status == .badRequest && bad.body.string.contains("Chọn đúng một đối tượng chỉ đạo") && bad.body.string.contains("Kiểm tra"))
                #expect(sent.status == .seeOther && location.hasPrefix("/directives/"))
                #expect(unitPage.contains(#"id="reply-form""#) && !unitPage.contains(#"id="close-form""#) && unitPage.contains("Rà soát hạ tầng số") && unitPage.contains("15/07/2026"))
                #expect(list.contains("Rà soát hạ tầng số") && !list.contains(#"id="new-directive""#))
                #expect(leaderList.contains(#"id="new-directive""#))
                #expect(dashboard.contains(#"id="directive-block""#) && dashboard.contains("Rà soát hạ tầng số"))
            }
        }
    }
}
