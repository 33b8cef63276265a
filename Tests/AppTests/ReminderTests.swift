import Fluent
import Foundation
import Planning
import Testing
@testable import App

extension AppTests {
    @Suite("Automatic reminders") struct ReminderTests {
        /// 2026NovS2 is due before 15/11/2026; with 7 reminder days the window is 08/11 – 14/11 (on 15/11 a report is late).
        static let due = Day(2026, 11, 15)

        @Test("automatic reminders go out only inside the window before the due day, up to the day before it",
              arguments: [(Day(2026, 11, 7), false), (Day(2026, 11, 8), true), (Day(2026, 11, 14), true), (Day(2026, 11, 15), false),
                          (Day(2026, 11, 16), false)])
        func window(today: Day, reminds: Bool) async throws {
            try await withApp { app in
                // setup
                let mailer = RecordingMailer()
                app.mailer = mailer
                let cycle = try await app.reminderCycle()
                let pending = try await Reminders.pending(cycle, on: app.db).map(\.organisationCode)
                // act
                let reminded = try await Reminders.runAutomatic(app: app, today: today)
                // validate
                let records = try await app.reminders()
                #expect(reminded == (reminds ? pending.count : 0))
                #expect(records.map(\.organisationCode) == (reminds ? pending : []))
                #expect(records.allSatisfy { $0.automatic && $0.sentOn == today.iso && $0.actor == Actor.system.name && $0.channel == "log" })
            }
        }

        @Test("an organisation is reminded automatically at most once a day, again the next day, never once it submitted")
        func oncePerDay() async throws {
            try await withApp { app in
                // setup
                app.mailer = RecordingMailer()
                let cycle = try await app.reminderCycle()
                let pending = try await Reminders.pending(cycle, on: app.db).map(\.organisationCode)
                _ = try await Reminders.send(cycle, to: ["MAU-BVDK-A"], automatic: false, by: .commandLine, app: app, on: app.db)
                // act
                let first = try await Reminders.runAutomatic(app: app, today: Day(2026, 11, 10))
                let again = try await Reminders.runAutomatic(app: app, today: Day(2026, 11, 10))
                try await app.submit("MAU-BVDK-A", in: cycle)
                let nextDay = try await Reminders.automaticPass(app: app, today: Day(2026, 11, 11))
                // validate
                #expect(first == pending.count, "a reminder by hand does not stand for the automatic one")
                #expect(again == 0)
                #expect(nextDay.map(\.period) == ["2026NovS2"])
                #expect(nextDay.first?.outcome.organisations == pending.filter { $0 != "MAU-BVDK-A" })
                #expect(try await app.reminders(automatic: true).count == 2 * pending.count - 1)
            }
        }

        @Test("cycles not open, or with no reminder days, get no automatic reminder")
        func notOpen() async throws {
            try await withApp { app in
                // setup
                _ = try await app.reminderCycle("2026NovS2", open: false)
                _ = try await app.reminderCycle("2026NovS1", reminderDays: 0)
                // act
                let reminded = try await Reminders.runAutomatic(app: app, today: Day(2026, 5, 30))
                let planned = try await Reminders.runAutomatic(app: app, today: Day(2026, 11, 10))
                // validate
                #expect(reminded == 0 && planned == 0)
                #expect(try await app.reminders().isEmpty)
            }
        }

        @Test("with SMTP, the unit's people get the reminder as an e-mail with the Vietnamese subject")
        func email() async throws {
            try await withApp { app in
                // setup
                let server = try await FakeSMTPServer.start()
                app.mailer = SMTPMailer(.init(host: "127.0.0.1", port: server.port, from: "chitieu@syt.test"), timeout: .seconds(5))
                _ = try await app.session(.unitReporter)
                let cycle = try await app.reminderCycle()
                // act
                let outcome = try await Reminders.send(cycle, to: ["MAU-BVDK-A"], automatic: false, by: .commandLine, app: app, on: app.db)
                try await server.stop()
                // validate
                #expect(outcome.channel == "email" && outcome.recipients == 1)
                #expect(try await app.reminders().map(\.channel) == ["email"])
                #expect(server.record.commands.contains("RCPT TO:<unitreporter-mau-bvdk-a@test.chitieu.local>"))
                let mail = try #require(server.record.messages.first.map(ReceivedMail.init))
                #expect(mail.decodedSubject == "[chitieu] Nhắc nộp báo cáo kỳ 2026NovS2: hạn nộp trước ngày 15/11/2026. Đơn vị chưa gửi báo cáo.")
                #expect(try await NotificationRecord.query(on: app.db).filter(\.$kind == "reminder").count() == 1)
            }
        }

        @Test("while the server runs, the schedule sends the automatic reminders soon after start, once a day")
        func schedule() async throws {
            try await withApp { app in
                // setup: a cycle due in two days, so that today is inside its window
                app.mailer = RecordingMailer()
                let cycle = try await app.reminderCycle()
                cycle.dueOn = Day(Date()).adding(days: 2).iso
                try await cycle.save(on: app.db)
                let pending = try await Reminders.pending(cycle, on: app.db).count
                // act
                try ReminderSchedule.start(on: app, firstAfter: .zero, every: .milliseconds(50))
                let deadline = ContinuousClock.now + .seconds(20)
                while try await app.reminders().count < pending, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                }
                try await Task.sleep(for: .milliseconds(300))   // several more passes
                // validate
                #expect(try await app.reminders(automatic: true).count == pending)
            }
        }
    }
}
