import Foundation

/// Reads CSV as Excel and LibreOffice write it: RFC 4180 quoting, CRLF or LF, an optional UTF-8 BOM,
/// and a comma or semicolon delimiter (read from the header line; vi-VN Excel writes semicolons).
public enum CSVReader {
    public enum Failure: Error, Equatable, Sendable {
        case notUTF8
        /// A quoted field that never closes, starting on this line (1-based).
        case unterminatedQuote(line: Int)
    }

    /// The rows of `data`, each with the 1-based line it starts on. Blank lines are skipped.
    public static func rows(_ data: Data) throws(Failure) -> [(line: Int, fields: [String])] {
        guard var text = String(data: data, encoding: .utf8) else { throw .notUTF8 }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return try parse(text, delimiter: delimiter(of: text))
    }

    /// Semicolon when the header (the first non-blank line) has more of them than commas outside quotes:
    /// a name such as `Tên, viết tắt` must not turn a semicolon file into a comma one.
    static func delimiter(of text: String) -> Unicode.Scalar {
        var commas = 0, semicolons = 0, inQuotes = false, blank = true
        for c in text.unicodeScalars {
            if c == "\"" { inQuotes.toggle() }
            if inQuotes { blank = false; continue }
            switch c {
            case ",": commas += 1
            case ";": semicolons += 1
            case "\n", "\r": if !blank { return semicolons > commas ? ";" : "," }
            default: break
            }
            if !c.properties.isWhitespace { blank = false }
        }
        return semicolons > commas ? ";" : ","
    }

    /// Scalar by scalar rather than by `Character`: a combining mark after a quote or a comma must not hide it.
    private static func parse(_ text: String, delimiter: Unicode.Scalar) throws(Failure) -> [(line: Int, fields: [String])] {
        var rows: [(Int, [String])] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false, inQuotes = false
        var line = 1, rowStart = 1
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRow() {
            fields.append(String(field))
            if !(fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty && !quoted) {
                rows.append((rowStart, fields))
            }
            fields = []; field = String.UnicodeScalarView(); quoted = false
        }
        while let c = pending ?? scalars.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let next = scalars.next() {
                        if next == "\"" { field.append("\"") } else { inQuotes = false; pending = next }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty: inQuotes = true; quoted = true
            case delimiter: fields.append(String(field)); field = String.UnicodeScalarView(); quoted = false
            case "\r", "\n":
                // CRLF is one line end
                if c == "\r", let next = scalars.next(), next != "\n" { pending = next }
                endRow(); line += 1; rowStart = line
            default: field.append(c)
            }
        }
        if inQuotes { throw .unterminatedQuote(line: rowStart) }
        if !field.isEmpty || !fields.isEmpty || quoted { endRow() }
        return rows
    }
}
