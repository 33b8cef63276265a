import Testing
@testable import Planning

/// The sums an assessment takes (`ValueSums`, `AssessmentInput`) against the values themselves: consolidating the sums
/// gives what `Consolidation.consolidate` gives for the values (the oracle), and sums of groups add up to the sums of all.
@Suite("Assessment input: sums instead of values") struct AssessmentInputTests {
    static let scale = ["Chưa triển khai", "Đang triển khai", "Hoàn thành"]

    static let cases: [(name: String, values: [ReportedValue], measure: Measure)] = [
        ("ratios", [.ratio(numerator: 1, denominator: 4), .ratio(numerator: 3, denominator: 4), .ratio(numerator: 0, denominator: 0)], .ratio),
        ("0/0 only", [.ratio(numerator: 0, denominator: 0)], .ratio),
        ("counts", [.count(2), .count(0), .count(5.5)], .count),
        ("yes and no", [.yesNo(true), .yesNo(false), .yesNo(true)], .shareOfUnits),
        ("levels, odd number", [.level("Hoàn thành"), .level("chưa triển khai."), .level("Đang triển khai")], .level),
        ("levels, even number: the lower median", [.level("Hoàn thành"), .level("Hoàn thành"), .level("Chưa triển khai"), .level("Đang triển khai")], .level),
        ("a level not on the scale", [.level("Hoàn thành"), .level("Không rõ")], .level),
        ("a count among ratios", [.ratio(numerator: 1, denominator: 2), .count(1)], .ratio),
        ("nothing", [], .count),
        ("nothing, as a ratio", [], .ratio),
        ("nothing, as yes/no", [], .shareOfUnits),
    ]

    @Test("consolidating the sums gives what consolidating the values gives", arguments: cases.indices)
    func sameAsConsolidate(index: Int) {
        let (name, values, measure) = Self.cases[index]
        let oracle = try? Consolidation.consolidate(values, measure: measure, scale: Self.scale)
        #expect(ValueSums(values).consolidated(measure: measure, scale: Self.scale) == oracle, "\(name)")
    }

    @Test("sums of groups of organisations add up to the sums of all of them, in any split", arguments: cases.indices)
    func additive(index: Int) {
        let values = Self.cases[index].values
        for split in 0...values.count {
            #expect(ValueSums(Array(values[..<split])) + ValueSums(Array(values[split...])) == ValueSums(values))
        }
    }

    static let hospital = Organisation(code: "H", name: "H", kind: .provincialHospital, isMedical: true, parentCode: "SYT")
    static let centre = Organisation(code: "C", name: "C", kind: .districtHealthCentre, isMedical: true, parentCode: "SYT")
    static let s1 = ReportingPeriod(year: 2026, half: .first), s2 = ReportingPeriod(year: 2026, half: .second)
    static let earlier = ReportingPeriod(year: 2025, half: .second)

    @Test("the input holds each year's values up to the period, the coverage with the units carried, the years with data")
    func inputFromValues() {
        // setup: H reports both halves of 2026 (a flow adds them), C only the first (carried), X is out of scope
        let indicator = AssessmentTests.indicator(.count, .flow)
        let values: [String: [ReportingPeriod: ReportedValue]] = [
            "H": [Self.earlier: .count(4), Self.s1: .count(1), Self.s2: .count(2)],
            "C": [Self.s1: .count(3)],
            "X": [ReportingPeriod(year: 2024, half: .first): .count(9)],
        ]
        // act
        let input = AssessmentInput(indicator, in: Self.s2, organisations: [Self.hospital, Self.centre], values: values)
        let firstHalf = AssessmentInput(indicator, in: Self.s1, organisations: [Self.hospital, Self.centre], values: values)
        // validate
        #expect(input.years == [2025: ValueSums([.count(4)]), 2026: ValueSums([.count(3), .count(3)])])
        #expect(input.coverage == Coverage(reported: 1, expected: 2, carriedForward: ["C"]))
        #expect(input.yearsWithData == [2024, 2025, 2026], "the forecast's years count every organisation's data")
        #expect(firstHalf.years[2026] == ValueSums([.count(1), .count(3)]))
        #expect(firstHalf.coverage == Coverage(reported: 2, expected: 2))
    }

    @Test("an assessment from sums computed elsewhere equals the one from the values", arguments: [Aggregation.flow, .stock])
    func assessFromSums(aggregation: Aggregation) {
        // setup: the same input built by hand, as the database would sum it per group of organisations
        let indicator = AssessmentTests.indicator(.ratio, aggregation)
        let values: [String: [ReportingPeriod: ReportedValue]] = [
            "H": [Self.earlier: .ratio(numerator: 30, denominator: 100), Self.s1: .ratio(numerator: 10, denominator: 20), Self.s2: .ratio(numerator: 30, denominator: 40)],
            "C": [Self.s1: .ratio(numerator: 5, denominator: 10)],
        ]
        let hospitalYear: ValueSums = aggregation == .flow ? ValueSums([.ratio(numerator: 40, denominator: 60)]) : ValueSums([.ratio(numerator: 30, denominator: 40)])
        let byHand = AssessmentInput(years: [2025: ValueSums([.ratio(numerator: 30, denominator: 100)]),
                                             2026: hospitalYear + ValueSums([.ratio(numerator: 5, denominator: 10)])],
                                     coverage: Coverage(reported: 1, expected: 2, carriedForward: ["C"]), yearsWithData: [2025, 2026])
        // act
        let fromValues = Assessment.assess(indicator, in: Self.s2, milestoneYears: [2025, 2030], organisations: [Self.hospital, Self.centre], values: values)
        let fromSums = Assessment.assess(indicator, in: Self.s2, milestoneYears: [2025, 2030], input: byHand)
        // validate
        #expect(fromSums == fromValues)
        #expect(fromValues.forecast != nil && fromValues.coverage.carriedForward == ["C"])
    }
}
