import Foundation
import Vapor

struct Mail: Sendable {
    let to: String
    let subject: String
    let body: String
}

/// Sends e-mail. Failures are logged, never thrown: the in-app notice is already written.
protocol Mailer: Sendable {
    /// `email` or `log`, as recorded with each reminder.
    var channel: String { get }
    func send(_ mails: [Mail], logger: Logger) async
}

/// Without SMTP settings, e-mails are written to the log instead of sent.
struct LogMailer: Mailer {
    var channel: String { "log" }

    func send(_ mails: [Mail], logger: Logger) async {
        for mail in mails {
            logger.notice("Thư chưa gửi (chưa cấu hình SMTP) → \(mail.to): \(mail.subject)")
        }
    }
}

extension Application {
    private struct MailerKey: StorageKey { typealias Value = any Mailer }

    var mailer: any Mailer {
        get { storage[MailerKey.self] ?? LogMailer() }
        set { storage[MailerKey.self] = newValue }
    }
}
