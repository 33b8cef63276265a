import Foundation

/// Reading numbers people type. In Vietnamese a comma is the decimal mark and dots group thousands
/// (`1.250` is one thousand two hundred and fifty, `12,5` twelve and a half); in English the reverse.
/// Spaces (also non-breaking) between groups are ignored. Anything else is not a number.
public enum NumberInput {
    public static func parse(_ text: String, style: NumberStyle) -> Double? {
        let compact = text.filter { !$0.isWhitespace }
        guard !compact.isEmpty else { return nil }
        let (group, decimal): (Character, Character) = style == .vietnamese ? (".", ",") : (",", ".")
        var body = Substring(compact)
        var negative = false
        if body.first == "-" { negative = true; body = body.dropFirst() }
        let parts = body.split(separator: decimal, omittingEmptySubsequences: false)
        guard parts.count <= 2, let wholePart = parts.first, !wholePart.isEmpty else { return nil }
        let groups = wholePart.split(separator: group, omittingEmptySubsequences: false)
        // Grouped digits: 1–3 digits, then groups of exactly 3.
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        let digits = groups.joined()
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard digits.allSatisfy(\.isASCIIDigitCharacter), fraction.allSatisfy(\.isASCIIDigitCharacter),
              parts.count == 1 || !fraction.isEmpty,
              let value = Double(digits + (fraction.isEmpty ? "" : "." + fraction)), value.isFinite else { return nil }
        return negative ? -value : value
    }
}

private extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

extension ReportingScope {
    /// The indicators of `indicators` that `organisation` reports, in their order.
    public static func indicators(_ indicators: [Indicator], reportedBy organisation: Organisation) -> [Indicator] {
        indicators.filter { $0.reporters.includes(organisation) }
    }
}
