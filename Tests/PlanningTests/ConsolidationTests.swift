import Testing
@testable import Planning

private let aiScale = ["Chưa có", "Có", "Ứng dụng một số", "Ứng dụng mạnh mẽ"]

@Suite("Consolidating organisations' values")
struct ConsolidationTests {
    @Test("a ratio is 100 × Σnumerator / Σdenominator, not the mean of percentages")
    func ratioIsNotMeanOfPercentages() {
        // One unit at 100 % of 1 person, one at 1 % of 99: 2 people of 100, i.e. 2 %, not 50.5 %.
        let value = Consolidation.ratio([(1, 1), (1, 99)])
        #expect(value == .ratio(numerator: 2, denominator: 100, percentage: 2))
        #expect(value.comparable == .number(2))
    }

    static let ratioRows: [(parts: [(Double, Double)], numerator: Double, denominator: Double, percentage: Double?)] = [
        ([(30, 40), (45, 60)], 75, 100, 75),
        ([(0, 0), (3, 4)], 3, 4, 75),
        ([(0, 0), (0, 0)], 0, 0, nil),
        ([(0, 10)], 0, 10, 0),
        ([(12, 12), (8, 8)], 20, 20, 100),
        ([(1, 3)], 1, 3, 100.0 / 3),
    ]

    @Test("ratio tables, with zero denominators", arguments: ratioRows)
    func ratios(parts: [(Double, Double)], numerator: Double, denominator: Double, percentage: Double?) {
        let value = Consolidation.ratio(parts.map { (numerator: $0.0, denominator: $0.1) })
        #expect(value == .ratio(numerator: numerator, denominator: denominator, percentage: percentage))
    }

    @Test("no units is a ratio of nothing, with no percentage")
    func emptyRatio() {
        let value = Consolidation.ratio([])
        #expect(value == .ratio(numerator: 0, denominator: 0, percentage: nil))
        #expect(value.comparable == nil)
    }

    static let countRows: [(values: [Double], total: Double)] = [([3, 4, 5], 12), ([0], 0), ([], 0), ([2.5, 0.5], 3)]

    @Test("counts are summed", arguments: countRows)
    func counts(values: [Double], total: Double) {
        #expect(Consolidation.count(values) == .count(total))
    }

    static let shareRows: [(answers: [Bool], yes: Int, answered: Int, percentage: Double?)] = [
        ([true, false, false, true], 2, 4, 50),
        ([true], 1, 1, 100),
        ([false, false], 0, 2, 0),
        ([true, true, false], 2, 3, 200.0 / 3),
        ([], 0, 0, nil),
    ]

    @Test("share of units is the % answering yes", arguments: shareRows)
    func share(answers: [Bool], yes: Int, answered: Int, percentage: Double?) {
        #expect(Consolidation.shareOfUnits(answers) == .share(yes: yes, answered: answered, percentage: percentage))
    }

    @Test("levels are a distribution in scale order with the lower median")
    func levels() throws {
        let value = try Consolidation.levels(["Ứng dụng mạnh mẽ", "có", "Có.", "Chưa có"], scale: aiScale)
        let expected: [LevelCount] = [
            LevelCount(level: "Chưa có", count: 1), LevelCount(level: "Có", count: 2),
            LevelCount(level: "Ứng dụng một số", count: 0), LevelCount(level: "Ứng dụng mạnh mẽ", count: 1),
        ]
        // ranks 0, 1, 1, 3: the lower median is rank 1
        #expect(value == .distribution(expected, median: 1))
        #expect(value.comparable == .level(rank: 1))
    }

    @Test("the median is the lower middle rank", arguments: [
        (["Chưa có"], 0),
        (["Chưa có", "Ứng dụng mạnh mẽ"], 0),
        (["Ứng dụng mạnh mẽ", "Ứng dụng mạnh mẽ", "Chưa có"], 3),
        (["Có", "Ứng dụng một số", "Ứng dụng mạnh mẽ", "Chưa có"], 1),
        (["Có", "Ứng dụng một số", "Ứng dụng mạnh mẽ", "Chưa có", "Ứng dụng mạnh mẽ"], 2),
    ])
    func median(answers: [String], median: Int) throws {
        guard case .distribution(let counts, let found) = try Consolidation.levels(answers, scale: aiScale) else {
            Issue.record("not a distribution")
            return
        }
        #expect(found == median)
        #expect(counts.map(\.count).reduce(0, +) == answers.count)
    }

    @Test("no answers is an empty distribution with no median")
    func noLevels() throws {
        let value = try Consolidation.levels([], scale: aiScale)
        #expect(value == .distribution(aiScale.map { LevelCount(level: $0, count: 0) }, median: nil))
        #expect(value.comparable == nil)
    }

    @Test("a level off the scale is refused")
    func unknownLevel() {
        #expect(throws: Consolidation.Failure.unknownLevel("Rất mạnh")) {
            try Consolidation.levels(["Có", "Rất mạnh"], scale: aiScale)
        }
    }

    @Test("consolidate dispatches on the measure")
    func consolidate() throws {
        #expect(try Consolidation.consolidate([.ratio(numerator: 1, denominator: 1), .ratio(numerator: 1, denominator: 99)],
                                              measure: .ratio) == .ratio(numerator: 2, denominator: 100, percentage: 2))
        #expect(try Consolidation.consolidate([.count(2), .count(5)], measure: .count) == .count(7))
        #expect(try Consolidation.consolidate([.yesNo(true), .yesNo(false)], measure: .shareOfUnits)
            == .share(yes: 1, answered: 2, percentage: 50))
        #expect(try Consolidation.consolidate([.level("Có"), .level("Ứng dụng mạnh mẽ")], measure: .level, scale: aiScale)
            == Consolidation.levels(["Có", "Ứng dụng mạnh mẽ"], scale: aiScale))
        #expect(try Consolidation.consolidate([], measure: .count) == .count(0))
    }

    @Test("a value of the wrong shape for the measure is refused", arguments: [
        (Measure.ratio, [ReportedValue.ratio(numerator: 1, denominator: 2), .count(3)], Measure.count),
        (.count, [.count(1), .yesNo(true)], .shareOfUnits),
        (.shareOfUnits, [.level("Có")], .level),
        (.level, [.ratio(numerator: 1, denominator: 2)], .ratio),
    ])
    func mismatch(measure: Measure, values: [ReportedValue], found: Measure) {
        #expect(throws: Consolidation.Failure.measureMismatch(expected: measure, found: found)) {
            try Consolidation.consolidate(values, measure: measure, scale: aiScale)
        }
    }

    @Test("consolidated values compare as a number or the median rank")
    func comparable() {
        #expect(ConsolidatedValue.ratio(numerator: 1, denominator: 4, percentage: 25).comparable == .number(25))
        #expect(ConsolidatedValue.ratio(numerator: 0, denominator: 0, percentage: nil).comparable == nil)
        #expect(ConsolidatedValue.count(7).comparable == .number(7))
        #expect(ConsolidatedValue.share(yes: 1, answered: 2, percentage: 50).comparable == .number(50))
        #expect(ConsolidatedValue.share(yes: 0, answered: 0, percentage: nil).comparable == nil)
        #expect(ConsolidatedValue.distribution([], median: 2).comparable == .level(rank: 2))
        #expect(ConsolidatedValue.distribution([], median: nil).comparable == nil)
    }

    @Test("a reported value's shape names its measure")
    func reportedMeasure() {
        #expect(ReportedValue.ratio(numerator: 1, denominator: 2).measure == .ratio)
        #expect(ReportedValue.count(1).measure == .count)
        #expect(ReportedValue.yesNo(true).measure == .shareOfUnits)
        #expect(ReportedValue.level("Có").measure == .level)
    }
}

@Suite("A year's value from its periods")
struct YearValueTests {
    private static let s1 = ReportingPeriod(year: 2026, half: .first)
    private static let s2 = ReportingPeriod(year: 2026, half: .second)
    private static let lastYear = ReportingPeriod(year: 2025, half: .second)
    private static let nextYear = ReportingPeriod(year: 2027, half: .first)

    @Test("a stock takes the latest period of that year only")
    func stock() {
        let values: [ReportingPeriod: ReportedValue] = [
            Self.lastYear: .ratio(numerator: 9, denominator: 10), Self.s1: .ratio(numerator: 5, denominator: 10),
            Self.s2: .ratio(numerator: 7, denominator: 10), Self.nextYear: .ratio(numerator: 1, denominator: 10),
        ]
        #expect(Consolidation.yearValue(values, year: 2026, aggregation: .stock) == .ratio(numerator: 7, denominator: 10))
        #expect(Consolidation.yearValue([Self.s1: .count(120), Self.lastYear: .count(300)], year: 2026, aggregation: .stock)
            == .count(120))
    }

    @Test("a flow sums the year's counts, ignoring other years")
    func flowCounts() {
        let values: [ReportingPeriod: ReportedValue] = [
            Self.lastYear: .count(10), Self.s1: .count(2), Self.s2: .count(3), Self.nextYear: .count(100),
        ]
        #expect(Consolidation.yearValue(values, year: 2026, aggregation: .flow) == .count(5))
        #expect(Consolidation.yearValue([Self.s2: .count(4)], year: 2026, aggregation: .flow) == .count(4))
    }

    @Test("a flow ratio sums numerators and denominators")
    func flowRatio() {
        let values: [ReportingPeriod: ReportedValue] = [
            Self.s1: .ratio(numerator: 1, denominator: 1), Self.s2: .ratio(numerator: 1, denominator: 99),
            Self.lastYear: .ratio(numerator: 50, denominator: 50),
        ]
        #expect(Consolidation.yearValue(values, year: 2026, aggregation: .flow) == .ratio(numerator: 2, denominator: 100))
    }

    @Test("yes/no answers and levels take the latest even for a flow", arguments: Aggregation.allCases)
    func states(aggregation: Aggregation) {
        #expect(Consolidation.yearValue([Self.s1: .yesNo(true), Self.s2: .yesNo(false)], year: 2026,
                                        aggregation: aggregation) == .yesNo(false))
        #expect(Consolidation.yearValue([Self.s1: .level("Ứng dụng mạnh mẽ"), Self.s2: .level("Có")], year: 2026,
                                        aggregation: aggregation) == .level("Có"))
    }

    @Test("no period of the year is no value", arguments: Aggregation.allCases)
    func noValue(aggregation: Aggregation) {
        #expect(Consolidation.yearValue([:], year: 2026, aggregation: aggregation) == nil)
        #expect(Consolidation.yearValue([Self.lastYear: .count(3), Self.nextYear: .count(4)], year: 2026,
                                        aggregation: aggregation) == nil)
    }
}
