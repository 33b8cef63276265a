import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Task updates by cycle") struct TaskUpdateTests {
        @Test("the lead's reporter updates in the open cycle; a second update replaces the cycle's row; each cycle keeps its own; logged with the cycle")
        func updates() async throws {
            try await withApp { app in
                // setup
                let task = try await TaskFixture.task(app, lead: "MAU-BVDK-A")
                let id = try task.requireID()
                let first = try await TaskFixture.cycle(app, period: "2026NovS1")
                // act
                let a = try await TaskFixture.send(app, .POST, "/api/v1/tasks/\(id)/updates", as: .unitReporter, json: #"{"status":"inProgress","progress":20,"comment":"Bắt đầu"}"#)
                let b = try await TaskFixture.send(app, .POST, "/tasks/\(id)/updates", as: .unitReporter, form: [("status", "inProgress"), ("progress", "35 %"), ("comment", "Dòng một\nDòng hai")])
                first.state = CycleState.closed.rawValue
                try await first.save(on: app.db)
                let second = try await TaskFixture.cycle(app, period: "2026NovS2")
                let c = try await TaskFixture.send(app, .POST, "/api/v1/tasks/\(id)/updates", as: .unitReporter,
                                                   json: #"{"status":"stalled","progress":50,"cycle":"\#(try second.requireID())"}"#)
                // validate
                #expect(a.status == .created && b.status == .seeOther && c.status == .created)
                #expect(try c.content.decode(WireTaskUpdate.self) == WireTaskUpdate(cycle: try second.requireID(), period: "2026NovS2", status: "stalled",
                                                                                    progress: 50, comment: nil, updatedBy: "unitreporter-mau-bvdk-a@test.chitieu.local"))
                let detail = try await app.get("/api/v1/tasks/\(id)", as: .leadership).content.decode(WireTaskDetail.self)
                #expect(detail.updates.map { "\($0.period) \($0.status) \($0.progress) \($0.comment ?? "-")" } == ["2026NovS2 stalled 50 -", "2026NovS1 inProgress 35 Dòng một\nDòng hai"])
                #expect((detail.task.status, detail.task.progress, detail.task.comment) == ("stalled", 50, nil))
                #expect(detail.task.updatedBy == "unitreporter-mau-bvdk-a@test.chitieu.local" && detail.task.updatedAt != nil)
                #expect(try await TaskUpdateRecord.query(on: app.db).count() == 2)
                let progress = try await TaskFixture.auditEntries(app, entity: "task").filter { $0.field == "progress" && $0.reason != nil }
                #expect(progress.map { "\($0.oldValue ?? "-")>\($0.newValue ?? "-") \($0.reason ?? "")" } == [
                    "0>20 đợt báo cáo 2026NovS1", "20>35 đợt báo cáo 2026NovS1", "35>50 đợt báo cáo 2026NovS2",
                ])
                let page = try await app.get("/tasks/\(id)", as: .unitReporter).body.string
                #expect(page.contains("2026NovS1") && page.contains("Tạm dừng, vướng mắc") && page.contains("action=\"/tasks/\(id)/updates\""))
            }
        }

        @Test("done means 100 %; a progress outside 0…100, not whole, or a status not on the list is refused", arguments: [
            (#"{"status":"done","progress":30}"#, HTTPStatus.created, 100),
            (#"{"status":"inProgress","progress":101}"#, .badRequest, 0),
            (#"{"status":"inProgress","progress":-1}"#, .badRequest, 0),
            (#"{"status":"inProgress","progress":12.5}"#, .badRequest, 0),
            (#"{"status":"finished","progress":10}"#, .badRequest, 0),
            (#"{"progress":10}"#, .badRequest, 0),
        ])
        func progress(body: String, status: HTTPStatus, stored: Int) async throws {
            try await withApp { app in
                let task = try await TaskFixture.task(app)
                _ = try await TaskFixture.cycle(app)
                let res = try await TaskFixture.send(app, .POST, "/api/v1/tasks/\(try task.requireID())/updates", as: .unitReporter, json: body)
                #expect(res.status == status, "\(res.body.string)")
                #expect(try await TaskRecord.find(task.requireID(), on: app.db)?.progress == stored)
                #expect(try await TaskUpdateRecord.query(on: app.db).count() == (status == .created ? 1 : 0))
            }
        }

        @Test("refused, changing nothing: another unit's reporter, a lead office of another office, leadership, the coordinator, a read token; a closed, unknown or absent cycle")
        func refusals() async throws {
            try await withApp { app in
                // setup
                let task = try await TaskFixture.task(app, lead: "MAU-BVDK-A")
                let id = try task.requireID()
                let closed = try await TaskFixture.cycle(app, period: "2026NovS1", state: .closed)
                let body = #"{"status":"inProgress","progress":40}"#
                let audit = try await TaskFixture.auditEntries(app, entity: "task").count
                // act and validate: no cycle open at all
                let none = try await TaskFixture.send(app, .POST, "/api/v1/tasks/\(id)/updates", as: .unitReporter, json: body)
                #expect(none.status == .conflict)
                #expect(try none.content.decode(WireError.self).reason.contains("chưa có đợt báo cáo nào đang mở"))
                let isClosed = try await TaskFixture.send(app, .POST, "/api/v1/tasks/\(id)/updates", as: .unitReporter,
                                                          json: #"{"status":"done","cycle":"\#(try closed.requireID())"}"#)
                #expect(isClosed.status == .conflict)
                #expect(try isClosed.content.decode(WireError.self).reason == "Đợt báo cáo 2026NovS1 không mở: chỉ cập nhật được trong đợt đang mở.")
                let unknown = try await TaskFixture.send(app, .POST, "/api/v1/tasks/\(id)/updates", as: .unitReporter, json: #"{"status":"done","cycle":"\#(UUID())"}"#)
                #expect(unknown.status == .notFound)
                _ = try await TaskFixture.cycle(app, period: "2026NovS2")
                let other = try await TaskFixture.send(app, .POST, "/api/v1/tasks/\(id)/updates", as: .unitReporter, organisation: "MAU-BVDK-B", json: body)
                #expect(other.status == .forbidden)
                let office = try await TaskFixture.send(app, .POST, "/tasks/\(id)/updates", as: .leadOffice, form: [("status", "done")])
                #expect(office.status == .forbidden)
                for role in [Role.leadership, .coordinator, .admin] {
                    #expect(try await TaskFixture.send(app, .POST, "/api/v1/tasks/\(id)/updates", as: role, json: body).status == .forbidden)
                }
                let reader = try await APITokens.create(for: try #require(try await UserRecord.query(on: app.db).filter(\.$organisationCode == "MAU-BVDK-A").first()),
                                                        name: "Đọc", canWrite: false, days: nil, by: .system, on: app.db)
                let token = try await app.testing().sendRequest(.POST, "/api/v1/tasks/\(id)/updates", headers: ["Authorization": "Bearer \(reader.token)", "Content-Type": "application/json"],
                                                                body: ByteBuffer(string: body))
                #expect(token.status == .forbidden)
                let missing = try await TaskFixture.send(app, .POST, "/api/v1/tasks/\(UUID())/updates", as: .unitReporter, json: body)
                #expect(missing.status == .notFound)
                let stored = try #require(try await TaskRecord.find(id, on: app.db))
                #expect(stored.status == "notStarted" && stored.progress == 0)
                #expect(try await TaskUpdateRecord.query(on: app.db).count() == 0)
                #expect(try await TaskFixture.auditEntries(app, entity: "task").count == audit)
                // the page tells the others why there is no form
                let page = try await app.get("/tasks/\(id)", as: .leadOffice).body.string
                #expect(page.contains("Chỉ cán bộ của cơ quan chủ trì (Bệnh viện Đa khoa tỉnh A (mẫu))") && !page.contains("/updates\""))
            }
        }
    }
}
