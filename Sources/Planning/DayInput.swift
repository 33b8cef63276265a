import Foundation

/// Reading days people type: `01/06/2026` (vi-VN, also `1/6/2026`) or ISO `2026-06-01`.
public enum DayInput {
    public static func parse(_ text: String) -> Day? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let iso = Day(iso: trimmed) { return iso }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              parts[2].count == 4, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
              (1...12).contains(m), (1...Day.days(inMonth: m, year: y)).contains(d) else { return nil }
        return Day(y, m, d)
    }
}
