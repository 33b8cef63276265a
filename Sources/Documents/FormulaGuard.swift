import Foundation

/// Formula injection (CSV injection, OWASP): text beginning with `=`, `+`, `-`, `@`, a tab or a carriage return is
/// evaluated by Excel and LibreOffice when a CSV is opened, or when an .xlsx cell is edited. Such text is written with
/// a leading `'` in CSV (and with Excel's "quote prefix" format in .xlsx, which keeps the text unchanged). A plain
/// number (`-12`, `-3,5`, `+1.5e-3`, `-40%`) is left alone: it stays a number, and it cannot carry a formula.
///
/// Written CSV reads back exactly: text that already begins with quotes followed by such a character gets one more
/// quote, and `restored` takes exactly one away, so `restored(neutralised(t)) == t` for every text.
public enum FormulaGuard {
    static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// Whether a spreadsheet would take this text for a formula.
    public static func isRisky(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, triggers.contains(first) else { return false }
        return !isPlainNumber(text)
    }

    /// The text as a CSV field should hold it.
    public static func neutralised(_ text: String) -> String { needsQuote(text) ? "'" + text : text }

    /// A CSV field written by `neutralised` as it was before.
    public static func restored(_ text: String) -> String {
        guard text.hasPrefix("'"), needsQuote(String(text.dropFirst())) else { return text }
        return String(text.dropFirst())
    }

    /// Risky once its leading quotes are taken away; the quotes count so that the quote added stays tellable.
    static func needsQuote(_ text: String) -> Bool {
        isRisky(String(text.unicodeScalars.drop { $0 == "'" }))
    }

    /// An optional sign, digits with `.` or `,` between groups, an optional exponent, an optional `%`.
    static func isPlainNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        func digits() -> Int {
            let count = scalars.prefix { ("0"..."9").contains($0) }.count
            scalars = scalars.dropFirst(count)
            return count
        }
        if let first = scalars.first, first == "+" || first == "-" { scalars = scalars.dropFirst() }
        guard digits() > 0 else { return false }
        while let separator = scalars.first, separator == "." || separator == "," {
            scalars = scalars.dropFirst()
            guard digits() > 0 else { return false }
        }
        if let e = scalars.first, e == "e" || e == "E" {
            scalars = scalars.dropFirst()
            if let sign = scalars.first, sign == "+" || sign == "-" { scalars = scalars.dropFirst() }
            guard digits() > 0 else { return false }
        }
        if scalars.first == "%" { scalars = scalars.dropFirst() }
        return scalars.isEmpty
    }
}
