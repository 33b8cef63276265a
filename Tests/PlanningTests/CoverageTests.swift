import Testing
@testable import Planning

@Suite("Coverage before verdicts") struct CoverageTests {
    typealias T = AssessmentTests
    static let units = (1...10).map { Organisation(code: "U\($0)", name: "U\($0)", kind: .districtHealthCentre, isMedical: true, parentCode: "SYT") }
    static let milestone2026 = [MilestoneTarget(year: 2026, text: "≥ 40", target: .atLeast(40)), MilestoneTarget(year: 2030, text: "≥ 60", target: .atLeast(60))]

    static func values(_ count: Int, in period: ReportingPeriod, numerator: Double = 50) -> [String: [ReportingPeriod: ReportedValue]] {
        Dictionary(uniqueKeysWithValues: units.prefix(count).map { ($0.code, [period: ReportedValue.ratio(numerator: numerator, denominator: 100)]) })
    }

    @Test("percentage and threshold", arguments: [
        (8, 10, 80.0, true), (7, 10, 80.0, false), (1, 20, 80.0, false), (20, 20, 80.0, true), (0, 0, 80.0, false), (0, 5, 0.0, true),
    ])
    func threshold(reported: Int, expected: Int, threshold: Double, suffices: Bool) {
        #expect(Coverage(reported: reported, expected: expected).suffices(threshold: threshold) == suffices)
    }

    @Test("a milestone year's verdict with 1 of 10 units is provisional; with 8 of 10 it is final", arguments: [
        (1, true), (7, true), (8, false), (10, false),
    ])
    func milestoneVerdict(reported: Int, provisional: Bool) {
        let indicator = T.indicator(.ratio, .stock, targets: Self.milestone2026)
        let result = Assessment.assess(indicator, in: T.s2, milestoneYears: [2026, 2030], organisations: Self.units, values: Self.values(reported, in: T.s2))
        #expect(result.evaluation.status == .exceeded)
        #expect(result.isProvisional == provisional && result.coverage == Coverage(reported: reported, expected: 10))
    }

    @Test("the threshold is a setting; no data, no target and no baseline are never provisional")
    func setting() {
        let indicator = T.indicator(.ratio, .stock, targets: Self.milestone2026)
        let half = Assessment.assess(indicator, in: T.s2, milestoneYears: [2026, 2030], organisations: Self.units, values: Self.values(5, in: T.s2), coverageThreshold: 50)
        #expect(!half.isProvisional)
        let strict = Assessment.assess(indicator, in: T.s2, milestoneYears: [2026, 2030], organisations: Self.units, values: Self.values(9, in: T.s2), coverageThreshold: 100)
        #expect(strict.isProvisional)
        let none = Assessment.assess(indicator, in: T.s2, milestoneYears: [2026, 2030], organisations: Self.units, values: [:])
        #expect(none.evaluation.status == .noData && !none.isProvisional)
        let awaiting = T.indicator(.ratio, .stock, targets: [MilestoneTarget(year: 2025, text: "-", target: .none), MilestoneTarget(year: 2030, text: "≥ 90", target: .atLeast(90))])
        let first = Assessment.assess(awaiting, in: T.s1, milestoneYears: [2025, 2030], organisations: Self.units, values: Self.values(1, in: T.s1))
        #expect(first.evaluation.status == .noBaseline && !first.isProvisional)
    }

    @Test("a stock's unit silent in the second half is carried forward: its value counts, it is named, it is not reporting")
    func carriedForward() throws {
        var values = Self.values(10, in: T.s1, numerator: 30)
        for unit in Self.units.prefix(3) { values[unit.code]?[T.s2] = .ratio(numerator: 60, denominator: 100) }
        let indicator = T.indicator(.ratio, .stock, targets: Self.milestone2026)
        let result = Assessment.assess(indicator, in: T.s2, milestoneYears: [2026, 2030], organisations: Self.units, values: values)
        #expect(result.coverage.reported == 3 && result.coverage.expected == 10)
        #expect(result.coverage.carriedForward == (4...10).map { "U\($0)" })
        guard case .ratio(let numerator, let denominator, _)? = result.value else { Issue.record("no ratio"); return }
        #expect((numerator, denominator) == (3 * 60 + 7 * 30, 1000), "the carried values still make the year's stock")
        #expect(result.isProvisional && result.evaluation.status == .notMet)
        let first = Assessment.assess(indicator, in: T.s1, milestoneYears: [2026, 2030], organisations: Self.units, values: values)
        #expect(first.coverage == Coverage(reported: 10, expected: 10) && !first.isProvisional)
    }

    @Test("a value from an earlier year is not carried into the next year")
    func notAcrossYears() {
        let earlier = ReportingPeriod(year: 2025, half: .second)
        let values = Self.values(4, in: earlier)
        let result = Assessment.assess(T.indicator(.ratio, .stock, targets: Self.milestone2026), in: T.s1, milestoneYears: [2026, 2030],
                                       organisations: Self.units, values: values)
        #expect(result.coverage == Coverage(reported: 0, expected: 10) && result.value == nil)
    }

    @Test("beyond a few carried units, the count tells how many and the first few in scope order are named")
    func manyCarried() throws {
        // setup: 30 units, only U1 reports the second half; U2…U30 are carried
        let units = (1...30).map { Organisation(code: "U\($0)", name: "U\($0)", kind: .districtHealthCentre, isMedical: true, parentCode: "SYT") }
        var values = Dictionary(uniqueKeysWithValues: units.map { ($0.code, [T.s1: ReportedValue.ratio(numerator: 30, denominator: 100)]) })
        values["U1"]?[T.s2] = .ratio(numerator: 60, denominator: 100)
        let indicator = T.indicator(.ratio, .stock, targets: Self.milestone2026)
        // act
        let result = Assessment.assess(indicator, in: T.s2, milestoneYears: [2026, 2030], organisations: units, values: values)
        let few = Coverage(reported: 1, expected: 3, carriedForward: ["B", "C"])
        // validate
        #expect(result.coverage.carriedCount == 29)
        #expect(result.coverage.carriedForward == (2...21).map { "U\($0)" }, "the first \(Coverage.namedCarried), in scope order")
        #expect(few.carriedCount == 2 && few.carriedForward == ["B", "C"])
    }
}
