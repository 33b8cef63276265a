import Foundation

/// Reads a target cell as Appendix I writes it: `≥ 40`, `≥1`, `>80`, `100`, `80-90`, `-`, or a level's words.
public enum TargetParser {
    public enum Failure: Error, Equatable, Sendable {
        /// Text that is not a number form and is not on the indicator's scale.
        case unknownLevel(String, scale: [String])
        /// A band whose low end is above its high end.
        case invalidRange(String)
        /// A number beyond `NumberDomain.quantity` (e.g. a 1 followed by 307 zeros).
        case outOfRange(String)
    }

    public static func parse(_ text: String, scale: [String] = []) -> Result<Target, Failure> {
        let cell = Text.collapsingWhitespace(text)
        let parsed = numberForm(cell, scale: scale)
        if case .success(let target) = parsed, ![target.threshold, target.high].allSatisfy({ $0.map(NumberDomain.quantity.contains) ?? true }) {
            return .failure(.outOfRange(cell))
        }
        return parsed
    }

    private static func numberForm(_ cell: String, scale: [String]) -> Result<Target, Failure> {
        if cell.isEmpty || cell == "-" || cell == "–" || cell == "—" { return .success(.none) }
        for sign in ["≥", ">=", ">"] where cell.hasPrefix(sign) {
            if let number = number(cell.dropFirst(sign.count)) {
                return .success(sign == ">" ? .greaterThan(number) : .atLeast(number))
            }
        }
        if let number = number(Substring(cell)) { return .success(.minimum(number)) }
        if let band = range(cell) {
            guard band.low <= band.high else { return .failure(.invalidRange(cell)) }
            return .success(.range(low: band.low, high: band.high))
        }
        if let rank = LevelScale.rank(of: cell, in: scale) {
            return .success(.level(scale[rank], rank: rank))
        }
        return .failure(.unknownLevel(cell, scale: scale))
    }

    /// A plain decimal number; Vietnamese decimal comma accepted. Digits past Double's range read as infinity, which
    /// `parse` refuses as out of range (with a clearer message than "not a target").
    static func number(_ text: Substring) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
        return Double(trimmed)
    }

    private static func range(_ cell: String) -> (low: Double, high: Double)? {
        let parts = cell.split(whereSeparator: { $0 == "-" || $0 == "–" })
        guard parts.count == 2, let low = number(parts[0]), let high = number(parts[1]) else { return nil }
        return (low, high)
    }
}

/// Text normalisation shared by the parser and the plan file: the PDF splits words across lines.
public enum Text {
    public static func collapsingWhitespace(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// NUL, escape, line breaks and other control characters: never part of a name, code or password.
    public static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
