import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Funding") struct FundingTests {
        /// Two units enter funding in the open cycle: A for its task and for itself, B for itself.
        static func enter(_ app: Application) async throws -> (task: TaskRecord, cycle: CycleRecord) {
            let task = try await TaskFixture.task(app, lead: "MAU-BVDK-A", coordinating: ["MAU-BVDK-B"])
            let cycle = try await TaskFixture.cycle(app)
            let forTask = try await TaskFixture.send(app, .PUT, "/api/v1/funding", as: .unitReporter, json: """
                {"task":"\(try task.requireID())","lines":[{"source":"stateBudget","planned":1500000000,"spent":420000000},{"source":"ownRevenue","planned":300000000,"spent":0}]}
                """)
            let forUnit = try await TaskFixture.send(app, .POST, "/funding", as: .unitReporter, form: [
                ("cycle", try cycle.requireID().uuidString), ("planned_stateBudget", "200.000.000"), ("spent_stateBudget", "50 000 000"), ("planned_otherLawful", "10000000"),
            ])
            let other = try await TaskFixture.send(app, .PUT, "/api/v1/funding", as: .unitReporter, organisation: "MAU-BVDK-B",
                                                   json: #"{"lines":[{"source":"stateBudget","planned":100,"spent":100},{"source":"developmentFund","planned":7,"spent":3}]}"#)
            #expect(forTask.status == .ok && forUnit.status == .seeOther && other.status == .ok)
            return (task, cycle)
        }

        @Test("totals by source per unit and for the whole sector; a task's funding on its page and in its JSON")
        func totals() async throws {
            try await withApp { app in
                // setup
                let (task, cycle) = try await Self.enter(app)
                // act
                let sector = try await app.get("/api/v1/funding", as: .coordinator).content.decode(WireFunding.self)
                let unit = try await app.get("/api/v1/funding?organisation=MAU-BVDK-A&cycle=\(try cycle.requireID())", as: .leadership).content.decode(WireFunding.self)
                let detail = try await app.get("/api/v1/tasks/\(try task.requireID())", as: .leadOffice).content.decode(WireTaskDetail.self)
                // validate
                #expect(sector.cycle?.period == "2026NovS2" && sector.lines.count == 6)
                #expect(sector.totals == [.init(source: "stateBudget", planned: 1_700_000_100, spent: 470_000_100), .init(source: "ownRevenue", planned: 300_000_000, spent: 0),
                                          .init(source: "developmentFund", planned: 7, spent: 3), .init(source: "otherLawful", planned: 10_000_000, spent: 0)])
                #expect(sector.total == .init(source: "all", planned: 2_010_000_107, spent: 470_000_103))
                #expect(unit.total == .init(source: "all", planned: 2_010_000_000, spent: 470_000_000) && unit.organisation == "MAU-BVDK-A")
                #expect(detail.funding.lines.map(\.taskCode) == ["NV01", "NV01"] && detail.funding.total.planned == 1_800_000_000)
                let page = try await app.get("/funding", as: .coordinator).body.string
                #expect(page.contains("1.700.000.100") && page.contains("Toàn ngành") && page.contains("Bệnh viện Đa khoa tỉnh B (mẫu)"))
                let english = try await app.get("/funding?lang=en", as: .coordinator).body.string
                #expect(english.contains("1,700,000,100"))
            }
        }

        @Test("a unit reporter sees only its own organisation's funding and cannot ask for another's")
        func ownOnly() async throws {
            try await withApp { app in
                let (task, _) = try await Self.enter(app)
                let own = try await app.get("/api/v1/funding", as: .unitReporter).content.decode(WireFunding.self)
                #expect(Set(own.lines.map(\.organisation)) == ["MAU-BVDK-A"] && own.total.planned == 2_010_000_000)
                #expect(try await app.get("/api/v1/funding?organisation=MAU-BVDK-B", as: .unitReporter).status == .forbidden)
                let detail = try await app.get("/api/v1/tasks/\(try task.requireID())", as: .unitReporter).content.decode(WireTaskDetail.self)
                #expect(detail.funding.lines.allSatisfy { $0.organisation == "MAU-BVDK-A" })
                let page = try await app.get("/funding", as: .unitReporter).body.string
                #expect(!page.contains("Bệnh viện Đa khoa tỉnh B (mẫu)") && !page.contains("Toàn ngành"))
            }
        }

        @Test("refused, changing nothing: another unit, a task it has no part in, leadership, a closed cycle, bad amounts and sources", arguments: [
            (Role.unitReporter, "MAU-BVDK-A", #"{"organisation":"MAU-BVDK-B","lines":[{"source":"stateBudget","planned":1,"spent":1}]}"#, HTTPStatus.forbidden),
            (.unitReporter, "MAU-TTYT-A", #"{"task":"{task}","lines":[{"source":"stateBudget","planned":1,"spent":1}]}"#, .forbidden),
            (.leadership, "SYT", #"{"lines":[{"source":"stateBudget","planned":1,"spent":1}]}"#, .forbidden),
            (.coordinator, "QLKCB", #"{"lines":[{"source":"stateBudget","planned":1,"spent":1}]}"#, .forbidden),
            (.unitReporter, "MAU-BVDK-A", #"{"cycle":"{closed}","lines":[{"source":"stateBudget","planned":1,"spent":1}]}"#, .conflict),
            (.unitReporter, "MAU-BVDK-A", #"{"lines":[{"source":"stateBudget","planned":-1,"spent":1}]}"#, .badRequest),
            (.unitReporter, "MAU-BVDK-A", #"{"lines":[{"source":"stateBudget","planned":1000000000000001,"spent":1}]}"#, .badRequest),
            (.unitReporter, "MAU-BVDK-A", #"{"lines":[{"source":"stateBudget","planned":1.5,"spent":1}]}"#, .badRequest),
            (.unitReporter, "MAU-BVDK-A", #"{"lines":[{"source":"grant","planned":1,"spent":1}]}"#, .badRequest),
            (.unitReporter, "MAU-BVDK-A", #"{"lines":[{"source":"stateBudget","planned":1,"spent":1},{"source":"stateBudget","planned":2,"spent":2}]}"#, .badRequest),
            (.unitReporter, "MAU-BVDK-A", #"{"task":"\#(UUID())","lines":[{"source":"stateBudget","planned":1,"spent":1}]}"#, .notFound),
        ])
        func refusals(role: Role, organisation: String, body: String, status: HTTPStatus) async throws {
            try await withApp { app in
                // setup
                let task = try await TaskFixture.task(app, lead: "MAU-BVDK-A", coordinating: ["MAU-BVDK-B"])
                let closed = try await TaskFixture.cycle(app, period: "2026NovS1", state: .closed)
                _ = try await TaskFixture.cycle(app)
                let audit = try await AuditEntryRecord.query(on: app.db).count()
                let filled = body.replacingOccurrences(of: "{task}", with: try task.requireID().uuidString)
                    .replacingOccurrences(of: "{closed}", with: try closed.requireID().uuidString)
                // act
                let res = try await TaskFixture.send(app, .PUT, "/api/v1/funding", as: role, organisation: organisation, json: filled)
                // validate
                #expect(res.status == status, "\(res.body.string)")
                #expect(try await FundingLineRecord.query(on: app.db).count() == 0)
                #expect(try await AuditEntryRecord.query(on: app.db).count() == audit)
            }
        }

        @Test("the form reads Vietnamese thousands dots; a bad amount names its field and writes nothing; zero and zero removes a line; all logged")
        func form() async throws {
            try await withApp { app in
                // setup
                let cycle = try await TaskFixture.cycle(app)
                let id = try cycle.requireID().uuidString
                // act
                let good = try await TaskFixture.send(app, .POST, "/funding", as: .leadOffice, form: [("cycle", id), ("planned_stateBudget", "1.500.000"), ("spent_stateBudget", "")])
                let bad = try await TaskFixture.send(app, .POST, "/funding", as: .leadOffice, form: [("cycle", id), ("planned_stateBudget", "2.000.000"), ("spent_ownRevenue", "1,5")])
                let cleared = try await TaskFixture.send(app, .POST, "/funding", as: .leadOffice, form: [("cycle", id), ("planned_stateBudget", "0")])
                // validate
                #expect(good.status == .seeOther)
                #expect(bad.status == .badRequest && bad.body.string.contains("Số tiền &quot;1,5&quot; ở trường spent_ownRevenue không hợp lệ"))
                #expect(cleared.status == .seeOther)
                #expect(try await FundingLineRecord.query(on: app.db).count() == 0)
                let entries = try await TaskFixture.auditEntries(app, entity: "funding")
                #expect(entries.map { "\($0.entityID) \($0.field) \($0.oldValue ?? "-")>\($0.newValue ?? "-")" } == [
                    "2026NovS2/BHYT/-/stateBudget planned ->1500000", "2026NovS2/BHYT/-/stateBudget spent ->0",
                    "2026NovS2/BHYT/-/stateBudget planned 1500000>-", "2026NovS2/BHYT/-/stateBudget spent 0>-",
                ])
                #expect(entries.allSatisfy { $0.actor == "leadoffice-bhyt@test.chitieu.local" })
            }
        }
    }
}
