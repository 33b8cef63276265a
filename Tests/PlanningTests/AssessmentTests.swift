import Testing
@testable import Planning

@Suite("Assessment of an indicator over organisations") struct AssessmentTests {
    static let hospital = Organisation(code: "H", name: "H", kind: .provincialHospital, isMedical: true, parentCode: "SYT")
    static let centre = Organisation(code: "C", name: "C", kind: .districtHealthCentre, isMedical: true, parentCode: "SYT")
    static let office = Organisation(code: "O", name: "O", kind: .office, isMedical: false, parentCode: "SYT")
    static let milestones = [MilestoneTarget(year: 2025, text: "≥ 40", target: .atLeast(40)), MilestoneTarget(year: 2030, text: "≥ 60", target: .atLeast(60))]

    static func indicator(_ measure: Measure, _ aggregation: Aggregation, scope: ReportingScope = .allOrganisations,
                          targets: [MilestoneTarget] = milestones) -> Indicator {
        Indicator(code: "CT99", number: 99, group: "I", name: "Thử", unit: "%", leadOfficeText: "P", leadOffices: ["O"], implementers: "",
                  reporters: scope, measure: measure, aggregation: aggregation, scale: [], targets: targets, note: nil)
    }

    static let s1 = ReportingPeriod(year: 2026, half: .first), s2 = ReportingPeriod(year: 2026, half: .second)

    @Test("a ratio consolidates Σnumerator/Σdenominator of each unit's latest value, judged against the trajectory")
    func ratioStock() throws {
        let values: [String: [ReportingPeriod: ReportedValue]] = [
            "H": [Self.s1: .ratio(numerator: 10, denominator: 100), Self.s2: .ratio(numerator: 50, denominator: 100)],
            "C": [Self.s2: .ratio(numerator: 30, denominator: 20)],
        ]
        let result = Assessment.assess(Self.indicator(.ratio, .stock), in: Self.s2, milestoneYears: [2025, 2030],
                                       organisations: [Self.hospital, Self.centre, Self.office], values: values)
        guard case .ratio(80, 120, let percent?)? = result.value else { Issue.record("\(String(describing: result.value))"); return }
        #expect(abs(percent - 66.666) < 0.01)
        #expect(result.evaluation.status == .onTrack && result.expected == .atLeast(44))
        #expect((result.reportingUnits, result.expectedUnits) == (2, 3))
    }

    @Test("a counted flow adds the year's periods; in the first half it is held against half the year's target")
    func countFlow() {
        let indicator = Self.indicator(.count, .flow, targets: [MilestoneTarget(year: 2025, text: "≥ 2", target: .atLeast(2)),
                                                                 MilestoneTarget(year: 2030, text: "≥ 12", target: .atLeast(12))])
        let values: [String: [ReportingPeriod: ReportedValue]] = ["H": [Self.s1: .count(1), Self.s2: .count(2)], "C": [Self.s1: .count(1)]]
        let first = Assessment.assess(indicator, in: Self.s1, milestoneYears: [2025, 2030], organisations: [Self.hospital, Self.centre], values: values)
        #expect(first.value == .count(2) && first.expected == .atLeast(2) && first.evaluation.status == .onTrack)
        let year = Assessment.assess(indicator, in: Self.s2, milestoneYears: [2025, 2030], organisations: [Self.hospital, Self.centre], values: values)
        #expect(year.value == .count(4) && year.expected == .atLeast(4) && year.evaluation.status == .onTrack)
    }

    @Test("no values is no data; organisations outside the indicator's scope are not expected; no target is no target")
    func edges() {
        let medical = Self.indicator(.shareOfUnits, .stock, scope: .medicalUnits)
        let empty = Assessment.assess(medical, in: Self.s2, milestoneYears: [2025, 2030], organisations: [Self.hospital, Self.office], values: [:])
        #expect(empty.value == nil && empty.evaluation.status == .noData && (empty.reportingUnits, empty.expectedUnits) == (0, 1))
        let zero = Assessment.assess(Self.indicator(.ratio, .stock), in: Self.s2, milestoneYears: [2025, 2030], organisations: [Self.hospital],
                                     values: ["H": [Self.s2: .ratio(numerator: 0, denominator: 0)]])
        #expect(zero.evaluation.status == .noData, "0/0 is no data, not 0 %")
        let untargeted = Self.indicator(.count, .flow, targets: [MilestoneTarget(year: 2025, text: "-", target: .none), MilestoneTarget(year: 2030, text: "-", target: .none)])
        #expect(Assessment.assess(untargeted, in: Self.s2, milestoneYears: [2025, 2030], organisations: [Self.hospital],
                                  values: ["H": [Self.s2: .count(3)]]).evaluation.status == .noTarget)
    }

    @Test("the forecast carries whole years to the next milestone")
    func forecast() throws {
        let earlier = ReportingPeriod(year: 2025, half: .second)
        let values: [String: [ReportingPeriod: ReportedValue]] = ["H": [earlier: .ratio(numerator: 40, denominator: 100), Self.s2: .ratio(numerator: 44, denominator: 100)]]
        let result = Assessment.assess(Self.indicator(.ratio, .stock), in: Self.s2, milestoneYears: [2025, 2030], organisations: [Self.hospital], values: values)
        let forecast = try #require(result.forecast)
        #expect(forecast.year == 2030 && abs(forecast.value - 60) < 1e-9 && forecast.meetsTarget == true)
    }
}
