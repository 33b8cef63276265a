import Foundation

/// Sums of money in whole đồng (VND has no minor unit), as people type and read them.
public enum Amount {
    /// 10^15 đồng, above any single line of a health department's budget. Keeps the sum of many
    /// lines far from `Int64`'s limit.
    public static let maximum: Int64 = 1_000_000_000_000_000

    /// `1500000`, `1.500.000` (Vietnamese), `1,500,000` (English) or `1 500 000`: digits with one kind of
    /// separator between groups of three. Nil for anything else: a sign, decimals, letters, mixed
    /// separators, a misplaced group, or more than `maximum`.
    public static func parse(_ text: String) -> Int64? {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        let spaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}"]
        let separators = Set(text.filter { !($0.isASCII && $0.isNumber) }.map { spaces.contains($0) ? " " : $0 })
        guard separators.count <= 1 else { return nil }
        var digits = text
        if let separator = separators.first {
            guard [".", ",", " "].contains(separator) else { return nil }
            let groups = text.split(omittingEmptySubsequences: false,
                                    whereSeparator: { $0 == separator || (separator == " " && spaces.contains($0)) })
            guard let first = groups.first, (1...3).contains(first.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            digits = groups.joined()
        }
        guard digits.count <= 19, let value = Int64(digits), value <= maximum else { return nil }
        return value
    }
}

extension Amount {
    /// The sum of amounts, held at `Int64.max` / `Int64.min` rather than trapping: totals of many lines read from the
    /// database must not stop the server, whatever was stored.
    public static func sum<S: Sequence>(_ amounts: S) -> Int64 where S.Element == Int64 {
        amounts.reduce(Int64(0)) { total, amount in
            let (result, overflow) = total.addingReportingOverflow(amount)
            return overflow ? (amount > 0 ? .max : .min) : result
        }
    }
}

extension NumberStyle {
    /// A whole amount with the language's thousands separator: `1.500.000` (vi), `1,500,000` (en).
    /// Exact for every `Int64`, unlike going through `Double`.
    public func amount(_ value: Int64) -> String {
        var digits = String(value.magnitude)
        var grouped = ""
        let separator = self == .vietnamese ? "." : ","
        while digits.count > 3 {
            grouped = separator + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return (value < 0 ? "-" : "") + digits + grouped
    }
}
