import Testing
@testable import Planning

@Suite("Unit plans, tasks and funding") struct UnitPlanAndTaskTests {
    static let scale = ["Chưa có", "Có", "Ứng dụng mạnh mẽ"]

    @Test("a unit target below the sector's is flagged", arguments: [
        (Target.atLeast(90), Target.minimum(100), true),
        (.minimum(100), .minimum(100), false),
        (.atLeast(100), .minimum(100), false),
        (.atLeast(80), .greaterThan(80), true),     // "> 80" asks for more than "≥ 80"
        (.greaterThan(80), .greaterThan(80), false),
        (.atLeast(85), .greaterThan(80), false),
        (.range(low: 70, high: 95), .range(low: 80, high: 90), true),
        (.range(low: 80, high: 95), .range(low: 80, high: 90), false),
        (.atLeast(3), .none, false),
        (.none, .none, false),
        (.level("Có", rank: 1), .level("Ứng dụng mạnh mẽ", rank: 2), true),
        (.level("Ứng dụng mạnh mẽ", rank: 2), .level("Có", rank: 1), false),
        (.atLeast(5), .level("Có", rank: 1), true),   // a number cannot meet a level: flagged for a person to look at
    ])
    func belowSector(unit: Target, sector: Target, flagged: Bool) {
        #expect((UnitPlan.flag(unit: unit, sector: sector) != nil) == flagged)
    }

    @Test("a unit with no target where the sector has one is flagged as missing")
    func missing() {
        #expect(UnitPlan.flag(unit: .none, sector: .atLeast(2)) == .missing(sector: .atLeast(2)))
    }

    @Test("a task not done after its end is overdue", arguments: [
        (TaskStatus.inProgress, Day(2026, 6, 30), Day(2026, 7, 1), true),
        (.inProgress, Day(2026, 6, 30), Day(2026, 6, 30), false),   // due that day: not yet overdue
        (.notStarted, Day(2026, 6, 30), Day(2027, 1, 1), true),
        (.stalled, Day(2026, 6, 30), Day(2026, 12, 1), true),
        (.done, Day(2026, 6, 30), Day(2027, 1, 1), false),
    ])
    func overdue(status: TaskStatus, end: Day, today: Day, expected: Bool) {
        #expect(TaskSchedule.isOverdue(end: end, status: status, today: today) == expected)
    }

    @Test("funding totals by source, every source present, in whole đồng")
    func funding() {
        let totals = Funding.totals([
            FundingLine(source: .stateBudget, planned: 500_000_000, spent: 120_000_000),
            FundingLine(source: .ownRevenue, planned: 80_000_000, spent: 80_000_000),
            FundingLine(source: .stateBudget, planned: 1_500_000_000, spent: 0),
        ])
        #expect(totals.map(\.source) == FundingSource.allCases)
        #expect(totals[0] == FundingLine(source: .stateBudget, planned: 2_000_000_000, spent: 120_000_000))
        #expect(totals[2] == FundingLine(source: .developmentFund, planned: 0, spent: 0))
        #expect(Funding.totals([]).allSatisfy { $0.planned == 0 && $0.spent == 0 })
    }
}

@Suite("Evaluation of a period") struct PeriodEvaluationTests {
    static let years = [2025, 2030, 2035, 2040, 2045]

    static func indicator(_ measure: Measure, _ aggregation: Aggregation, _ targets: [(Int, Target)]) -> Indicator {
        Indicator(code: "CT99", number: 99, group: "I", name: "Thử", unit: nil, leadOfficeText: "P", leadOffices: ["P"], implementers: "",
                  reporters: .allOrganisations, measure: measure, aggregation: aggregation, scale: [],
                  targets: targets.map { MilestoneTarget(year: $0.0, text: "", target: $0.1) }, note: nil)
    }

    /// CT05's shape: ≥1 projects a year in 2025, ≥2 in 2030 (a counted flow).
    static let projects = indicator(.count, .flow, [(2025, .atLeast(1)), (2030, .atLeast(2)), (2035, .atLeast(4)), (2040, .atLeast(6)), (2045, .atLeast(8))])
    /// CT22's shape: a ratio flow, ≥ 80 % in 2025 and ≥ 85 % in 2030.
    static let online = indicator(.ratio, .flow, [(2025, .atLeast(80)), (2030, .atLeast(85)), (2035, .atLeast(95)), (2040, .minimum(100)), (2045, .minimum(100))])

    @Test("the second half of a milestone year is final: exceeded, met, not met")
    func milestoneYear() {
        let period = ReportingPeriod(year: 2030, half: .second)
        #expect(Evaluator.evaluate(.number(3), of: Self.projects, in: period, milestoneYears: Self.years).status == .exceeded)
        #expect(Evaluator.evaluate(.number(2), of: Self.projects, in: period, milestoneYears: Self.years).status == .met)
        #expect(Evaluator.evaluate(.number(1), of: Self.projects, in: period, milestoneYears: Self.years).status == .notMet)
    }

    @Test("other periods are on track or behind the year's trajectory")
    func trajectoryYears() {
        let closing2027 = ReportingPeriod(year: 2027, half: .second)   // expects ≥ 1,4
        #expect(Evaluator.evaluate(.number(2), of: Self.projects, in: closing2027, milestoneYears: Self.years).status == .onTrack)
        let behind = Evaluator.evaluate(.number(1), of: Self.projects, in: closing2027, milestoneYears: Self.years)
        #expect(behind.status == .behind)
        #expect(behind.target == .atLeast(1.4))
        #expect(behind.gap.map { abs($0 + 0.4) < 1e-9 } == true)
    }

    @Test("a counted flow's first half is held against half the year; a ratio's is not halved")
    func firstHalf() {
        let s1 = ReportingPeriod(year: 2030, half: .first)
        let half = Evaluator.evaluate(.number(1), of: Self.projects, in: s1, milestoneYears: Self.years)
        #expect(half.status == .onTrack && half.target == .atLeast(1))
        #expect(Evaluator.evaluate(.number(0), of: Self.projects, in: s1, milestoneYears: Self.years).status == .behind)
        let ratio = Evaluator.evaluate(.number(82), of: Self.online, in: s1, milestoneYears: Self.years)
        #expect(ratio.status == .behind && ratio.target == .atLeast(85))
    }

    @Test("no data, no baseline and no target are told apart")
    func missing() {
        let period = ReportingPeriod(year: 2030, half: .second)
        #expect(Evaluator.evaluate(nil, of: Self.projects, in: period, milestoneYears: Self.years).status == .noData)
        let later = Self.indicator(.ratio, .stock, [(2025, .none), (2030, .minimum(100))])
        #expect(Evaluator.evaluate(.number(50), of: later, in: ReportingPeriod(year: 2027, half: .second), milestoneYears: Self.years).status == .noBaseline,
                "a later milestone has a target: the line awaits its baseline, it is not 'no target'")
        let never = Self.indicator(.ratio, .stock, [(2025, .none), (2030, .none)])
        #expect(Evaluator.evaluate(.number(50), of: never, in: ReportingPeriod(year: 2027, half: .second), milestoneYears: Self.years).status == .noTarget)
    }
}
