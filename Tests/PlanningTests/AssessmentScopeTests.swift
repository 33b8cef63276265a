import Testing
@testable import Planning

@Suite("A unit is judged against what applies to a unit") struct AssessmentScopeTests {
    typealias T = AssessmentTests
    static let years = [2025, 2030]
    static let researchCount = T.indicator(.count, .flow, targets: [MilestoneTarget(year: 2025, text: "≥ 1", target: .atLeast(1)),
                                                                    MilestoneTarget(year: 2030, text: "≥ 2", target: .atLeast(2))])

    @Test("a sector total is never held against one unit or a group without a plan: sector total, no forecast, a share of the whole")
    func countForUnit() {
        // setup
        let values: [String: [ReportingPeriod: ReportedValue]] = ["H": [T.s2: .count(1)], "C": [T.s2: .count(3)]]
        // act
        let unit = Assessment.assess(Self.researchCount, in: T.s2, milestoneYears: Self.years, organisations: [T.hospital], values: values, scope: .unit(own: []))
        let group = Assessment.assess(Self.researchCount, in: T.s2, milestoneYears: Self.years, organisations: [T.hospital], values: values, scope: .group)
        let sector = Assessment.assess(Self.researchCount, in: T.s2, milestoneYears: Self.years, organisations: [T.hospital, T.centre], values: values)
        // validate
        #expect(unit.evaluation.status == .sectorTotal && unit.targetSource == .sectorTotal && unit.forecast == nil && !unit.isProvisional)
        #expect(unit.value == .count(1) && unit.share(of: sector) == 25)
        #expect(group.evaluation.status == .sectorTotal)
        let silent = Assessment.assess(Self.researchCount, in: T.s2, milestoneYears: Self.years, organisations: [T.centre], values: [:], scope: .unit(own: []))
        #expect(silent.evaluation.status == .noData && silent.targetSource == .sectorTotal, "a unit with nothing reported has no data, whatever its targets")
        #expect(sector.evaluation.status == .onTrack && sector.targetSource == .sector, "4 against the line from 1 to 2 (1,2 in 2026)")
    }

    @Test("a count with the unit's own plan is judged against it")
    func countWithOwnPlan() {
        let own = [MilestoneTarget(year: 2030, text: "≥ 5", target: .atLeast(5)), MilestoneTarget(year: 2025, text: "≥ 1", target: .atLeast(1))]
        let result = Assessment.assess(Self.researchCount, in: T.s2, milestoneYears: Self.years, organisations: [T.hospital],
                                       values: ["H": [T.s2: .count(1)]], scope: .unit(own: own))
        #expect(result.targetSource == .unitPlan && result.expected == .atLeast(1.8) && result.evaluation.status == .behind)
    }

    @Test("ratios, shares and levels use the unit's own target where set, else the sector's", arguments: [Measure.ratio, .shareOfUnits])
    func ratioOwnElseSector(measure: Measure) {
        let indicator = T.indicator(measure, .stock)
        let value: ReportedValue = measure == .ratio ? .ratio(numerator: 50, denominator: 100) : .yesNo(true)
        let values: [String: [ReportingPeriod: ReportedValue]] = ["H": [T.s2: value]]
        let sectorTargets = Assessment.assess(indicator, in: T.s2, milestoneYears: Self.years, organisations: [T.hospital], values: values, scope: .unit(own: []))
        #expect(sectorTargets.targetSource == .sector && sectorTargets.expected == .atLeast(44))
        let own = [MilestoneTarget(year: 2025, text: "≥ 60", target: .atLeast(60)), MilestoneTarget(year: 2030, text: "≥ 100", target: .atLeast(100))]
        let ownTargets = Assessment.assess(indicator, in: T.s2, milestoneYears: Self.years, organisations: [T.hospital], values: values, scope: .unit(own: own))
        #expect(ownTargets.targetSource == .unitPlan && ownTargets.expected == .atLeast(68))
    }

    @Test("a year the unit left blank has no unit target: the line runs from the unit's own baseline to its next target")
    func blankYearIsNotTheSectors() {
        let indicator = T.indicator(.ratio, .stock)
        let own = [MilestoneTarget(year: 2030, text: "≥ 90", target: .atLeast(90))]
        let earlier = ReportingPeriod(year: 2025, half: .second)
        let values: [String: [ReportingPeriod: ReportedValue]] = ["H": [earlier: .ratio(numerator: 50, denominator: 100), T.s2: .ratio(numerator: 55, denominator: 100)]]
        let result = Assessment.assess(indicator, in: T.s2, milestoneYears: Self.years, organisations: [T.hospital], values: values, scope: .unit(own: own))
        #expect(result.baseline == Baseline(year: 2025, value: .number(50), source: .firstReportedYear))
        #expect(result.expected == .atLeast(58) && result.evaluation.status == .behind, "50 → 90 over five years: 58 in 2026, not the sector's 44")
        let first = Assessment.assess(indicator, in: earlier, milestoneYears: Self.years, organisations: [T.hospital], values: values, scope: .unit(own: own))
        #expect(first.evaluation.status == .noBaseline, "the blank 2025 does not take the sector's ≥ 40")
    }

    @Test("the judged indicator puts '-' in the plan's milestone years the unit left blank")
    func ownPlanMilestones() {
        let (judged, source) = T.indicator(.ratio, .stock).judged(as: .unit(own: [MilestoneTarget(year: 2030, text: "≥ 90", target: .atLeast(90))]))
        #expect(source == .unitPlan && judged.targets.map(\.year) == [2025, 2030] && judged.targets.map(\.text) == ["-", "≥ 90"])
        #expect(T.indicator(.count, .stock).isSectorTotal && !T.indicator(.ratio, .stock).isSectorTotal)
    }
}
