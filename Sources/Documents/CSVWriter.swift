import Foundation

/// Writes CSV as RFC 4180 says and Excel reads it: a field with the separator, a quote, CR or LF is quoted (quotes
/// doubled); lines end with CRLF; UTF-8 with a byte-order mark by default, so Excel opens Vietnamese correctly. Text
/// a spreadsheet would take for a formula gets a leading `'` (`FormulaGuard`); numbers stay as they are.
public enum CSVWriter {
    public static func data(_ rows: [[String]], separator: Character = ",", byteOrderMark: Bool = true) -> Data {
        var text = byteOrderMark ? "\u{FEFF}" : ""
        for row in rows {
            text += row.map { field(FormulaGuard.neutralised($0), separator: separator) }.joined(separator: String(separator)) + "\r\n"
        }
        return Data(text.utf8)
    }

    /// Quoted when it holds a quote, a line break or the separator, looked at scalar by scalar as the reader reads. A
    /// comma file also quotes semicolons, so that a header full of them cannot turn the reader to semicolons (a
    /// semicolon file leaves its decimal commas bare, as Excel writes them).
    static func field(_ value: String, separator: Character) -> String {
        var special: Set<Unicode.Scalar> = ["\"", "\n", "\r"]
        special.formUnion(String(separator).unicodeScalars)
        if separator == "," { special.insert(";") }
        let scalars = value.unicodeScalars
        guard scalars.contains(where: { special.contains($0) }) else { return value }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in scalars {
            if scalar == "\"" { quoted.append("\"") }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }
}
