import Testing
@testable import Planning

@Suite("A baseline entered by the lead office") struct BaselineEntryTests {
    static func indicator(_ measure: Measure, scale: [String] = [], targets: [MilestoneTarget] = []) -> Indicator {
        Indicator(code: "CT24", number: 24, group: "IV", name: "Thử", unit: "%", leadOfficeText: "BHYT", leadOffices: ["BHYT"], implementers: "",
                  reporters: .allOrganisations, measure: measure, aggregation: .stock, scale: scale, targets: targets, note: nil)
    }

    static let scale = ["Chưa có", "Có", "Ứng dụng mạnh mẽ"]

    @Test("values in the indicator's measure and domain, years in the plan and not ahead, a source", arguments: [
        // (measure, value, level, year, source, problems)
        (Measure.ratio, 62.0 as Double?, nil as String?, 2025, "Thống kê 2025", [] as [Baseline.Problem]),
        (.ratio, 100.5, nil, 2025, "x", [.outOfDomain(100.5, .percentage)]),
        (.shareOfUnits, -1, nil, 2025, "x", [.outOfDomain(-1, .percentage)]),
        (.count, 2_000, nil, 2026, "x", []),
        (.count, 2e12, nil, 2026, "x", [.outOfDomain(2e12, .quantity)]),
        (.count, .infinity, nil, 2026, "x", [.outOfDomain(.infinity, .quantity)]),
        (.ratio, nil, nil, 2025, "x", [.valueRequired(.ratio)]),
        (.level, nil, "Có", 2025, "x", []),
        (.level, nil, "Rất tốt", 2025, "x", [.notOnScale("Rất tốt", scale: scale)]),
        (.level, 2, nil, 2025, "x", [.valueRequired(.level)]),
        (.ratio, 50, nil, 2024, "x", [.yearOutsidePlan(2024, first: 2025, last: 2045)]),
        (.ratio, 50, nil, 2027, "x", [.yearInFuture(2027, current: 2026)]),
        (.ratio, 50, nil, 2025, "   ", [.sourceRequired]),
    ])
    func check(measure: Measure, value: Double?, level: String?, year: Int, source: String, problems: [Baseline.Problem]) {
        // setup
        let entry = Baseline.Entry(value: value, level: level, year: year, source: source)
        // act
        let result = Baseline.check(entry, for: Self.indicator(measure, scale: Self.scale), planYears: 2025...2045, currentYear: 2026, by: "Phòng BHYT")
        // validate
        switch result {
        case .success(let baseline):
            #expect(problems.isEmpty)
            #expect(baseline.year == year && baseline.source == .entered(source: source, by: "Phòng BHYT"))
            if measure == .level { #expect(baseline.value == .level(rank: 1)) } else { #expect(baseline.value == .number(value ?? -1)) }
        case .failure(let found):
            #expect(found.list == problems)
        }
    }

    @Test("a source longer than 500 characters is refused")
    func longSource() {
        let entry = Baseline.Entry(value: 1, year: 2025, source: String(repeating: "n", count: 501))
        let result = Baseline.check(entry, for: Self.indicator(.count), planYears: 2025...2045, currentYear: 2026, by: "P")
        #expect(result == .failure([.sourceTooLong(maximum: 500)]))
    }
}
