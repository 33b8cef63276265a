import Foundation
import Planning

/// An e-mail as it goes over SMTP `DATA` (RFC 5322 headers, MIME text body), ready to be dot-stuffed.
struct SMTPMessage: Sendable {
    let from: String
    let to: String
    let subject: String
    let body: String
    let date: Date
    let messageID: String

    init(_ mail: Mail, from: String, date: Date = Date(), messageID: String? = nil) {
        self.from = from
        to = mail.to
        subject = mail.subject
        body = mail.body
        self.date = date
        self.messageID = messageID ?? "<\(UUID().uuidString.lowercased())@\(from.split(separator: "@").last ?? "chitieu")>"
    }

    /// The message with CRLF line ends: 8-bit UTF-8 text when the server takes it (`8BITMIME`) and no line is
    /// too long for it, else base64.
    func rendered(eightBit: Bool) -> String {
        let lines = Self.lines(of: body)
        let sendsEightBit = eightBit && lines.allSatisfy { $0.utf8.count <= 900 }
        var headers = [
            "From: chitieu <\(from)>",
            "To: <\(to)>",
            "Subject: " + Self.encodedHeader(subject),
            "Date: " + Self.dateText(date),
            "Message-ID: " + messageID,
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            // Reminders are sent by the system: out-of-office replies should not answer them (RFC 3834).
            "Auto-Submitted: auto-generated",
        ]
        headers.append("Content-Transfer-Encoding: " + (sendsEightBit ? "8bit" : "base64"))
        let text = sendsEightBit
            ? lines.joined(separator: "\r\n")
            : Self.base64Lines(Data(lines.joined(separator: "\r\n").utf8))
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + text + "\r\n"
    }

    /// Base64 in lines of 76 characters (RFC 2045 §6.8).
    static func base64Lines(_ data: Data) -> String {
        let text = Array(data.base64EncodedString())
        return stride(from: 0, to: text.count, by: 76).map { String(text[$0..<Swift.min($0 + 76, text.count)]) }.joined(separator: "\r\n")
    }

    /// The body's lines, whatever its line ends were.
    static func lines(of text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// A header value as is when it is plain ASCII, else as RFC 2047 `=?UTF-8?B?…?=` words (each at most
    /// 75 characters, never splitting a character), folded onto continuation lines.
    static func encodedHeader(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { (0x20..<0x7F).contains($0.value) }
        if plain && !text.contains("=?") && text.utf8.count <= 900 { return text }
        // 39 bytes make 52 base64 characters: with `=?UTF-8?B?` and `?=`, 64; after `Subject: `, 73 (lines ≤ 78).
        var chunks: [Data] = []
        var chunk = Data()
        for character in text {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                chunks.append(chunk)
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { chunks.append(chunk) }
        return chunks.map { "=?UTF-8?B?" + $0.base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    /// RFC 5322 date in Việt Nam time, e.g. `Sun, 08 Nov 2026 09:30:00 +0700`.
    static func dateText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = Day.vietnam
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// `DATA` content: a line starting with `.` gets another one (RFC 5321 §4.5.2), then the ending `.` line.
    static func dotStuffed(_ message: String) -> String {
        var lines = message.components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n") + "\r\n.\r\n"
    }
}
