import Foundation
import Planning
import Testing

@Suite("Number domains and total formatting") struct NumberDomainTests {
    static let hostile: [Double] = [.nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e307, 1.7e308,
                                    -1e300, 1e15, 1e15 - 0.5, 999_999_999_999_999.9, -0.0, .leastNonzeroMagnitude, .ulpOfOne, 0.005,
                                    -0.004, 9.999_999, 123_456.785, Double(Int64.max), Double(Int64.min)]

    @Test("format and percent are total: any Double, any number of decimals, in both languages", arguments: hostile)
    func formatIsTotal(value: Double) {
        for style in [NumberStyle.vietnamese, .english] {
            for decimals in [-5, 0, 1, 2, 4, 6, 400, Int.max, Int.min] {
                let text = style.format(value, maxDecimals: decimals)
                #expect(!text.isEmpty)
                #expect(value.isFinite || text == "—")
                _ = style.percent(value, maxDecimals: decimals)
            }
            _ = NumberStyle.plain(value)
            _ = style.describe(.range(low: value, high: value))
        }
    }

    @Test("huge numbers read in full with grouping; -0 and values rounding to zero have no sign; NaN and infinities read —")
    func formatShapes() {
        #expect(NumberStyle.vietnamese.format(1e20) == "100.000.000.000.000.000.000")
        #expect(NumberStyle.english.format(1e307).hasPrefix("9,999,999,999,999,999,86"), "1e307 is 9.99…e306 in binary")
        #expect(NumberStyle.english.format(-.greatestFiniteMagnitude).filter(\.isNumber).count == 309)
        #expect(NumberStyle.vietnamese.format(-0.0) == "0" && NumberStyle.vietnamese.format(-0.004) == "0")
        #expect(NumberStyle.vietnamese.format(.nan) == "—" && NumberStyle.english.format(-.infinity) == "—")
        #expect(NumberStyle.vietnamese.format(12.5) == "12,5" && NumberStyle.vietnamese.format(1250) == "1.250")
        #expect(NumberStyle.english.format(2.345678, maxDecimals: 400) == "2.345678", "decimals are held to six")
        #expect(NumberStyle.english.format(2.6, maxDecimals: -3) == "3")
        #expect(NumberStyle.plain(.nan) == "" && NumberStyle.plain(-.infinity) == "" && NumberStyle.plain(42) == "42" && NumberStyle.plain(2.5) == "2.5")
    }

    @Test("each domain's bounds: inside accepted, just outside and non-finite refused", arguments: NumberDomain.allCases)
    func bounds(domain: NumberDomain) {
        let b = domain.bounds
        #expect(domain.contains(b.lowerBound) && domain.contains(b.upperBound))
        #expect(!domain.contains(b.upperBound.nextUp) && !domain.contains(-1) && !domain.contains(.nan) && !domain.contains(.infinity))
        #expect(domain.containsMagnitude(-b.upperBound) && !domain.containsMagnitude(-.infinity))
    }

    @Test("targets of counts are quantities, of ratios and shares percentages")
    func targetDomain() {
        #expect(NumberDomain.target(of: .count) == .quantity)
        #expect(NumberDomain.target(of: .ratio) == .percentage && NumberDomain.target(of: .shareOfUnits) == .percentage)
        #expect(NumberDomain.quantity.bounds.upperBound == 1e12 && NumberDomain.money.bounds.upperBound == 1e15)
    }

    static let ratio = Indicator(code: "R", number: 1, group: "I", name: "r", unit: "%", leadOfficeText: "", leadOffices: [], implementers: "",
                                 reporters: .allOrganisations, measure: .ratio, aggregation: .stock, scale: [], targets: [], note: nil)
    static let count = Indicator(code: "C", number: 2, group: "I", name: "c", unit: nil, leadOfficeText: "", leadOffices: [], implementers: "",
                                 reporters: .allOrganisations, measure: .count, aggregation: .flow, scale: [], targets: [], note: nil)

    @Test("a reported number outside the quantity domain is one problem, 'out of range', for every measure with numbers", arguments: [
        ReportedValue.count(1e307), .count(.infinity), .count(.nan), .count(1e12 + 1), .count(-1e13),
        .ratio(numerator: 1, denominator: 1.7e308), .ratio(numerator: .nan, denominator: 10), .ratio(numerator: -.infinity, denominator: 1),
    ])
    func valueOutOfRange(value: ReportedValue) {
        let indicator = value.measure == .count ? Self.count : Self.ratio
        #expect(!value.isWithinDomain)
        #expect(ValueCheck.problems(value, for: indicator, submitting: true) == [.outOfRange(maximum: 1e12)])
    }

    @Test("the largest allowed values pass; negatives inside the magnitude keep their own message")
    func valueInsideRange() {
        #expect(ValueCheck.problems(.count(1e12), for: Self.count, submitting: true).isEmpty)
        #expect(ValueCheck.problems(.ratio(numerator: 1e12, denominator: 1e12), for: Self.ratio, submitting: true).isEmpty)
        #expect(ValueCheck.problems(.count(-5), for: Self.count, submitting: true) == [.negative])
        #expect(ReportedValue.yesNo(true).isWithinDomain && ReportedValue.level("x").isWithinDomain)
    }

    @Test("a target cell beyond 10^12 is out of range, never infinity", arguments: [
        "≥ 1" + String(repeating: "0", count: 307), "1" + String(repeating: "0", count: 400), "> 2000000000000", "1-1" + String(repeating: "0", count: 20),
    ])
    func targetOutOfRange(text: String) {
        #expect(TargetParser.parse(text) == .failure(.outOfRange(Text.collapsingWhitespace(text))))
        #expect(UnitPlan.target(text, for: Self.count) == .failure(.tooLarge(maximum: 1e12)))
    }

    @Test("targets at the edges still read: 10^12 for a count, 100 for a percentage (above is refused)")
    func targetEdges() {
        #expect(TargetParser.parse("≥ 1000000000000") == .success(.atLeast(1e12)))
        #expect(UnitPlan.target("100", for: Self.ratio) == .success(.minimum(100)))
        #expect(UnitPlan.target("100,5", for: Self.ratio) == .failure(.aboveHundred(100.5)))
    }

    @Test("money sums hold at Int64's limits instead of trapping")
    func moneySums() {
        #expect(Amount.sum([Int64.max, 1, 5]) == .max)
        #expect(Amount.sum([Int64.min, -1]) == .min)
        #expect(Amount.sum(Array(repeating: Amount.maximum, count: 10_000)) == .max)
        #expect(Amount.sum([1, 2, 3]) == 6 && Amount.sum([Int64]()) == 0)
        let lines = (0..<10_000).map { _ in FundingLine(source: .stateBudget, planned: Amount.maximum, spent: Amount.maximum) }
        #expect(Funding.totals(lines).first?.planned == .max)
        #expect(NumberStyle.vietnamese.amount(.min) == "-9.223.372.036.854.775.808")
    }

    @Test("a level's name at any position: on the scale, or — for a position off it, NaN or infinite")
    func levelAtPosition() {
        let scale = ["chưa có", "có", "mạnh"]
        #expect(LevelScale.name(at: 1, in: scale) == "có" && LevelScale.name(at: 2.7, in: scale) == "mạnh")
        for position in [-1, 3, .nan, .infinity, 1e300] as [Double] { #expect(LevelScale.name(at: position, in: scale) == "—") }
        #expect(LevelScale.name(at: 0, in: []) == "—")
    }
}
