import Foundation

extension Evaluator {
    /// Judges an indicator's value for a reporting period against what its year expects.
    ///
    /// - The second half of a milestone year closes that year: exceeded / met / not met against the
    ///   milestone. Any other period is judged on track / behind against the trajectory of its year.
    /// - A counted flow's first-half value is half a year's worth: it is held against half the year's
    ///   target. (A ratio stays a percentage whatever part of the year it covers, so it is not halved.)
    /// - Parameter value: the year-to-date value as `Consolidation.yearValue` gives it.
    public static func evaluate(_ value: ComparableValue?, of indicator: Indicator, in period: ReportingPeriod,
                                milestoneYears: [Int]) -> Evaluation {
        var expected = indicator.expected(in: period.year)
        if indicator.aggregation == .flow && indicator.measure == .count && period.half == .first { expected = halved(expected) }
        let isFinal = period.closesYear && milestoneYears.contains(period.year)
        return evaluate(value, against: expected, isFinal: isFinal)
    }

    static func halved(_ target: Target) -> Target {
        switch target {
        case .atLeast(let x): .atLeast(x / 2)
        case .greaterThan(let x): .greaterThan(x / 2)
        case .minimum(let x): .minimum(x / 2)
        case .range(let low, let high): .range(low: low / 2, high: high / 2)
        case .none, .level: target
        }
    }
}
