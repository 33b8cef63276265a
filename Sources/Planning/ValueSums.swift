import Foundation

/// Tổng các giá trị — organisations' values summed up: what consolidation needs from them, whatever their number.
///
/// Each organisation adds one value (its year value, `Consolidation.yearValue`). The sums are additive, so sums over
/// groups of organisations (computed by the database) add up to the sums over all of them, and consolidating the sums
/// gives what `Consolidation.consolidate` gives for the values themselves.
public struct ValueSums: Sendable, Hashable {
    /// Values shaped as a ratio, and their Σnumerator and Σdenominator.
    public var ratios = 0
    public var numerator = 0.0
    public var denominator = 0.0
    /// Values shaped as a count, and their sum.
    public var counts = 0
    public var amount = 0.0
    /// Yes/no answers, and how many said yes.
    public var answers = 0
    public var yes = 0
    /// Organisations per level text, as written.
    public var levels: [String: Int] = [:]

    public init(ratios: Int = 0, numerator: Double = 0, denominator: Double = 0, counts: Int = 0, amount: Double = 0,
                answers: Int = 0, yes: Int = 0, levels: [String: Int] = [:]) {
        self.ratios = ratios
        self.numerator = numerator
        self.denominator = denominator
        self.counts = counts
        self.amount = amount
        self.answers = answers
        self.yes = yes
        self.levels = levels
    }

    public init(_ values: [ReportedValue]) {
        for value in values { add(value) }
    }

    /// How many values were added.
    public var organisations: Int { ratios + counts + answers + levels.values.reduce(0, +) }

    public mutating func add(_ value: ReportedValue) {
        switch value {
        case .ratio(let n, let d):
            ratios += 1
            numerator += n
            denominator += d
        case .count(let n):
            counts += 1
            amount += n
        case .yesNo(let answer):
            answers += 1
            if answer { yes += 1 }
        case .level(let level):
            levels[level, default: 0] += 1
        }
    }

    public static func + (a: ValueSums, b: ValueSums) -> ValueSums {
        ValueSums(ratios: a.ratios + b.ratios, numerator: a.numerator + b.numerator, denominator: a.denominator + b.denominator,
                  counts: a.counts + b.counts, amount: a.amount + b.amount, answers: a.answers + b.answers, yes: a.yes + b.yes,
                  levels: a.levels.merging(b.levels, uniquingKeysWith: +))
    }

    public static func += (a: inout ValueSums, b: ValueSums) { a = a + b }

    /// The values consolidated as `Consolidation.consolidate` does: nil where it fails (a value of another shape than
    /// the measure, a level not on the scale). No value at all gives what consolidating no value gives.
    public func consolidated(measure: Measure, scale: [String] = []) -> ConsolidatedValue? {
        let ofMeasure = switch measure {
        case .ratio: ratios
        case .count: counts
        case .shareOfUnits: answers
        case .level: levels.values.reduce(0, +)
        }
        guard ofMeasure == organisations else { return nil }
        switch measure {
        case .ratio:
            return .ratio(numerator: numerator, denominator: denominator, percentage: denominator == 0 ? nil : 100 * numerator / denominator)
        case .count:
            return .count(amount)
        case .shareOfUnits:
            return .share(yes: yes, answered: answers, percentage: answers == 0 ? nil : 100 * Double(yes) / Double(answers))
        case .level:
            return distribution(scale: scale)
        }
    }

    /// Organisations per level of `scale` with the lower median, as `Consolidation.levels` gives them.
    func distribution(scale: [String]) -> ConsolidatedValue? {
        var counts = Array(repeating: 0, count: scale.count)
        for (level, count) in levels {
            guard let rank = LevelScale.rank(of: level, in: scale) else { return nil }
            counts[rank] += count
        }
        let total = counts.reduce(0, +)
        // The lower median: the rank of the ((total - 1) / 2)-th organisation, lowest rank first.
        var median: Int?
        if total > 0 {
            let position = (total - 1) / 2
            var seen = 0
            for (rank, count) in counts.enumerated() where count > 0 {
                seen += count
                if seen > position { median = rank; break }
            }
        }
        return .distribution(zip(scale, counts).map { LevelCount(level: $0, count: $1) }, median: median)
    }
}
