import Foundation

/// Đánh giá chỉ tiêu — one indicator over a set of organisations for one period: the consolidated value of the
/// year so far, its evaluation against the year's target or trajectory, how many organisations reported, and a
/// forecast for the next milestone.
public struct Assessment: Sendable, Hashable {
    public let indicator: String
    public let period: ReportingPeriod
    /// nil when no organisation in scope reported.
    public let value: ConsolidatedValue?
    public let evaluation: Evaluation
    /// The target the value is held against (the milestone's, or the trajectory's between milestones).
    public let expected: Target
    /// Units reported in the period / units expected, and the units whose value is carried from earlier in the year.
    public let coverage: Coverage
    /// A verdict given with less coverage than the setting asks: shown as provisional ("chưa đủ số liệu: 1/20 đơn vị").
    public let isProvisional: Bool
    public let forecast: Forecast?
    /// Where the line to the next milestone starts, when the milestone before the year has no target.
    public let baseline: Baseline?
    /// What the year expects: a target, or a baseline still awaited with the next milestone.
    public let expectation: Expectation
    /// Whose targets the value is held against: the sector's, the unit's own plan, or none (a sector total).
    public let targetSource: TargetSource

    public var reportingUnits: Int { coverage.reported }
    public var expectedUnits: Int { coverage.expected }

    /// - Parameters:
    ///   - organisations: the scope (a unit, a kind of unit, the sector); only those the indicator's reporting
    ///     scope includes are expected.
    ///   - values: each organisation's values by period (by organisation code).
    ///   - scope: whom the assessment speaks for, which decides the targets (`AssessmentScope`).
    ///   - coverageThreshold: the coverage, in percent, below which a verdict is provisional.
    public static func assess(_ indicator: Indicator, in period: ReportingPeriod, milestoneYears: [Int],
                              organisations: [Organisation], values: [String: [ReportingPeriod: ReportedValue]],
                              baseline entered: Baseline? = nil, scope: AssessmentScope = .sector,
                              coverageThreshold: Double = Coverage.defaultThreshold) -> Assessment {
        let expectedOrganisations = organisations.filter { indicator.reporters.includes($0) }
        return assess(indicator, in: period, milestoneYears: milestoneYears,
                      input: AssessmentInput(indicator, in: period, organisations: expectedOrganisations, values: values),
                      baseline: entered, scope: scope, coverageThreshold: coverageThreshold)
    }

    /// The same from the values' sums (`AssessmentInput`), however they were computed: the one place the rules apply.
    public static func assess(_ indicator: Indicator, in period: ReportingPeriod, milestoneYears: [Int], input: AssessmentInput,
                              baseline entered: Baseline? = nil, scope: AssessmentScope = .sector,
                              coverageThreshold: Double = Coverage.defaultThreshold) -> Assessment {
        let (judged, targetSource) = indicator.judged(as: scope)
        let yearSums = input.years[period.year] ?? ValueSums()
        let value = yearSums.organisations == 0 ? nil : yearSums.consolidated(measure: indicator.measure, scale: indicator.scale)
        let coverage = input.coverage
        // An entered baseline is the sector's: a unit held against its own plan starts its line at its own first year.
        var baseline = targetSource == .sector ? entered : nil
        var expectation = judged.expectation(in: period.year, baseline: baseline)
        // The first reported year is looked for only where the year's line starts at a baseline.
        if baseline == nil, case .awaitingBaseline = expectation {
            baseline = Self.baseline(indicator, input: input)
            expectation = judged.expectation(in: period.year, baseline: baseline)
        }
        let evaluation = targetSource == .sectorTotal
            ? Evaluation(status: value == nil ? .noData : .sectorTotal, value: value?.comparable, target: nil, gap: nil)
            : Evaluator.evaluate(value?.comparable, of: judged, in: period, milestoneYears: milestoneYears, expectation: expectation)
        return Assessment(indicator: indicator.code, period: period, value: value, evaluation: evaluation,
                          expected: Evaluator.expectedForPeriod(expectation.target, of: indicator, in: period), coverage: coverage,
                          isProvisional: evaluation.status.isVerdict && !coverage.suffices(threshold: coverageThreshold),
                          forecast: targetSource == .sectorTotal ? nil : forecast(judged, period: period, input: input, baseline: baseline),
                          baseline: baseline, expectation: expectation, targetSource: targetSource)
    }

    /// A unit's (or group's) value as a share of the sector's, in percent — how a sector total is shown for a unit.
    /// Nil unless both are counts and the sector's is positive.
    public func share(of sector: Assessment) -> Double? {
        guard case .count(let own)? = value, case .count(let total)? = sector.value, total > 0 else { return nil }
        return 100 * own / total
    }

    /// The consolidated value of the first reporting year with data (up to `period`), as the baseline of the lines that
    /// start where a milestone has no target. Nil when nothing was reported yet.
    static func baseline(_ indicator: Indicator, input: AssessmentInput) -> Baseline? {
        guard let year = input.firstYear, let sums = input.years[year],
              let comparable = sums.consolidated(measure: indicator.measure, scale: indicator.scale)?.comparable else { return nil }
        return Baseline(year: year, value: comparable, source: .firstReportedYear)
    }

    /// The yearly consolidated numbers so far — whole years, and the current year too for a stock (its latest value
    /// stands for the year) — carried to the next milestone. The baseline is a point of the series in its year when
    /// that year has no data, so a forecast appears from the first year after it.
    static func forecast(_ indicator: Indicator, period: ReportingPeriod, input: AssessmentInput, baseline: Baseline? = nil) -> Forecast? {
        guard indicator.measure != .level else { return nil }
        let lastYear = period.closesYear || indicator.aggregation == .stock ? period.year : period.year - 1
        var series: [Int: Double] = [:]
        for year in input.yearsWithData where year <= lastYear {
            // A year with data elsewhere but none from these organisations consolidates no value (a count of 0).
            if case .number(let number)? = (input.years[year] ?? ValueSums()).consolidated(measure: indicator.measure)?.comparable {
                series[year] = number
            }
        }
        // The baseline is a point of the line: a forecast appears from the first year after it.
        if let baseline, baseline.year <= lastYear, series[baseline.year] == nil, case .number(let number) = baseline.value {
            series[baseline.year] = number
        }
        let bounds: ClosedRange<Double>? = indicator.measure == .count ? nil : 0...100
        return Forecast.make(series: series, milestones: indicator.targets, after: lastYear, bounds: bounds)
    }
}

/// Đơn vị chậm — how many organisations with a value stand behind or below their target.
public struct BehindShare: Sendable, Hashable {
    public let behind: Int
    public let assessed: Int
    /// nil when no organisation had a value to judge.
    public var percentage: Double? { assessed == 0 ? nil : 100 * Double(behind) / Double(assessed) }

    /// Counts the organisations judged behind the trajectory or not meeting the target, among those judged at all
    /// (no data and no target are left out of both numbers).
    public init(_ assessments: [Assessment]) {
        let judged = assessments.map(\.evaluation.status).filter(\.isVerdict)
        behind = judged.filter { $0 == .behind || $0 == .notMet }.count
        assessed = judged.count
    }
}
