import Foundation
import Testing
@testable import Planning

private func milestones(_ pairs: [(Int, Target)]) -> [MilestoneTarget] {
    pairs.map { MilestoneTarget(year: $0.0, text: "", target: $0.1) }
}

/// CT24-like: - 80 85 90 99.
private let fromNone = milestones([(2025, .none), (2030, .minimum(80)), (2035, .minimum(85)), (2040, .minimum(90)), (2045, .minimum(99))])
/// CT04-like: - - - 80-90 ≥ 90.
private let late = milestones([(2025, .none), (2030, .none), (2035, .none), (2040, .range(low: 80, high: 90)), (2045, .atLeast(90))])
/// Never a target.
private let never = milestones([(2025, .none), (2030, .none)])
private let baseline2025 = Baseline(year: 2025, value: .number(40), source: .firstReportedYear)

@Suite("Baselines: the line from the first reported year to the next milestone")
struct BaselineTests {
    @Test("from a baseline of 40 % in 2025 to 80 in 2030 the line rises 8 points a year", arguments: [
        (2026, 48.0), (2027, 56.0), (2028, 64.0), (2029, 72.0),
    ])
    func line(year: Int, expected: Double) {
        #expect(Trajectory.expectation(in: year, milestones: fromNone, baseline: baseline2025) == .target(.atLeast(expected)))
    }

    @Test("without a baseline the years before the first target await one, with that milestone named", arguments: [2025, 2026, 2029])
    func awaiting(year: Int) {
        #expect(Trajectory.expectation(in: year, milestones: fromNone, baseline: nil) == .awaitingBaseline(next: fromNone[1]))
    }

    @Test("the baseline's own year awaits it too (the year is the starting point, not judged against itself)")
    func ownYear() {
        #expect(Trajectory.expectation(in: 2025, milestones: fromNone, baseline: baseline2025) == .awaitingBaseline(next: fromNone[1]))
    }

    @Test("a milestone with a target expects its own; after it the ordinary line runs; after the last, the last stays")
    func milestonesAndAfter() {
        #expect(Trajectory.expectation(in: 2030, milestones: fromNone, baseline: nil) == .target(.minimum(80)))
        #expect(Trajectory.expectation(in: 2031, milestones: fromNone, baseline: nil) == .target(.atLeast(81)))
        #expect(Trajectory.expectation(in: 2050, milestones: fromNone, baseline: nil) == .target(.minimum(99)))
    }

    @Test("'-' milestones are stepped over: 2030 and 2035 of CT04 lie on the line from the baseline to 2040's band", arguments: [
        (2030, 53.33), (2035, 66.67), (2039, 77.33),
    ])
    func steppedOver(year: Int, expected: Double) {
        #expect(Trajectory.expectation(in: year, milestones: late, baseline: baseline2025) == .target(.atLeast(expected)))
    }

    @Test("no target in any later milestone is 'no target'; before the plan there is none either")
    func none() {
        #expect(Trajectory.expectation(in: 2027, milestones: never, baseline: baseline2025) == Expectation.none)
        #expect(Trajectory.expectation(in: 2031, milestones: never, baseline: nil) == Expectation.none)
        #expect(Trajectory.expectation(in: 2024, milestones: fromNone, baseline: baseline2025) == Expectation.none)
    }

    @Test("a level baseline holds until the milestone: the unit should not fall below it")
    func levels() {
        let scale = ["Chưa có", "Ứng dụng một số CN", "Ứng dụng mạnh mẽ một số CN"]
        let rows = milestones([(2025, .none), (2030, .none), (2035, .level(scale[1], rank: 1))])
        let base = Baseline(year: 2025, value: .level(rank: 0), source: .firstReportedYear)
        #expect(Trajectory.expectation(in: 2028, milestones: rows, baseline: base, scale: scale) == .target(.level("Chưa có", rank: 0)))
        let off = Baseline(year: 2025, value: .level(rank: 7), source: .firstReportedYear)
        #expect(Trajectory.expectation(in: 2028, milestones: rows, baseline: off, scale: scale) == .awaitingBaseline(next: rows[2]))
    }

    static let indicator = Indicator(code: "CT24", number: 24, group: "IV", name: "Tỉ lệ", unit: "%", leadOfficeText: "", leadOffices: [],
                                     implementers: "", reporters: .allOrganisations, measure: .ratio, aggregation: .stock, scale: [],
                                     targets: fromNone, note: nil)
    static let units = [Organisation(code: "A", name: "A", kind: .provincialHospital, isMedical: true, parentCode: nil),
                        Organisation(code: "B", name: "B", kind: .provincialHospital, isMedical: true, parentCode: nil)]

    @Test("an assessment takes the first reported year's consolidated value as its baseline and judges later years on the line")
    func assessment() throws {
        let s2025 = ReportingPeriod(year: 2025, half: .second), s2026 = ReportingPeriod(year: 2026, half: .second)
        let values: [String: [ReportingPeriod: ReportedValue]] = [
            "A": [s2025: .ratio(numerator: 30, denominator: 100), s2026: .ratio(numerator: 45, denominator: 100)],
            "B": [s2025: .ratio(numerator: 50, denominator: 100), s2026: .ratio(numerator: 50, denominator: 100)],
        ]
        let first = Assessment.assess(Self.indicator, in: s2025, milestoneYears: [2025, 2030], organisations: Self.units, values: values)
        #expect(first.evaluation.status == .noBaseline && first.baseline?.year == 2025)
        if case .awaitingBaseline(let next) = first.expectation { #expect(next.year == 2030) } else { Issue.record("\(first.expectation)") }
        let later = Assessment.assess(Self.indicator, in: s2026, milestoneYears: [2025, 2030], organisations: Self.units, values: values)
        #expect(later.baseline == Baseline(year: 2025, value: .number(40), source: .firstReportedYear), "Σ80/Σ200 in 2025")
        #expect(later.expected == .atLeast(48) && later.evaluation.status == .behind, "47,5 % against the line's 48 %")
        let entered = Baseline(year: 2025, value: .number(30), source: .entered(source: "Báo cáo thống kê 2025", by: "Phòng Bảo hiểm y tế"))
        let withEntered = Assessment.assess(Self.indicator, in: s2026, milestoneYears: [2025, 2030], organisations: Self.units, values: values, baseline: entered)
        #expect(withEntered.expected == .atLeast(40) && withEntered.evaluation.status == .onTrack, "an entered baseline wins")
    }
}
