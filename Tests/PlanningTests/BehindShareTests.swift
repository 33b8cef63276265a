import Testing
@testable import Planning

@Suite("Units behind, and a unit's own plan") struct BehindShareTests {
    typealias Fixture = AssessmentTests

    static func assessment(_ value: Double?, in period: ReportingPeriod = AssessmentTests.s2, targets: [MilestoneTarget] = AssessmentTests.milestones) -> Assessment {
        let indicator = Fixture.indicator(.ratio, .stock, targets: targets)
        let values: [String: [ReportingPeriod: ReportedValue]] = value.map { ["H": [period: .ratio(numerator: $0, denominator: 100)]] } ?? [:]
        return Assessment.assess(indicator, in: period, milestoneYears: [2025, 2030], organisations: [Fixture.hospital], values: values)
    }

    @Test("behind and not met count as behind; on track, met and exceeded do not; no data and no target are not judged")
    func counts() {
        let statuses = [Self.assessment(30), Self.assessment(50), Self.assessment(nil), Self.assessment(10, targets: [])]
        #expect(statuses.map(\.evaluation.status) == [.behind, .onTrack, .noData, .noTarget])
        let share = BehindShare(statuses)
        #expect((share.behind, share.assessed) == (1, 2) && share.percentage == 50)
        let closing = Self.assessment(50, in: ReportingPeriod(year: 2030, half: .second))
        let notMet = Self.assessment(59, in: ReportingPeriod(year: 2030, half: .second))
        #expect([closing, notMet].map(\.evaluation.status) == [.notMet, .notMet])
        #expect(BehindShare([closing, notMet, Self.assessment(70, in: ReportingPeriod(year: 2030, half: .second))]).behind == 2)
    }

    @Test("with no unit judged there is no share, not 0 %")
    func empty() {
        #expect(BehindShare([]).percentage == nil)
        #expect(BehindShare([Self.assessment(nil)]).percentage == nil)
    }

    @Test("a unit's own milestones replace the sector's; the years it left blank have none; without a plan the sector's stay")
    func judgedAgainstOwnPlan() {
        let indicator = Fixture.indicator(.ratio, .stock)
        let (own, _) = indicator.judged(as: .unit(own: [MilestoneTarget(year: 2030, text: "≥ 90", target: .atLeast(90))]))
        #expect(own.targets.map(\.year) == [2025, 2030] && own.targets.last?.target == .atLeast(90) && own.targets.first?.target == Target.none)
        #expect(indicator.judged(as: .unit(own: [])).indicator == indicator)
        let (both, _) = indicator.judged(as: .unit(own: [MilestoneTarget(year: 2025, text: "≥ 60", target: .atLeast(60)),
                                                         MilestoneTarget(year: 2030, text: "≥ 80", target: .atLeast(80))]))
        #expect(both.expected(in: 2026) == .atLeast(64))
    }
}
