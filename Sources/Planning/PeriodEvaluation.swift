import Foundation

extension Evaluator {
    /// Judges an indicator's value for a reporting period against what its year expects.
    ///
    /// - The second half of a milestone year closes that year: exceeded / met / not met against the
    ///   milestone. Any other period is judged on track / behind against the trajectory of its year.
    /// - A counted flow's first-half value is half a year's worth: it is held against half the year's
    ///   target. (A ratio stays a percentage whatever part of the year it covers, so it is not halved.)
    /// - Where the milestone before the year has no target, the line starts at `baseline`; without one yet the status
    ///   is "no baseline" (never "no target" while a later milestone has a target).
    /// - Parameter value: the year-to-date value as `Consolidation.yearValue` gives it.
    public static func evaluate(_ value: ComparableValue?, of indicator: Indicator, in period: ReportingPeriod,
                                milestoneYears: [Int], baseline: Baseline? = nil) -> Evaluation {
        evaluate(value, of: indicator, in: period, milestoneYears: milestoneYears, expectation: indicator.expectation(in: period.year, baseline: baseline))
    }

    /// The same, with the year's expectation already worked out.
    public static func evaluate(_ value: ComparableValue?, of indicator: Indicator, in period: ReportingPeriod,
                                milestoneYears: [Int], expectation: Expectation) -> Evaluation {
        if case .awaitingBaseline = expectation { return Evaluation(status: .noBaseline, value: value, target: nil, gap: nil) }
        let isFinal = period.closesYear && milestoneYears.contains(period.year)
        return evaluate(value, against: expectedForPeriod(expectation.target, of: indicator, in: period), isFinal: isFinal)
    }

    /// A counted flow's first half is held against half the year's target.
    public static func expectedForPeriod(_ target: Target, of indicator: Indicator, in period: ReportingPeriod) -> Target {
        indicator.aggregation == .flow && indicator.measure == .count && period.half == .first ? halved(target) : target
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
