import Foundation
import Vapor

/// Sends e-mail through a plain SMTP relay (RFC 5321), one connection per batch. Meant for a relay on this
/// machine or the Department's own network: there is no TLS, so a password is only sent to localhost.
/// Every failure is logged, never thrown: the in-app notices are already written.
struct SMTPMailer: Mailer {
    let settings: Settings.SMTP
    /// Each exchange with the server (and the connection itself) waits at most this long.
    let timeout: Duration

    var channel: String { "email" }

    init(_ settings: Settings.SMTP, timeout: Duration = .seconds(10)) {
        self.settings = settings
        self.timeout = timeout
    }

    /// True for this machine, where AUTH PLAIN without TLS does not cross a network.
    var isLocal: Bool {
        let host = settings.host.lowercased()
        let octets = host.split(separator: ".", omittingEmptySubsequences: false).map { UInt8($0) }
        let loopback = octets.count == 4 && octets.allSatisfy { $0 != nil } && octets[0] == 127
        return host == "localhost" || host == "::1" || host == "[::1]" || loopback
    }

    func send(_ mails: [Mail], logger: Logger) async {
        let server = "\(settings.host):\(settings.port)"
        let (valid, invalid) = (mails.filter { Self.isAddress($0.to) }, mails.filter { !Self.isAddress($0.to) })
        for mail in invalid { logger.error("Thư không gửi: địa chỉ «\(mail.to)» không hợp lệ (\(mail.subject))") }
        guard !valid.isEmpty else { return }
        guard Self.isAddress(settings.from) else {
            logger.error("Thư không gửi qua \(server): SMTP_FROM «\(settings.from)» không phải địa chỉ e-mail; \(valid.count) thư chưa gửi.")
            return
        }
        if settings.user != nil, !isLocal {
            logger.error("Thư không gửi qua \(server): không gửi mật khẩu SMTP_USER/SMTP_PASSWORD không mã hoá tới máy khác; dùng máy chủ chuyển thư cục bộ (localhost). \(valid.count) thư chưa gửi.")
            return
        }
        var sent = 0
        do {
            try await SMTPConnection.open(host: settings.host, port: settings.port, timeout: timeout) { connection in
                try await deliver(valid, over: &connection, sent: &sent, logger: logger)
            }
        } catch {
            logger.error("Thư không gửi qua SMTP \(server): \(error); \(valid.count - sent) thư chưa gửi.")
            return
        }
        if sent < valid.count {
            logger.warning("SMTP \(server): đã gửi \(sent)/\(valid.count) thư.")
        }
    }

    /// The conversation: greeting, EHLO (HELO for an old server), AUTH PLAIN if configured, one transaction per
    /// mail (a refused mail is logged and the next one goes on), QUIT. Counts in `sent` the mails the server took.
    private func deliver(_ mails: [Mail], over connection: inout SMTPConnection, sent: inout Int, logger: Logger) async throws {
        try await connection.exchange(nil, expect: [220])
        let capabilities: Set<String>
        do {
            let reply = try await connection.exchange("EHLO \(Self.clientName)", expect: [250])
            capabilities = Set(reply.lines.dropFirst().map { $0.uppercased() })
        } catch SMTPFailure.rejected {
            try await connection.exchange("HELO \(Self.clientName)", expect: [250])
            capabilities = []
        }
        if let user = settings.user, let password = settings.password {
            guard capabilities.contains(where: { $0.hasPrefix("AUTH") && $0.split(separator: " ").contains("PLAIN") }) else {
                throw SMTPFailure.refused("máy chủ không nhận AUTH PLAIN")
            }
            let token = Data("\0\(user)\0\(password)".utf8).base64EncodedString()
            try await connection.exchange("AUTH PLAIN \(token)", expect: [235], shown: "AUTH PLAIN")
        }
        let eightBit = capabilities.contains("8BITMIME")
        for mail in mails {
            let message = SMTPMessage(mail, from: settings.from).rendered(eightBit: eightBit)
            do {
                try await connection.exchange("MAIL FROM:<\(settings.from)>" + (eightBit ? " BODY=8BITMIME" : ""), expect: [250])
                try await connection.exchange("RCPT TO:<\(mail.to)>", expect: [250, 251])
                try await connection.exchange("DATA", expect: [354])
                try await connection.sendData(SMTPMessage.dotStuffed(message))
                sent += 1
                logger.debug("Đã gửi thư → \(mail.to): \(mail.subject)")
            } catch SMTPFailure.rejected(let command, let reply) {
                logger.error("Thư tới \(mail.to) không gửi được: máy chủ từ chối \(command): \(reply)")
                try await connection.exchange("RSET", expect: [250])
            }
        }
        _ = try? await connection.exchange("QUIT", expect: [221])
    }

    /// What this machine calls itself in EHLO.
    static var clientName: String {
        let name = ProcessInfo.processInfo.hostName
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
        return !name.isEmpty && name.unicodeScalars.allSatisfy(allowed.contains) ? name : "localhost"
    }

    /// A plain `local@domain` address: nothing that could end an SMTP command line or a header early.
    static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && !"<>()[],;:\\\"".unicodeScalars.contains($0) }
    }
}
