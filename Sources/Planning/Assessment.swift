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
    public let reportingUnits: Int
    public let expectedUnits: Int
    public let forecast: Forecast?
    /// Where the line to the next milestone starts, when the milestone before the year has no target.
    public let baseline: Baseline?
    /// What the year expects: a target, or a baseline still awaited with the next milestone.
    public let expectation: Expectation

    /// - Parameters:
    ///   - organisations: the scope (a unit, a kind of unit, the sector); only those the indicator's reporting
    ///     scope includes are expected.
    ///   - values: each organisation's values by period (by organisation code).
    public static func assess(_ indicator: Indicator, in period: ReportingPeriod, milestoneYears: [Int],
                              organisations: [Organisation], values: [String: [ReportingPeriod: ReportedValue]],
                              baseline entered: Baseline? = nil) -> Assessment {
        let expectedOrganisations = organisations.filter { indicator.reporters.includes($0) }
        let yearValues = expectedOrganisations.compactMap { organisation -> ReportedValue? in
            let upToPeriod = (values[organisation.code] ?? [:]).filter { $0.key <= period }
            return Consolidation.yearValue(upToPeriod, year: period.year, aggregation: indicator.aggregation)
        }
        let value = yearValues.isEmpty ? nil : try? Consolidation.consolidate(yearValues, measure: indicator.measure, scale: indicator.scale)
        // The first reported year is looked for only where the year's line starts at a baseline.
        var baseline = entered
        var expectation = indicator.expectation(in: period.year, baseline: baseline)
        if baseline == nil, case .awaitingBaseline = expectation {
            baseline = Self.baseline(indicator, upTo: period, organisations: expectedOrganisations, values: values)
            expectation = indicator.expectation(in: period.year, baseline: baseline)
        }
        let evaluation = Evaluator.evaluate(value?.comparable, of: indicator, in: period, milestoneYears: milestoneYears, expectation: expectation)
        return Assessment(indicator: indicator.code, period: period, value: value, evaluation: evaluation,
                          expected: Evaluator.expectedForPeriod(expectation.target, of: indicator, in: period),
                          reportingUnits: yearValues.count, expectedUnits: expectedOrganisations.count,
                          forecast: forecast(indicator, period: period, organisations: expectedOrganisations, values: values, baseline: baseline),
                          baseline: baseline, expectation: expectation)
    }

    /// The consolidated value of the first reporting year with data (up to `period`), as the baseline of the lines that
    /// start where a milestone has no target. Nil when nothing was reported yet.
    static func baseline(_ indicator: Indicator, upTo period: ReportingPeriod, organisations: [Organisation],
                         values: [String: [ReportingPeriod: ReportedValue]]) -> Baseline? {
        let known = organisations.compactMap { values[$0.code] }.map { $0.filter { $0.key <= period } }
        guard let year = known.flatMap(\.keys).map(\.year).min() else { return nil }
        let yearValues = known.compactMap { Consolidation.yearValue($0, year: year, aggregation: indicator.aggregation) }
        guard let comparable = (try? Consolidation.consolidate(yearValues, measure: indicator.measure, scale: indicator.scale))?.comparable else { return nil }
        return Baseline(year: year, value: comparable, source: .firstReportedYear)
    }

    /// The yearly consolidated numbers so far — whole years, and the current year too for a stock (its latest value
    /// stands for the year) — carried to the next milestone. The baseline is a point of the series in its year when
    /// that year has no data, so a forecast appears from the first year after it.
    static func forecast(_ indicator: Indicator, period: ReportingPeriod, organisations: [Organisation],
                         values: [String: [ReportingPeriod: ReportedValue]], baseline: Baseline? = nil) -> Forecast? {
        guard indicator.measure != .level else { return nil }
        let lastYear = period.closesYear || indicator.aggregation == .stock ? period.year : period.year - 1
        let years = Set(values.values.flatMap(\.keys).map(\.year)).filter { $0 <= lastYear }
        var series: [Int: Double] = [:]
        for year in years {
            let yearValues = organisations.compactMap { organisation in
                Consolidation.yearValue((values[organisation.code] ?? [:]).filter { $0.key <= period }, year: year, aggregation: indicator.aggregation)
            }
            if case .number(let number)? = (try? Consolidation.consolidate(yearValues, measure: indicator.measure))?.comparable {
                series[year] = number
            }
        }
        if let baseline, case .number(let number) = baseline.value, baseline.year <= lastYear, series[baseline.year] == nil {
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
        let judged = assessments.map(\.evaluation.status).filter { $0 != .noData && $0 != .noTarget && $0 != .noBaseline }
        behind = judged.filter { $0 == .behind || $0 == .notMet }.count
        assessed = judged.count
    }
}
