import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Tasks") struct TaskTests {
        static let good = #"{"code":"NV01","content":"Triển khai  bệnh án điện tử","lead":"MAU-BVDK-A","coordinating":["QLKCB","BHYT","QLKCB"],"start":"01/11/2025","end":"2026-12-31","output":"Bệnh án điện tử vận hành"}"#

        @Test("a coordinator creates a task through the API: ISO days, tidy text, logged field by field in the same change")
        func create() async throws {
            try await withApp { app in
                // act
                let res = try await TaskFixture.send(app, .POST, "/api/v1/tasks", as: .coordinator, json: Self.good)
                // validate
                #expect(res.status == .created)
                let task = try res.content.decode(WireTask.self)
                #expect((task.code, task.content, task.lead, task.coordinating) == ("NV01", "Triển khai bệnh án điện tử", "MAU-BVDK-A", ["QLKCB", "BHYT"]))
                #expect((task.start, task.end, task.status, task.progress, task.demo, task.overdue) == ("2025-11-01", "2026-12-31", "notStarted", 0, false, false))
                #expect(task.plan == (try await TaskFixture.plan(app)))
                let entries = try await TaskFixture.auditEntries(app, entity: "task")
                #expect(Set(entries.map(\.field)).isSuperset(of: ["code", "content", "lead", "coordinating", "start", "end", "output"]))
                #expect(entries.allSatisfy { $0.entityID == "\(task.plan)/NV01" && $0.actor == "coordinator-qlkcb@test.chitieu.local" && $0.oldValue == nil })
                #expect(entries.first { $0.field == "coordinating" }?.newValue == "QLKCB;BHYT")
                let list = try await app.get("/api/v1/tasks", as: .unitReporter)
                #expect(try list.content.decode([WireTask].self) == [task])
            }
        }

        @Test("bad input is refused naming every field, and nothing is written", arguments: [
            (#"{"code":"NV 1","content":"","lead":"KHONG-CO","start":"31/02/2026","end":"2026-01-01"}"#, ["Trường code", "Trường content", "Trường lead", "Trường start"]),
            (#"{"code":"NV02","content":"X","lead":"QLKCB","coordinating":["ABC"],"start":"2026-07-01","end":"30/06/2026"}"#, ["Trường coordinating: không có cơ quan, đơn vị mã ABC", "Trường end: ngày kết thúc 30/06/2026 trước ngày bắt đầu 01/07/2026"]),
            (#"{"content":"X","lead":"QLKCB","start":"2026-01-01","end":"2026-02-01"}"#, ["Trường code: để trống"]),
        ])
        func refuses(body: String, reasons: [String]) async throws {
            try await withApp { app in
                // setup
                let audit = try await AuditEntryRecord.query(on: app.db).count()
                // act
                let res = try await TaskFixture.send(app, .POST, "/api/v1/tasks", as: .admin, json: body)
                // validate
                #expect(res.status == .badRequest)
                let reason = try res.content.decode(WireError.self).reason
                for expected in reasons { #expect(reason.contains(expected), "\(reason)") }
                #expect(try await TaskRecord.query(on: app.db).count() == 0)
                #expect(try await AuditEntryRecord.query(on: app.db).count() == audit)
            }
        }

        @Test("a code the plan already has is refused (409) and the first task stays as it was")
        func codeTaken() async throws {
            try await withApp { app in
                let first = try await TaskFixture.task(app, code: "NV01")
                let res = try await TaskFixture.send(app, .POST, "/api/v1/tasks", as: .coordinator, json: Self.good)
                #expect(res.status == .conflict)
                #expect(try res.content.decode(WireError.self).reason == "Đã có nhiệm vụ mã NV01 trong kế hoạch này.")
                let stored = try #require(try await TaskRecord.find(first.requireID(), on: app.db))
                #expect(stored.content == "Nhiệm vụ NV01" && stored.leadCode == "MAU-BVDK-A")
            }
        }

        @Test("an edit changes only the fields sent, never the code, and logs old and new values")
        func edit() async throws {
            try await withApp { app in
                // setup
                let task = try await TaskFixture.task(app, code: "NV01")
                let id = try task.requireID()
                // act
                let res = try await TaskFixture.send(app, .PATCH, "/api/v1/tasks/\(id)", as: .admin,
                                                     json: #"{"code":"KHAC","end":"30/06/2027","coordinating":[]}"#)
                let bad = try await TaskFixture.send(app, .PATCH, "/api/v1/tasks/\(id)", as: .admin, json: #"{"start":"2028-01-01"}"#)
                // validate
                #expect(res.status == .ok)
                let changed = try res.content.decode(WireTask.self)
                #expect((changed.code, changed.content, changed.end, changed.coordinating) == ("NV01", "Nhiệm vụ NV01", "2027-06-30", []))
                #expect(bad.status == .badRequest)
                let stored = try #require(try await TaskRecord.find(id, on: app.db))
                #expect(stored.startsOn == "2026-01-01" && stored.endsOn == "2027-06-30")
                let entries = try await TaskFixture.auditEntries(app, entity: "task").filter { $0.actor == "admin-syt@test.chitieu.local" }
                #expect(entries.map { "\($0.field):\($0.oldValue ?? "-")>\($0.newValue ?? "-")" } == ["coordinating:QLKCB>", "end:2026-12-31>2027-06-30"])
            }
        }

        @Test("the page forms create and edit a task (303 back to the page); a bad form shows the message with 400")
        func pages() async throws {
            try await withApp { app in
                // act
                let created = try await TaskFixture.send(app, .POST, "/tasks", as: .coordinator, form: [
                    ("code", "NV07"), ("content", "Hội chẩn từ xa"), ("lead", "QLKCB"), ("coordinating[]", "MAU-BVDK-A"), ("coordinating[]", "MAU-TTYT-A"),
                    ("start", "2026-01-01"), ("end", "2026-06-30"), ("output", "Quy trình"),
                ])
                let task = try #require(try await TaskRecord.query(on: app.db).filter(\.$code == "NV07").first())
                let edited = try await TaskFixture.send(app, .POST, "/tasks/\(try task.requireID())", as: .coordinator, form: [
                    ("content", "Hội chẩn từ xa giữa các tuyến"), ("lead", "QLKCB"), ("start", "2026-01-01"), ("end", "2026-09-30"), ("output", "Quy trình"),
                ])
                let bad = try await TaskFixture.send(app, .POST, "/tasks", as: .coordinator, form: [("code", "NV08"), ("content", ""), ("lead", "QLKCB"), ("start", "x"), ("end", "2026-01-01")])
                // validate
                #expect(created.status == .seeOther && created.headers.first(name: .location) == "/tasks")
                #expect(edited.status == .seeOther)
                let stored = try #require(try await TaskRecord.find(task.requireID(), on: app.db))
                #expect(stored.content == "Hội chẩn từ xa giữa các tuyến" && stored.endsOn == "2026-09-30" && stored.coordinatingCodes.isEmpty)
                #expect(bad.status == .badRequest)
                #expect(bad.body.string.contains("Trường content: để trống") && bad.body.string.contains("Trường start: &quot;x&quot; không phải ngày"))
                #expect(try await TaskRecord.query(on: app.db).count() == 1)
                let page = try await app.get("/tasks", as: .unitReporter)
                #expect(page.status == .ok && page.body.string.contains("Hội chẩn từ xa giữa các tuyến") && !page.body.string.contains("action=\"/tasks/import\""))
            }
        }

        @Test("overdue: not done after its last day in Việt Nam; the list filters by status, lead and overdue")
        func overdue() async throws {
            try await withApp { app in
                // setup
                let late = try await TaskFixture.task(app, code: "NV01", lead: "MAU-BVDK-A", start: "2020-01-01", end: "2020-12-31")
                _ = try await TaskFixture.task(app, code: "NV02", lead: "MAU-BVDK-B", start: "2020-01-01", end: "2020-12-31")
                _ = try await TaskFixture.task(app, code: "NV03", lead: "MAU-BVDK-A", start: "2026-01-01", end: "2999-12-31")
                _ = try await TaskFixture.cycle(app)
                // act: the lead marks one of the late ones done
                let done = try await TaskFixture.send(app, .POST, "/api/v1/tasks/\(try late.requireID())/updates", as: .unitReporter, json: #"{"status":"done"}"#)
                // validate
                #expect(done.status == .created)
                func codes(_ query: String) async throws -> [String] { try await app.get("/api/v1/tasks" + query).content.decode([WireTask].self).map(\.code) }
                #expect(try await codes("?overdue=true") == ["NV02"])
                #expect(try await codes("?overdue=false") == ["NV01", "NV02", "NV03"])
                #expect(try await codes("?status=done") == ["NV01"])
                #expect(try await codes("?lead=MAU-BVDK-A") == ["NV01", "NV03"])
                #expect(try await codes("?lead=MAU-BVDK-A&overdue=true").isEmpty)
                #expect(try await app.get("/api/v1/tasks?status=late").status == .badRequest)
                #expect(try await app.get("/api/v1/tasks?overdue=yes").status == .badRequest)
                #expect(try await app.get("/tasks?status=late").status == .badRequest)
                let page = try await app.get("/tasks?overdue=true", as: .leadership).body.string
                #expect(page.contains("NV02") && !page.contains(">NV01<") && page.contains("class=\"overdue\""))
                let today = Day(Date())
                #expect(TaskSchedule.isOverdue(end: today, status: .inProgress, today: today) == false)
            }
        }
    }
}
