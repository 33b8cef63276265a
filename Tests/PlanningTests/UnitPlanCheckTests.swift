import Testing
@testable import Planning

@Suite("Unit plan targets as typed") struct UnitPlanCheckTests {
    static func indicator(_ measure: Measure, scale: [String] = []) -> Indicator {
        Indicator(code: "CT99", number: 99, group: "I", name: "Thử", unit: "%", leadOfficeText: "P", leadOffices: ["P"], implementers: "",
                  reporters: .allOrganisations, measure: measure, aggregation: .stock, scale: scale, targets: [], note: nil)
    }

    static let scale = ["Chưa có", "Có", "Ứng dụng mạnh mẽ"]

    @Test("accepted forms", arguments: [
        ("≥ 80", Measure.ratio, Target.atLeast(80)), ("> 80", .ratio, .greaterThan(80)), ("90", .ratio, .minimum(90)),
        ("80-90", .shareOfUnits, .range(low: 80, high: 90)), ("-", .count, .none), ("", .count, .none), ("150", .count, .minimum(150)),
        ("có", .level, .level("Có", rank: 1)),
    ])
    func accepted(text: String, measure: Measure, expected: Target) {
        #expect(UnitPlan.target(text, for: Self.indicator(measure, scale: Self.scale)) == .success(expected))
    }

    @Test("refused forms", arguments: [
        ("nhiều", Measure.ratio, UnitPlan.Problem.unreadable("nhiều")), ("90-80", .ratio, .invalidRange("90-80")),
        ("120", .ratio, .aboveHundred(120)), ("≥ 101", .shareOfUnits, .aboveHundred(101)), ("80", .level, .wrongKind(expected: .level)),
        ("Rất tốt", .level, .unreadable("Rất tốt")), ("Có", .count, .wrongKind(expected: .count)),
    ])
    func refused(text: String, measure: Measure, expected: UnitPlan.Problem) {
        #expect(UnitPlan.target(text, for: Self.indicator(measure, scale: Self.scale)) == .failure(expected))
    }
}

@Suite("Unit plans against the sector: per unit for ratios, shares and levels; added up for sector totals") struct UnitPlanSectorTests {
    typealias U = UnitPlanCheckTests

    @Test("a sector total is never flagged against one unit; a ratio, share or level is", arguments: [
        (Measure.count, false), (.ratio, true), (.shareOfUnits, true),
    ])
    func perUnit(measure: Measure, flagged: Bool) {
        let flag = UnitPlan.flag(unit: .atLeast(1), sector: .atLeast(140), for: U.indicator(measure))
        #expect((flag != nil) == flagged)
        #expect(UnitPlan.flag(unit: .level("Có", rank: 1), sector: .level("Ứng dụng mạnh mẽ", rank: 2), for: U.indicator(.level, scale: U.scale))
                == .belowSector(unit: .level("Có", rank: 1), sector: .level("Ứng dụng mạnh mẽ", rank: 2)))
    }

    @Test("the units' planned counts added up against the sector's target", arguments: [
        ([Target.minimum(100), .atLeast(50)], Target.atLeast(200), UnitPlan.Flag?.some(.sumBelowSector(sum: 150, units: 2, sector: .atLeast(200)))),
        ([.minimum(100), .atLeast(100)], .atLeast(200), nil),
        ([.minimum(100), .atLeast(100)], .greaterThan(200), .sumBelowSector(sum: 200, units: 2, sector: .greaterThan(200))),
        ([.range(low: 90, high: 120), .none], .minimum(100), .sumBelowSector(sum: 90, units: 1, sector: .minimum(100))),
        ([], .atLeast(200), nil),
        ([.minimum(1)], .none, nil),
    ])
    func sum(units: [Target], sector: Target, expected: UnitPlan.Flag?) {
        #expect(UnitPlan.sumFlag(units: units, sector: sector) == expected)
    }
}
