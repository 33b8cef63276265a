import Foundation
import Testing
@testable import App

extension AppTests {
    @Suite("SMTP mailer") struct SMTPMailerTests {
        static let subject = "[chitieu] Nhắc nộp báo cáo kỳ 2026NovS2: hạn nộp 15/11/2026. Đơn vị chưa gửi báo cáo."
        static let body = "Nhắc nộp báo cáo kỳ 2026NovS2.\n.dòng bắt đầu bằng dấu chấm\n.\nReminder: the report is due."

        func mailer(_ server: FakeSMTPServer, user: String? = nil, password: String? = nil) -> SMTPMailer {
            SMTPMailer(.init(host: "127.0.0.1", port: server.port, from: "chitieu@syt.test", user: user, password: password), timeout: .seconds(5))
        }

        @Test("reminders go through a real SMTP exchange: Vietnamese subject, recipients, dot-stuffing, 8-bit body")
        func exchange() async throws {
            // setup
            let server = try await FakeSMTPServer.start()
            let log = RecordingLog()
            let mails = [Mail(to: "mai@bvdk.test", subject: Self.subject, body: Self.body), Mail(to: "binh@bvdk.test", subject: Self.subject, body: Self.body)]
            // act
            await mailer(server).send(mails, logger: log.logger)
            try await server.stop()
            // validate
            #expect(log.errors.isEmpty, "\(log.text)")
            let commands = server.record.commands
            #expect(commands.first?.hasPrefix("EHLO ") == true)
            #expect(Array(commands.dropFirst()) == [
                "MAIL FROM:<chitieu@syt.test> BODY=8BITMIME", "RCPT TO:<mai@bvdk.test>", "DATA",
                "MAIL FROM:<chitieu@syt.test> BODY=8BITMIME", "RCPT TO:<binh@bvdk.test>", "DATA", "QUIT",
            ])
            let messages = server.record.messages.map(ReceivedMail.init)
            try #require(messages.count == 2)
            #expect(messages.map { $0.header("To") } == ["<mai@bvdk.test>", "<binh@bvdk.test>"])
            #expect(messages[0].header("From") == "chitieu <chitieu@syt.test>")
            #expect(messages[0].decodedSubject == Self.subject)
            #expect(messages[0].rawLines.allSatisfy { $0.utf8.count <= 78 || !$0.hasPrefix("Subject") }, "encoded words are folded")
            #expect(messages[0].header("Content-Type") == "text/plain; charset=UTF-8")
            #expect(messages[0].header("Content-Transfer-Encoding") == "8bit")
            #expect(messages[0].header("MIME-Version") == "1.0")
            #expect(messages[0].header("Date")?.hasSuffix("+0700") == true)
            #expect(messages[0].header("Message-ID")?.hasSuffix("@syt.test>") == true)
            #expect(messages[0].header("Message-ID") != messages[1].header("Message-ID"))
            // As received, before the server undoes the dot-stuffing.
            #expect(messages[0].bodyLines == ["Nhắc nộp báo cáo kỳ 2026NovS2.", "..dòng bắt đầu bằng dấu chấm", "..", "Reminder: the report is due."])
        }

        @Test("without 8BITMIME the body goes as base64")
        func base64Body() async throws {
            // setup
            let server = try await FakeSMTPServer.start(.init(eightBitMIME: false))
            // act
            await mailer(server).send([Mail(to: "mai@bvdk.test", subject: Self.subject, body: Self.body)], logger: RecordingLog().logger)
            try await server.stop()
            // validate
            #expect(server.record.commands.contains("MAIL FROM:<chitieu@syt.test>"))
            let message = try #require(server.record.messages.first.map(ReceivedMail.init))
            #expect(message.header("Content-Transfer-Encoding") == "base64")
            #expect(message.bodyLines.allSatisfy { $0.count <= 76 })
            let decoded = Data(base64Encoded: message.bodyLines.joined()).map { String(decoding: $0, as: UTF8.self) }
            #expect(decoded == Self.body.replacingOccurrences(of: "\n", with: "\r\n"))
        }

        @Test("with a user and password, AUTH PLAIN to a relay on this machine")
        func authenticates() async throws {
            // setup
            let server = try await FakeSMTPServer.start(.init(auth: true))
            // act
            await mailer(server, user: "chitieu", password: "mật khẩu").send([Mail(to: "mai@bvdk.test", subject: "Test", body: "x")], logger: RecordingLog().logger)
            try await server.stop()
            // validate
            let token = Data("\0chitieu\0mật khẩu".utf8).base64EncodedString()
            #expect(server.record.commands.dropFirst().first == "AUTH PLAIN \(token)")
            #expect(server.record.messages.count == 1)
        }

        @Test("no password in clear to another machine: logged, nothing sent")
        func refusesRemoteAuth() async throws {
            // setup
            let log = RecordingLog()
            let remote = SMTPMailer(.init(host: "192.0.2.10", from: "chitieu@syt.test", user: "chitieu", password: "secret"), timeout: .seconds(5))
            // act
            await remote.send([Mail(to: "mai@bvdk.test", subject: "Test", body: "x")], logger: log.logger)
            // validate
            #expect(log.errors.count == 1)
            #expect(log.errors.first?.contains("SMTP_USER") == true)
        }

        @Test("SMTP settings come from the environment: SMTP_FROM defaults to chitieu@ the public host, else the SMTP host")
        func settings() throws {
            // setup
            let names = ["SMTP_HOST", "SMTP_PORT", "SMTP_FROM", "SMTP_USER", "SMTP_PASSWORD", "PUBLIC_URL", "REMINDER_CHECK_MINUTES"]
            let saved = names.map { ($0, ProcessInfo.processInfo.environment[$0]) }
            defer { for (name, value) in saved { if let value { setenv(name, value, 1) } else { unsetenv(name) } } }
            names.forEach { unsetenv($0) }
            func read(_ values: [String: String]) -> Settings {
                names.forEach { unsetenv($0) }
                for (name, value) in values { setenv(name, value, 1) }
                return Settings.fromEnvironment(directory: packageRoot)
            }
            // act
            let none = read([:])
            let relay = read(["SMTP_HOST": "mail.syt.test", "SMTP_PORT": "2525", "REMINDER_CHECK_MINUTES": "0"])
            let publicURL = read(["SMTP_HOST": "localhost", "SMTP_PORT": "not-a-port", "PUBLIC_URL": "https://chitieu.syt.ninhbinh.gov.vn",
                               "SMTP_USER": "chitieu", "SMTP_PASSWORD": "secret"])
            let explicit = read(["SMTP_HOST": "localhost", "SMTP_FROM": "nhac-viec@syt.ninhbinh.gov.vn"])
            // validate
            #expect(none.smtp == nil && none.reminderCheckMinutes == 60)
            #expect(relay.smtp?.host == "mail.syt.test" && relay.smtp?.port == 2525 && relay.smtp?.from == "chitieu@mail.syt.test")
            #expect(relay.reminderCheckMinutes == 0)
            #expect(publicURL.smtp?.port == 25 && publicURL.smtp?.from == "chitieu@chitieu.syt.ninhbinh.gov.vn")
            #expect(publicURL.smtp?.user == "chitieu" && publicURL.smtp?.password == "secret")
            #expect(explicit.smtp?.from == "nhac-viec@syt.ninhbinh.gov.vn" && explicit.smtp?.user == nil)
        }
    }
}
