import Foundation

/// Kỳ báo cáo — one six-month reporting period, identified by its reporting year and half.
///
/// The reporting year runs 1 November – 31 October and is named by the year it ends in, as DHIS2's
/// six-monthly-November periods are: `2026NovS1` is 1 Nov 2025 – 30 Apr 2026 (due 1 June 2026),
/// `2026NovS2` is 1 May – 31 Oct 2026 (due 15 November 2026).
public struct ReportingPeriod: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Half: Int, Sendable, Hashable, CaseIterable { case first = 1, second = 2 }

    public let year: Int
    public let half: Half

    /// The years a period or a milestone may have: far beyond any plan, and small enough that every loop over
    /// years stays short.
    public static let years = 1900...2999

    public init(year: Int, half: Half) {
        self.year = year
        self.half = half
    }

    public enum ParseError: Error, Equatable, Sendable {
        /// Not of the form `YYYYNovS1` / `YYYYNovS2`.
        case malformed(String)
    }

    /// Reads a DHIS2 six-monthly-November code such as `2026NovS1`.
    public init(code: String) throws(ParseError) {
        let text = code.trimmingCharacters(in: .whitespaces)
        guard text.count == 9, text.dropFirst(4).prefix(4) == "NovS",
              let year = Int(text.prefix(4)), Self.years.contains(year),
              let number = Int(text.suffix(1)), let half = Half(rawValue: number) else {
            throw .malformed(code)
        }
        self.init(year: year, half: half)
    }

    public var code: String { "\(year)NovS\(half.rawValue)" }
    public var description: String { code }

    public static func < (a: ReportingPeriod, b: ReportingPeriod) -> Bool {
        (a.year, a.half.rawValue) < (b.year, b.half.rawValue)
    }

    public var next: ReportingPeriod {
        half == .first ? ReportingPeriod(year: year, half: .second) : ReportingPeriod(year: year + 1, half: .first)
    }

    public var previous: ReportingPeriod {
        half == .second ? ReportingPeriod(year: year, half: .first) : ReportingPeriod(year: year - 1, half: .second)
    }

    /// The period the year's result is read from (the second half closes the reporting year).
    public var closesYear: Bool { half == .second }

    /// Both periods of a reporting year, in order.
    public static func periods(ofYear year: Int) -> [ReportingPeriod] {
        Half.allCases.map { ReportingPeriod(year: year, half: $0) }
    }
}
