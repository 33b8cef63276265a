import Foundation

/// Writes CSV as RFC 4180 says and Excel reads it: a field with the separator, a quote, CR or LF is quoted (quotes
/// doubled); lines end with CRLF; UTF-8 with a byte-order mark by default, so Excel opens Vietnamese correctly.
public enum CSVWriter {
    public static func data(_ rows: [[String]], separator: Character = ",", byteOrderMark: Bool = true) -> Data {
        var text = byteOrderMark ? "\u{FEFF}" : ""
        for row in rows {
            text += row.map { field(String($0), separator: separator) }.joined(separator: String(separator)) + "\r\n"
        }
        return Data(text.utf8)
    }

    static func field(_ value: String, separator: Character) -> String {
        guard value.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
