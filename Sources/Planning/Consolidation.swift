import Foundation

/// Số liệu báo cáo — one organisation's value of one indicator for one period, shaped by the measure.
public enum ReportedValue: Sendable, Hashable {
    case ratio(numerator: Double, denominator: Double)
    case count(Double)
    case yesNo(Bool)
    case level(String)

    public var measure: Measure {
        switch self {
        case .ratio: .ratio
        case .count: .count
        case .yesNo: .shareOfUnits
        case .level: .level
        }
    }
}

/// One level of a scale and how many organisations stand on it.
public struct LevelCount: Sendable, Hashable {
    public let level: String
    public let count: Int
}

/// Giá trị tổng hợp — an indicator's value over several organisations.
public enum ConsolidatedValue: Sendable, Hashable {
    /// `percentage` is nil when Σdenominator is 0: nothing to divide, not 0 %.
    case ratio(numerator: Double, denominator: Double, percentage: Double?)
    case count(Double)
    /// `percentage` is nil when no organisation answered.
    case share(yes: Int, answered: Int, percentage: Double?)
    /// Organisations per level, lowest level first, with the median level (nil when nobody answered).
    case distribution([LevelCount], median: Int?)

    /// The value as compared with a target: a number, or the median rank for levels.
    public var comparable: ComparableValue? {
        switch self {
        case .ratio(_, _, let p), .share(_, _, let p): p.map(ComparableValue.number)
        case .count(let n): .number(n)
        case .distribution(_, let median): median.map { .level(rank: $0) }
        }
    }
}

public enum Consolidation {
    public enum Failure: Error, Equatable, Sendable {
        /// A value whose shape does not fit the indicator's measure.
        case measureMismatch(expected: Measure, found: Measure)
        /// A level that is not on the indicator's scale.
        case unknownLevel(String)
    }

    /// 100 × Σnumerator / Σdenominator — never the mean of the organisations' percentages.
    public static func ratio(_ parts: [(numerator: Double, denominator: Double)]) -> ConsolidatedValue {
        let numerator = parts.reduce(0) { $0 + $1.numerator }
        let denominator = parts.reduce(0) { $0 + $1.denominator }
        return .ratio(numerator: numerator, denominator: denominator,
                      percentage: denominator == 0 ? nil : 100 * numerator / denominator)
    }

    public static func count(_ values: [Double]) -> ConsolidatedValue { .count(values.reduce(0, +)) }

    /// % of answering organisations that said yes.
    public static func shareOfUnits(_ answers: [Bool]) -> ConsolidatedValue {
        let yes = answers.filter { $0 }.count
        return .share(yes: yes, answered: answers.count,
                      percentage: answers.isEmpty ? nil : 100 * Double(yes) / Double(answers.count))
    }

    /// Organisations per level of `scale`, in scale order.
    public static func levels(_ answers: [String], scale: [String]) throws(Failure) -> ConsolidatedValue {
        var counts = Array(repeating: 0, count: scale.count)
        var ranks: [Int] = []
        for answer in answers {
            guard let rank = LevelScale.rank(of: answer, in: scale) else { throw .unknownLevel(answer) }
            counts[rank] += 1
            ranks.append(rank)
        }
        ranks.sort()
        // The lower median: half of the organisations stand at this level or above it.
        let median = ranks.isEmpty ? nil : ranks[(ranks.count - 1) / 2]
        return .distribution(zip(scale, counts).map { LevelCount(level: $0, count: $1) }, median: median)
    }

    /// Consolidates the organisations' values of one indicator for one period.
    public static func consolidate(_ values: [ReportedValue], measure: Measure, scale: [String] = []) throws(Failure) -> ConsolidatedValue {
        if let wrong = values.first(where: { $0.measure != measure }) {
            throw .measureMismatch(expected: measure, found: wrong.measure)
        }
        switch measure {
        case .ratio:
            return ratio(values.compactMap { if case .ratio(let n, let d) = $0 { (n, d) } else { nil } })
        case .count:
            return count(values.compactMap { if case .count(let n) = $0 { n } else { nil } })
        case .shareOfUnits:
            return shareOfUnits(values.compactMap { if case .yesNo(let b) = $0 { b } else { nil } })
        case .level:
            return try levels(values.compactMap { if case .level(let l) = $0 { l } else { nil } }, scale: scale)
        }
    }

    /// One organisation's value for a reporting year from its periods' values.
    ///
    /// A stock takes the latest period that has a value. A flow adds its periods up: counts are summed,
    /// ratios sum their numerators and denominators. Yes/no answers and levels describe a state, so they
    /// always take the latest. Nil when no period of the year has a value.
    public static func yearValue(_ values: [ReportingPeriod: ReportedValue], year: Int, aggregation: Aggregation) -> ReportedValue? {
        let inYear = values.filter { $0.key.year == year }.sorted { $0.key < $1.key }.map(\.value)
        guard let latest = inYear.last else { return nil }
        guard aggregation == .flow else { return latest }
        switch latest {
        case .count:
            return .count(inYear.reduce(0) { if case .count(let n) = $1 { $0 + n } else { $0 } })
        case .ratio:
            var numerator = 0.0, denominator = 0.0
            for case .ratio(let n, let d) in inYear {
                numerator += n
                denominator += d
            }
            return .ratio(numerator: numerator, denominator: denominator)
        case .yesNo, .level:
            return latest
        }
    }
}
