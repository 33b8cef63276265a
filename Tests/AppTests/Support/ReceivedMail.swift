import Foundation

/// A message as an SMTP server received it in DATA: header lines (folded ones joined), then the body lines.
struct ReceivedMail {
    let rawLines: [String]
    let headers: [(name: String, value: String)]
    let bodyLines: [String]

    init(_ lines: [String]) {
        rawLines = lines
        let blank = lines.firstIndex(of: "") ?? lines.count
        var headers: [(name: String, value: String)] = []
        for line in lines[..<blank] {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), let last = headers.popLast() {
                headers.append((last.name, last.value + line))
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        self.headers = headers
        bodyLines = blank < lines.count ? Array(lines[(blank + 1)...]) : []
    }

    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }

    /// The Subject with its RFC 2047 `=?UTF-8?B?…?=` words decoded (whitespace between words dropped); nil when a
    /// word is not whole UTF-8 on its own, as RFC 2047 requires.
    var decodedSubject: String? {
        guard let value = header("Subject") else { return nil }
        let words = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.allSatisfy({ $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") }) else { return value }
        var text = ""
        for word in words {
            guard let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))),
                  let part = String(data: data, encoding: .utf8) else { return nil }
            text += part
        }
        return text
    }
}
