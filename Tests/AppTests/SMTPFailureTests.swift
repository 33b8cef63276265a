import Foundation
import Testing
@testable import App

extension AppTests {
    @Suite("SMTP failures and message format") struct SMTPFailureTests {
        func mailer(port: Int, timeout: Duration = .seconds(5)) -> SMTPMailer {
            SMTPMailer(.init(host: "127.0.0.1", port: port, from: "chitieu@syt.test"), timeout: timeout)
        }

        @Test("an unreachable server is logged, not thrown")
        func unreachable() async throws {
            // setup: a port that was free a moment ago and has nobody listening now
            let gone = try await FakeSMTPServer.start()
            try await gone.stop()
            let log = RecordingLog()
            // act
            await mailer(port: gone.port).send([Mail(to: "a@x.test", subject: "S", body: "B"), Mail(to: "b@x.test", subject: "S", body: "B")], logger: log.logger)
            // validate
            #expect(log.errors.count == 1)
            #expect(log.errors.first?.contains("127.0.0.1:\(gone.port)") == true)
            #expect(log.errors.first?.contains("2 thư chưa gửi") == true)
        }

        @Test("a server that does not answer is given up after the timeout")
        func silent() async throws {
            // setup
            let server = try await FakeSMTPServer.start(.init(silent: true))
            let log = RecordingLog()
            let started = ContinuousClock.now
            // act
            await mailer(port: server.port, timeout: .milliseconds(400)).send([Mail(to: "a@x.test", subject: "S", body: "B")], logger: log.logger)
            try await server.stop()
            // validate
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(log.errors.count == 1)
            #expect(log.errors.first?.contains("không có trả lời lời chào") == true, "\(log.text)")
        }

        @Test("a refused recipient is logged and the other mails still go")
        func refusedRecipient() async throws {
            // setup
            let server = try await FakeSMTPServer.start(.init(rejected: ["nobody@x.test"]))
            let log = RecordingLog()
            // act
            await mailer(port: server.port).send([Mail(to: "nobody@x.test", subject: "S", body: "B"), Mail(to: "mai@x.test", subject: "S", body: "B")],
                                                 logger: log.logger)
            try await server.stop()
            // validate
            #expect(server.record.messages.count == 1)
            #expect(server.record.commands.contains("RSET"))
            #expect(server.record.commands.contains("RCPT TO:<mai@x.test>"))
            #expect(log.errors.count == 1)
            #expect(log.errors.first?.contains("nobody@x.test") == true)
            #expect(log.errors.first?.contains("550") == true)
        }

        @Test("an address that could end the command line is not sent", arguments: ["a@x.test>\r\nRCPT TO:<evil@y.test", "a b@x.test", "no-at-sign", "a@x.test\n"])
        func invalidAddress(address: String) async throws {
            // setup
            let server = try await FakeSMTPServer.start()
            let log = RecordingLog()
            // act
            await mailer(port: server.port).send([Mail(to: address, subject: "S", body: "B")], logger: log.logger)
            try await server.stop()
            // validate
            #expect(server.record.commands.isEmpty)
            #expect(log.errors.count == 1)
        }

        @Test("only this machine counts as local for AUTH PLAIN without TLS", arguments: [
            ("localhost", true), ("127.0.0.1", true), ("127.1.2.3", true), ("::1", true),
            ("127.example.org", false), ("192.0.2.10", false), ("mail.syt.test", false), ("1270.0.0.1", false),
        ])
        func local(host: String, isLocal: Bool) {
            #expect(SMTPMailer(.init(host: host, from: "chitieu@syt.test")).isLocal == isLocal)
        }

        @Test("a plain ASCII subject stays as is; any other is split in encoded words of at most 75 characters")
        func encodedHeader() {
            #expect(SMTPMessage.encodedHeader("Reminder 2026NovS2") == "Reminder 2026NovS2")
            let subject = String(repeating: "Nhắc nộp báo cáo kỳ 2026NovS2 — hạn nộp 15/11/2026. ", count: 3)
            let words = SMTPMessage.encodedHeader(subject).components(separatedBy: "\r\n ")
            #expect(words.count > 3)
            #expect(words.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") })
            let decoded = words.map { String(data: Data(base64Encoded: String($0.dropFirst(10).dropLast(2)))!, encoding: .utf8) }
            #expect(decoded.allSatisfy { $0 != nil }, "no word splits a character")
            #expect(decoded.compactMap { $0 }.joined() == subject)
            #expect(SMTPMessage.encodedHeader("a\r\nBcc: x@y.test").hasPrefix("=?UTF-8?B?"), "line breaks never reach a header")
        }

        @Test("dot-stuffing doubles a leading dot and ends with the lone dot line")
        func dotStuffing() {
            #expect(SMTPMessage.dotStuffed("a\r\n.b\r\n.\r\nc\r\n") == "a\r\n..b\r\n..\r\nc\r\n.\r\n")
            #expect(SMTPMessage.dotStuffed("a") == "a\r\n.\r\n")
        }

        @Test("the date header is RFC 5322 in Việt Nam time")
        func dateHeader() {
            #expect(SMTPMessage.dateText(Date(timeIntervalSince1970: 1_794_117_000)) == "Sun, 08 Nov 2026 12:50:00 +0700")
        }
    }
}
