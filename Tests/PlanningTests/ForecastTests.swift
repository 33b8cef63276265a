import Testing
@testable import Planning

@Suite("Forecast") struct ForecastTests {
    static let milestones = [MilestoneTarget(year: 2025, text: "≥ 40", target: .atLeast(40)), MilestoneTarget(year: 2030, text: "≥ 60", target: .atLeast(60)),
                             MilestoneTarget(year: 2035, text: "-", target: .none)]

    @Test("a steady pace is carried to the next milestone and judged against it", arguments: [
        ([2026: 42.0, 2027: 46.0], 2027, 58.0, false),
        ([2026: 42.0, 2027: 47.0], 2027, 62.0, true),
        ([2026: 50.0, 2027: 50.0], 2027, 50.0, false),
        ([2025: 30.0, 2026: 40.0, 2027: 44.0], 2027, 66.0, true),
    ])
    func pace(series: [Int: Double], last: Int, value: Double, meets: Bool) throws {
        let forecast = try #require(Forecast.make(series: series, milestones: Self.milestones, after: last))
        #expect(forecast.year == 2030 && abs(forecast.value - value) < 1e-9 && forecast.meetsTarget == meets)
    }

    @Test("fewer than two years, no milestone ahead, or one year twice give no forecast")
    func none() {
        #expect(Forecast.make(series: [2026: 40], milestones: Self.milestones, after: 2026) == nil)
        #expect(Forecast.make(series: [:], milestones: Self.milestones, after: 2026) == nil)
        #expect(Forecast.make(series: [2035: 1, 2036: 2], milestones: Self.milestones, after: 2036) == nil)
    }

    @Test("a percentage is kept within 0–100; a milestone without a target is forecast but not judged")
    func bounds() throws {
        let high = try #require(Forecast.make(series: [2026: 80, 2027: 95], milestones: Self.milestones, after: 2027, bounds: 0...100))
        #expect(high.value == 100 && high.meetsTarget == true)
        let open = try #require(Forecast.make(series: [2031: 70, 2032: 75], milestones: Self.milestones, after: 2032))
        #expect(open.year == 2035 && open.value == 90 && open.meetsTarget == nil)
    }
}
