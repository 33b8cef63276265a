import Testing
@testable import Planning

/// The forecast to the next milestone uses the baseline as a point of the series, so it appears from the first year after it.
@Suite("Forecast from a baseline") struct BaselineForecastTests {
    /// CT24-like: "-" in 2025, 80 in 2030.
    static let targets = [MilestoneTarget(year: 2025, text: "-", target: .none), MilestoneTarget(year: 2030, text: "80", target: .minimum(80))]
    static let unit = Organisation(code: "A", name: "A", kind: .provincialHospital, isMedical: true, parentCode: nil)

    static func indicator(_ measure: Measure, _ aggregation: Aggregation) -> Indicator {
        Indicator(code: "CT24", number: 24, group: "IV", name: "Thử", unit: "%", leadOfficeText: "", leadOffices: [], implementers: "",
                  reporters: .allOrganisations, measure: measure, aggregation: aggregation, scale: [], targets: targets, note: nil)
    }

    static let entered = Baseline(year: 2025, value: .number(40), source: .entered(source: "Thống kê 2025", by: "Phòng BHYT"))

    @Test("with only 2026 reported, an entered 2025 baseline makes the second point", arguments: [
        // (measure, aggregation, period, value, baseline, forecast 2030 or nil)
        (Measure.ratio, Aggregation.stock, ReportingPeriod(year: 2026, half: .first), ReportedValue.ratio(numerator: 50, denominator: 100), entered as Baseline?, 90.0 as Double?),
        (.ratio, .stock, ReportingPeriod(year: 2026, half: .second), .ratio(numerator: 48, denominator: 100), entered, 80.0),
        (.ratio, .stock, ReportingPeriod(year: 2026, half: .second), .ratio(numerator: 48, denominator: 100), nil, nil),
        // a flow's current year counts only once it closes: in 2026 S1 the series holds the baseline alone
        (.count, .flow, ReportingPeriod(year: 2026, half: .first), .count(3), Baseline(year: 2025, value: .number(1), source: .entered(source: "s", by: "P")), nil),
        (.count, .flow, ReportingPeriod(year: 2026, half: .second), .count(3), Baseline(year: 2025, value: .number(1), source: .entered(source: "s", by: "P")), 11.0),
    ])
    func forecast(measure: Measure, aggregation: Aggregation, period: ReportingPeriod, value: ReportedValue, baseline: Baseline?, expected: Double?) {
        // setup
        let values: [String: [ReportingPeriod: ReportedValue]] = ["A": [period: value]]
        // act
        let result = Assessment.assess(Self.indicator(measure, aggregation), in: period, milestoneYears: [2025, 2030], organisations: [Self.unit],
                                       values: values, baseline: baseline)
        // validate
        #expect(result.forecast.map { ($0.value * 1000).rounded() / 1000 } == expected)
        if let expected { #expect(result.forecast?.year == 2030 && result.forecast?.meetsTarget == (expected >= 80)) }
    }

    @Test("a reported value of the baseline's year stays; the baseline does not replace it")
    func reportedYearWins() throws {
        // setup: 2025 reported as 60 %, baseline entered as 40 % for 2025
        let s2025 = ReportingPeriod(year: 2025, half: .second), s2026 = ReportingPeriod(year: 2026, half: .second)
        let values: [String: [ReportingPeriod: ReportedValue]] = ["A": [s2025: .ratio(numerator: 60, denominator: 100), s2026: .ratio(numerator: 64, denominator: 100)]]
        // act
        let result = Assessment.assess(Self.indicator(.ratio, .stock), in: s2026, milestoneYears: [2025, 2030], organisations: [Self.unit],
                                       values: values, baseline: Self.entered)
        // validate: the line 60 → 64 gives 80 in 2030; the expectation still starts at the entered 40
        let forecast = try #require(result.forecast)
        #expect(abs(forecast.value - 80) < 1e-9)
        #expect(result.expected == .atLeast(48) && result.baseline == Self.entered)
    }

    @Test("a computed baseline (first reported year) is a point only where it is that year's data anyway")
    func computedBaseline() {
        let s2026 = ReportingPeriod(year: 2026, half: .second)
        let values: [String: [ReportingPeriod: ReportedValue]] = ["A": [s2026: .ratio(numerator: 50, denominator: 100)]]
        let result = Assessment.assess(Self.indicator(.ratio, .stock), in: s2026, milestoneYears: [2025, 2030], organisations: [Self.unit], values: values)
        #expect(result.baseline?.source == .firstReportedYear && result.baseline?.year == 2026 && result.forecast == nil)
    }
}
