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
