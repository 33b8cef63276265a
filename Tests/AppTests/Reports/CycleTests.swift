import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Reporting cycles") struct CycleTests {
        @Test("a cycle takes the calendar's dates; opening makes one report per organisation that reports, the Department's with its own indicators")
        func createAndOpen() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                // act
                let created = try await api.call(.POST, "/api/v1/cycles", as: .coordinator, json: #"{"period":"2026NovS1"}"#)
                // validate
                #expect(created.status == .created)
                let cycle = try created.content.decode(CycleDTO.self)
                #expect((cycle.start, cycle.end, cycle.cutoff, cycle.due, cycle.state) == ("2025-11-01", "2026-04-30", "2026-04-30", "2026-06-01", "planned"))
                let opened = try await api.call(.POST, "/api/v1/cycles/\(cycle.id)/open", as: .coordinator)
                #expect(opened.status == .ok)
                let reports = try await ReportRecord.query(on: app.db).filter(\.$cycle.$id == cycle.id).all()
                let reporting = try await OrganisationRecord.query(on: app.db).filter(\.$isActive == true).all()
                #expect(reports.count == reporting.count, "every active organisation reports at least one indicator")
                #expect(Set(reports.map(\.state)) == ["draft"])
                let department = try #require(reports.first { $0.organisationCode == "SYT" })
                let report = try await api.report(department.requireID())
                #expect(report.values.map(\.indicator) == ["CT03", "CT04", "CT17", "CT18", "CT19", "CT20", "CT21", "CT22", "CT23", "CT24", "CT25", "CT30", "CT31", "CT32"])
                let statistics = try #require(try opened.content.decode(CycleDTO.self).statistics)
                #expect((statistics.expected, statistics.submitted, statistics.completeness, statistics.timeliness) == (reports.count, 0, 0, 0))
                // opening twice is refused
                #expect(try await api.call(.POST, "/api/v1/cycles/\(cycle.id)/open", as: .coordinator).status == .conflict)
                #expect(try await ReportRecord.query(on: app.db).filter(\.$cycle.$id == cycle.id).count() == reports.count)
            }
        }

        @Test("bad cycles are refused with a message and change nothing", arguments: [
            (#"{"period":"2026S1"}"#, HTTPStatus.badRequest, "2026NovS1"),
            (#"{"period":"2026NovS1","calendar":"lunar"}"#, .badRequest, "november"),
            (#"{"period":"2026NovS1","due":"31/02/2026"}"#, .badRequest, "không hợp lệ"),
            (#"{"period":"2026NovS1","due":"2026-04-01"}"#, .badRequest, "Hạn nộp"),
            (#"{"period":"2026NovS1","cutoff":"2026-05-15"}"#, .badRequest, "chốt"),
            (#"{"period":"2026NovS1","reminderDays":90}"#, .badRequest, "60"),
        ])
        func badCycles(body: String, status: HTTPStatus, mentions: String) async throws {
            try await withApp { app in
                let res = try await ReportAPI(app: app).call(.POST, "/api/v1/cycles", as: .admin, json: body)
                #expect(res.status == status)
                #expect(res.body.string.contains(mentions), "\(res.body.string)")
                #expect(try await CycleRecord.query(on: app.db).count() == 0)
            }
        }

        @Test("a second cycle for the same period is a conflict; a closed cycle's dates cannot change; closing locks every report")
        func duplicatesAndClosing() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                let cycle = try await api.call(.POST, "/api/v1/cycles", as: .admin, json: #"{"period":"2026NovS2"}"#).content.decode(CycleDTO.self)
                #expect(try await api.call(.POST, "/api/v1/cycles", as: .coordinator, json: #"{"period":"2026NovS2"}"#).status == .conflict)
                #expect(try await api.call(.POST, "/api/v1/cycles/\(cycle.id)/close", as: .coordinator).status == .conflict, "a planned cycle cannot close")
                _ = try await api.call(.POST, "/api/v1/cycles/\(cycle.id)/open", as: .coordinator)
                let changed = try await api.call(.PATCH, "/api/v1/cycles/\(cycle.id)", as: .coordinator, json: #"{"due":"20/11/2026","reminderDays":3}"#)
                #expect(changed.status == .ok)
                #expect(try changed.content.decode(CycleDTO.self).due == "2026-11-20")
                #expect(try await api.call(.POST, "/api/v1/cycles/\(cycle.id)/close", as: .coordinator).status == .ok)
                let states = Set(try await ReportRecord.query(on: app.db).filter(\.$cycle.$id == cycle.id).all().map(\.state))
                #expect(states == ["locked"])
                let late = try await api.call(.PATCH, "/api/v1/cycles/\(cycle.id)", as: .coordinator, json: #"{"due":"30/11/2026"}"#)
                #expect(late.status == .conflict)
                #expect(try await CycleRecord.find(cycle.id, on: app.db)?.dueOn == "2026-11-20")
                // units and lead offices cannot run cycles
                #expect(try await api.call(.POST, "/api/v1/cycles", as: .unitReporter, json: #"{"period":"2027NovS1"}"#).status == .forbidden)
                #expect(try await api.call(.POST, "/api/v1/cycles", as: .leadOffice, json: #"{"period":"2027NovS1"}"#).status == .forbidden)
            }
        }

        @Test("reminders go to units that have not submitted, as notices and (without SMTP) a logged e-mail; automatic ones once a day inside the window")
        func reminders() async throws {
            try await withApp { app in
                // setup: an open cycle due in 3 days with reports for two units, one of them submitted
                let api = ReportAPI(app: app)
                let today = Day(Date())
                let cycle = try await ReportFixtures.cycle(.open, due: today.adding(days: 3), reminderDays: 5, on: app.db)
                let waiting = ReportRecord(cycleID: try cycle.requireID(), organisationCode: "MAU-BVDK-A")
                try await waiting.create(on: app.db)
                let done = ReportRecord(cycleID: try cycle.requireID(), organisationCode: "MAU-BVDK-B")
                done.state = ReportState.submitted.rawValue
                done.submittedAt = Date()
                try await done.create(on: app.db)
                _ = try await app.session(.unitReporter)   // a reporter of MAU-BVDK-A
                // act: by hand
                let sent = try await api.call(.POST, "/api/v1/cycles/\(cycle.requireID())/reminders", as: .coordinator)
                // validate
                #expect(sent.status == .ok)
                let outcome = try sent.content.decode(Reminders.Outcome.self)
                #expect(outcome.organisations == ["MAU-BVDK-A"] && outcome.recipients == 1 && outcome.channel == "log")
                let notices = try await api.call(.GET, "/api/v1/notifications", as: .unitReporter).content.decode([NotificationController.NotificationDTO].self)
                #expect(notices.count == 1 && notices[0].text.contains("Nhắc nộp báo cáo"))
                let refused = try await api.call(.POST, "/api/v1/cycles/\(cycle.requireID())/reminders", as: .coordinator, json: #"{"organisations":["MAU-BVDK-B"]}"#)
                #expect(refused.status == .conflict, "a unit that has submitted needs no reminder")
                // automatic: inside the window once a day, outside never
                #expect(try await Reminders.runAutomatic(app: app, today: today) == 1)
                #expect(try await Reminders.runAutomatic(app: app, today: today) == 0)
                #expect(try await Reminders.runAutomatic(app: app, today: today.adding(days: 1)) == 1)
                #expect(try await Reminders.runAutomatic(app: app, today: today.adding(days: 4)) == 0, "after the due day")
                #expect(try await Reminders.runAutomatic(app: app, today: today.adding(days: -3)) == 0, "before the window")
                #expect(try await ReminderRecord.query(on: app.db).filter(\.$automatic == true).count() == 2)
            }
        }
    }
}
