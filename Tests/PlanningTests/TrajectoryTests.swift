import Testing
@testable import Planning

/// Milestones from (year, target) pairs; the cell text plays no part in the trajectory.
private func milestones(_ pairs: [(Int, Target)]) -> [MilestoneTarget] {
    pairs.map { MilestoneTarget(year: $0.0, text: "", target: $0.1) }
}

/// Row 5 (CT05): ≥1 ≥2 ≥4 ≥6 ≥8.
private let projects = milestones([(2025, .atLeast(1)), (2030, .atLeast(2)), (2035, .atLeast(4)),
                                   (2040, .atLeast(6)), (2045, .atLeast(8))])
/// Row 4 (CT04): - - - 80-90 ≥ 90.
private let regularUse = milestones([(2025, .none), (2030, .none), (2035, .none),
                                     (2040, .range(low: 80, high: 90)), (2045, .atLeast(90))])

@Suite("Expected targets between milestones")
struct TrajectoryTests {
    @Test("a milestone year expects its own target", arguments: [
        (2025, Target.atLeast(1)), (2030, .atLeast(2)), (2035, .atLeast(4)), (2040, .atLeast(6)), (2045, .atLeast(8)),
    ])
    func milestoneYear(year: Int, expected: Target) {
        #expect(Trajectory.expected(in: year, milestones: projects) == expected)
    }

    @Test("a milestone keeps its own form, not an interpolated one", arguments: [
        (2040, Target.range(low: 80, high: 90)), (2045, .atLeast(90)), (2035, .none),
    ])
    func milestoneForm(year: Int, expected: Target) {
        #expect(Trajectory.expected(in: year, milestones: regularUse) == expected)
    }

    @Test("≥1 in 2025 to ≥2 in 2030 moves linearly", arguments: [
        (2026, 1.2), (2027, 1.4), (2028, 1.6), (2029, 1.8),
    ])
    func linear(year: Int, expected: Double) {
        #expect(Trajectory.expected(in: year, milestones: projects) == .atLeast(expected))
    }

    @Test("later segments have their own line", arguments: [
        (2031, 2.4), (2034, 3.6), (2036, 4.4), (2044, 7.6),
    ])
    func laterSegments(year: Int, expected: Double) {
        #expect(Trajectory.expected(in: year, milestones: projects) == .atLeast(expected))
    }

    @Test("interpolated values are rounded to two decimals", arguments: [(2026, 1.33), (2027, 1.67)])
    func rounding(year: Int, expected: Double) {
        let thirds = milestones([(2025, .atLeast(1)), (2028, .atLeast(2))])
        #expect(Trajectory.expected(in: year, milestones: thirds) == .atLeast(expected))
    }

    @Test("between two bare numbers the year expects at least the line's value")
    func minimumToMinimum() {
        let row = milestones([(2025, .minimum(80)), (2030, .minimum(100))])
        #expect(Trajectory.expected(in: 2026, milestones: row) == .atLeast(84))
        #expect(Trajectory.expected(in: 2029, milestones: row) == .atLeast(96))
    }

    @Test("a flat stretch stays flat")
    func flat() {
        let row = milestones([(2030, .minimum(100)), (2035, .minimum(100))])
        #expect(Trajectory.expected(in: 2032, milestones: row) == .atLeast(100))
    }

    @Test("band to band moves both edges")
    func rangeToRange() {
        let row = milestones([(2025, .range(low: 10, high: 20)), (2030, .range(low: 20, high: 40))])
        #expect(Trajectory.expected(in: 2026, milestones: row) == .range(low: 12, high: 24))
        #expect(Trajectory.expected(in: 2029, milestones: row) == .range(low: 18, high: 36))
    }

    @Test("80-90 in 2040 to ≥ 90 in 2045 moves the band's low edge up to 90", arguments: [
        (2041, 82.0), (2042, 84), (2043, 86), (2044, 88),
    ])
    func rangeToAtLeast(year: Int, expected: Double) {
        #expect(Trajectory.expected(in: year, milestones: regularUse) == .atLeast(expected))
    }

    @Test("> x to > y stays strict")
    func greaterThanToGreaterThan() {
        let row = milestones([(2035, .greaterThan(80)), (2040, .greaterThan(90))])
        #expect(Trajectory.expected(in: 2036, milestones: row) == .greaterThan(82))
        #expect(Trajectory.expected(in: 2039, milestones: row) == .greaterThan(88))
    }

    @Test("mixed forms (bare number to >) expect at least the line's value")
    func minimumToGreaterThan() {
        let row = milestones([(2025, .minimum(70)), (2030, .greaterThan(80))])
        #expect(Trajectory.expected(in: 2026, milestones: row) == .atLeast(72))
        // Row 29: 80 in 2030, >80 from 2035.
        let cashless = milestones([(2030, .minimum(80)), (2035, .greaterThan(80))])
        #expect(Trajectory.expected(in: 2033, milestones: cashless) == .atLeast(80))
    }

    @Test("≥ to a bare number expects at least the line's value")
    func atLeastToMinimum() {
        let row = milestones([(2035, .atLeast(95)), (2040, .minimum(100))])
        #expect(Trajectory.expected(in: 2036, milestones: row) == .atLeast(96))
    }

    @Test("between two levels the earlier level holds until the next milestone", arguments: [2036, 2037, 2039])
    func levelsStep(year: Int) {
        let row = milestones([(2035, .level("Ứng dụng một số CN", rank: 1)),
                              (2040, .level("Ứng dụng mạnh mẽ một số CN", rank: 2))])
        #expect(Trajectory.expected(in: year, milestones: row) == .level("Ứng dụng một số CN", rank: 1))
        #expect(Trajectory.expected(in: 2040, milestones: row) == .level("Ứng dụng mạnh mẽ một số CN", rank: 2))
    }

    @Test("next to a milestone without a target there is no trajectory", arguments: [
        (Target.none, Target.atLeast(1)),
        (.atLeast(1), .none),
        (.none, .none),
        (.none, .level("Đạt chuẩn tiên tiến", rank: 2)),
        (.level("Có", rank: 1), .none),
        (.minimum(5), .level("Có", rank: 1)),
        (.level("Có", rank: 1), .minimum(5)),
    ])
    func noneOnEitherSide(from: Target, to: Target) {
        let row = milestones([(2025, from), (2030, to)])
        for year in 2026...2029 {
            #expect(Trajectory.expected(in: year, milestones: row) == .none)
        }
    }

    @Test("before the first milestone nothing is expected", arguments: [2024, 2000, -1])
    func beforeFirst(year: Int) {
        #expect(Trajectory.expected(in: year, milestones: projects) == .none)
    }

    @Test("after the last milestone its target stays", arguments: [2046, 2050, 2100])
    func afterLast(year: Int) {
        #expect(Trajectory.expected(in: year, milestones: projects) == .atLeast(8))
        #expect(Trajectory.expected(in: year, milestones: regularUse) == .atLeast(90))
    }

    @Test("no milestones expect nothing")
    func empty() {
        #expect(Trajectory.expected(in: 2030, milestones: []) == .none)
    }

    @Test("milestones given out of order give the same trajectory")
    func unsorted() {
        let shuffled = [projects[3], projects[0], projects[4], projects[2], projects[1]]
        for year in 2020...2050 {
            #expect(Trajectory.expected(in: year, milestones: shuffled) == Trajectory.expected(in: year, milestones: projects))
        }
        #expect(Trajectory.expected(in: 2027, milestones: shuffled) == .atLeast(1.4))
    }

    @Test("the years 2025–2045 are 21 rows with the milestones flagged")
    func years() {
        let rows = Trajectory.years(2025, through: 2045, milestones: projects)
        #expect(rows.count == 21)
        #expect(rows.map(\.year) == Array(2025...2045))
        #expect(rows.filter(\.isMilestone).map(\.year) == [2025, 2030, 2035, 2040, 2045])
        #expect(rows[1].target == .atLeast(1.2))
        #expect(rows[5].target == .atLeast(2))
        #expect(rows[20].target == .atLeast(8))
        for row in rows {
            #expect(row.target == Trajectory.expected(in: row.year, milestones: projects))
        }
    }

    @Test("a span of years past the milestones carries the last target and flags none")
    func yearsAfter() {
        let rows = Trajectory.years(2046, through: 2048, milestones: projects)
        #expect(rows.map(\.year) == [2046, 2047, 2048])
        #expect(rows.allSatisfy { !$0.isMilestone && $0.target == .atLeast(8) })
    }

    @Test("an indicator's expected target follows its milestones")
    func indicatorExpected() {
        let indicator = Indicator(code: "CT04", number: 4, group: "I", name: "Tỉ lệ", unit: "%", leadOfficeText: "",
                                  leadOffices: [], implementers: "", reporters: .department, measure: .ratio,
                                  aggregation: .stock, scale: [], targets: regularUse, note: nil)
        #expect(indicator.expected(in: 2042) == .atLeast(84))
        #expect(indicator.expected(in: 2038) == .none)
        #expect(indicator.target(in: 2040)?.target == .range(low: 80, high: 90))
        #expect(indicator.target(in: 2041) == nil)
    }
}
