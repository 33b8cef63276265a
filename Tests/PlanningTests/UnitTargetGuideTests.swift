import Testing
@testable import Planning

@Suite("What the form asks of a unit") struct UnitTargetGuideTests {
    static func indicator(_ measure: Measure, targets: [(Int, Target)], scale: [String] = []) -> Indicator {
        Indicator(code: "CT99", number: 99, group: "I", name: "Thử", unit: nil, leadOfficeText: "P", leadOffices: ["P"], implementers: "",
                  reporters: .allOrganisations, measure: measure, aggregation: .stock, scale: scale,
                  targets: targets.map { MilestoneTarget(year: $0.0, text: "", target: $0.1) }, note: nil)
    }

    static let sector140 = indicator(.count, targets: [(2025, .atLeast(100)), (2030, .atLeast(140))])
    static let ratio80 = indicator(.ratio, targets: [(2025, .minimum(80)), (2030, .minimum(100))])
    static let share95 = indicator(.shareOfUnits, targets: [(2025, .none), (2030, .minimum(95))])

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let indicator: Indicator
        let year: Int
        let own: [MilestoneTarget]
        let department: Bool
        let expected: UnitTargetGuide
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a count's sector total is context only; the unit set none", indicator: sector140, year: 2030, own: [], department: false,
             expected: UnitTargetGuide(own: .notSet, sectorContext: .atLeast(140), sectorIsTotal: true)),
        Case(name: "a count held against the unit's own plan", indicator: sector140, year: 2030,
             own: [MilestoneTarget(year: 2030, text: "≥ 6", target: .atLeast(6))], department: false,
             expected: UnitTargetGuide(own: .ownPlan(.atLeast(6)), sectorContext: .atLeast(140), sectorIsTotal: true)),
        Case(name: "a count's own line between its own milestones", indicator: sector140, year: 2027,
             own: [MilestoneTarget(year: 2025, text: "≥ 2", target: .atLeast(2)), MilestoneTarget(year: 2030, text: "≥ 7", target: .atLeast(7))],
             department: false, expected: UnitTargetGuide(own: .ownPlan(.atLeast(4)), sectorContext: .atLeast(116), sectorIsTotal: true)),
        Case(name: "a ratio without an own plan: the sector's target applies to the unit", indicator: ratio80, year: 2025, own: [], department: false,
             expected: UnitTargetGuide(own: .sector(.minimum(80)), sectorContext: nil, sectorIsTotal: false)),
        Case(name: "a ratio with an own plan, the sector's as context", indicator: ratio80, year: 2025,
             own: [MilestoneTarget(year: 2025, text: "≥ 90", target: .atLeast(90))], department: false,
             expected: UnitTargetGuide(own: .ownPlan(.atLeast(90)), sectorContext: .minimum(80), sectorIsTotal: false)),
        Case(name: "a share of units asks each unit for yes", indicator: share95, year: 2030, own: [], department: false,
             expected: UnitTargetGuide(own: .yes, sectorContext: .minimum(95), sectorIsTotal: false)),
        Case(name: "the Department's own report is held against the sector's target", indicator: sector140, year: 2030, own: [], department: true,
             expected: UnitTargetGuide(own: .sector(.atLeast(140)), sectorContext: nil, sectorIsTotal: false)),
        Case(name: "no target in the year", indicator: share95, year: 2025, own: [], department: true,
             expected: UnitTargetGuide(own: .none, sectorContext: nil, sectorIsTotal: false)),
    ]

    @Test("own target and sector context", arguments: cases)
    func guide(_ c: Case) {
        #expect(UnitTargetGuide.guide(c.indicator, year: c.year, own: c.own, department: c.department) == c.expected)
    }
}
