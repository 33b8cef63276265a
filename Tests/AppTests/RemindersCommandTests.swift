import Fluent
import Foundation
import Planning
import Testing
import Vapor
@testable import App

extension AppTests {
    @Suite("Reminders command") struct RemindersCommandTests {
        @Test("`reminders run --today` runs the automatic pass and says what it sent")
        func run() async throws {
            try await withApp { app in
                // setup
                _ = try await app.session(.unitReporter)
                let cycle = try await app.reminderCycle()
                let pending = try await Reminders.pending(cycle, on: app.db).map(\.organisationCode)
                // act
                let before = try await app.runReminders("run", "--today", "2026-11-01")
                let inside = try await app.runReminders("run", "--today", "2026-11-10")
                let again = try await app.runReminders("run", "--today", "2026-11-10")
                // validate
                #expect(before == ["Ngày 01/11/2026: không có đơn vị nào cần nhắc."])
                #expect(inside == ["Kỳ 2026NovS2: đã nhắc \(pending.count) đơn vị (\(pending.joined(separator: ", "))), 1 người nhận; e-mail chỉ ghi vào nhật ký (chưa cấu hình SMTP)."])
                #expect(again == ["Ngày 10/11/2026: không có đơn vị nào cần nhắc."])
                #expect(try await app.reminders().allSatisfy { $0.automatic && $0.sentOn == "2026-11-10" })
            }
        }

        @Test("`reminders send PERIOD [--org CODE]` reminds by hand, one organisation or all that have not submitted")
        func send() async throws {
            try await withApp { app in
                // setup
                _ = try await app.session(.unitReporter)
                let cycle = try await app.reminderCycle()
                let pending = try await Reminders.pending(cycle, on: app.db).map(\.organisationCode)
                // act
                let one = try await app.runReminders("send", "2026NovS2", "--org", "MAU-BVDK-A")
                let all = try await app.runReminders("send", "2026NovS2")
                // validate
                #expect(one == ["Kỳ 2026NovS2: đã nhắc 1 đơn vị (MAU-BVDK-A), 1 người nhận; e-mail chỉ ghi vào nhật ký (chưa cấu hình SMTP)."])
                #expect(all.first?.hasPrefix("Kỳ 2026NovS2: đã nhắc \(pending.count) đơn vị (") == true)
                let records = try await app.reminders()
                #expect(records.count == 1 + pending.count)
                #expect(records.allSatisfy { !$0.automatic && $0.actor == Actor.commandLine.name })
                #expect(try await NotificationRecord.query(on: app.db).filter(\.$kind == "reminder").count() == 2)
            }
        }

        @Test("`reminders send` when every organisation has submitted says so and sends nothing")
        func nothingPending() async throws {
            try await withApp { app in
                // setup
                let cycle = try await app.reminderCycle()
                for report in try await Reminders.pending(cycle, on: app.db) { try await app.submit(report.organisationCode, in: cycle) }
                // act
                let lines = try await app.runReminders("send", "2026NovS2")
                // validate
                #expect(lines == ["Kỳ 2026NovS2: mọi đơn vị đã nộp báo cáo, không cần nhắc."])
                #expect(try await app.reminders().isEmpty)
            }
        }

        @Test("the printed line follows CHITIEU_LANG and says how the e-mails went")
        func line() {
            let one = Reminders.Outcome(organisations: ["MAU-BVDK-A"], recipients: 1, unreached: [], channel: "email")
            let two = Reminders.Outcome(organisations: ["MAU-BVDK-A", "MAU-BVSN"], recipients: 3, unreached: [], channel: "log")
            #expect(RemindersCommand.line("2026NovS2", one, .vietnamese) == "Kỳ 2026NovS2: đã nhắc 1 đơn vị (MAU-BVDK-A), 1 người nhận, qua e-mail.")
            #expect(RemindersCommand.line("2026NovS2", one, .english) == "Period 2026NovS2: reminded 1 organisation (MAU-BVDK-A), 1 recipient, by e-mail.")
            #expect(RemindersCommand.line("2026NovS2", two, .english)
                    == "Period 2026NovS2: reminded 2 organisations (MAU-BVDK-A, MAU-BVSN), 3 recipients; e-mail only written to the log (SMTP not configured).")
        }

        @Test("bad input is refused with a clear message and nothing is sent", arguments: [
            (["send", "2027NovS1"], "Không có đợt báo cáo 2027NovS1."),
            (["send", "2026-S2"], "Kỳ báo cáo «2026-S2» không hợp lệ"),
            (["send", "2026NovS2", "--org", "KHONG-CO"], "KHONG-CO"),
            (["send", "2026NovS2", "--org", "MAU-BVDK-B"], "MAU-BVDK-B không có báo cáo đang chờ gửi"),
            (["send", "2026NovS1"], "Đợt báo cáo 2026NovS1 không đang mở (trạng thái «Dự kiến»)"),
            (["send", "2026NovS2", "--plan", "KHONG-CO"], "Không có kế hoạch mã KHONG-CO."),
            (["run", "--today", "10/11/2026"], "--today"),
        ])
        func badInput(arguments: [String], message: String) async throws {
            try await withApp { app in
                // setup: 2026NovS2 open with MAU-BVDK-B's report submitted; 2026NovS1 only planned
                let cycle = try await app.reminderCycle()
                try await app.submit("MAU-BVDK-B", in: cycle)
                _ = try await app.reminderCycle("2026NovS1", open: false)
                // act
                let console = RecordingConsole()
                var context = CommandContext(console: console, input: CommandInput(arguments: ["chitieu"] + arguments))
                context.application = app
                let error = await #expect(throws: (any Error).self) { try await RemindersCommand().run(using: &context) }
                // validate
                #expect(error.map(vietnameseMessage)?.contains(message) == true, "\(error.map(vietnameseMessage) ?? "no error")")
                #expect(console.lines.isEmpty)
                #expect(try await app.reminders().isEmpty)
                #expect(try await NotificationRecord.query(on: app.db).count() == 0)
            }
        }
    }
}
