import Testing
@testable import Planning

@Suite("Numbers as users read them")
struct FormattingTests {
    @Test("Vietnamese: decimal comma, dot between thousands", arguments: [
        (12.5, "12,5"),
        (1250, "1.250"),
        (1234567.891, "1.234.567,89"),
        (100, "100"),
        (0.5, "0,5"),
        (0, "0"),
        (0.05, "0,05"),
        (999, "999"),
        (1000, "1.000"),
        (100_000, "100.000"),
        (1_000_000, "1.000.000"),
        (-12.5, "-12,5"),
        (-1250.75, "-1.250,75"),
        (2.346, "2,35"),
        (2.344, "2,34"),
        (0.999, "1"),
        (999.999, "1.000"),
        (1.10, "1,1"),
        (-0.001, "0"),
        (1e20, "100.000.000.000.000.000.000"),
    ])
    func vietnamese(value: Double, text: String) {
        #expect(NumberStyle.vietnamese.format(value) == text)
    }

    @Test("English: decimal point, comma between thousands", arguments: [
        (1250.5, "1,250.5"),
        (12.5, "12.5"),
        (1234567.891, "1,234,567.89"),
        (-1000, "-1,000"),
        (0.5, "0.5"),
    ])
    func english(value: Double, text: String) {
        #expect(NumberStyle.english.format(value) == text)
    }

    @Test("the number of decimals can be chosen", arguments: [
        (12.5, 0, "13"),
        (12.4, 0, "12"),
        (1.23456, 3, "1,235"),
        (1.2, 3, "1,2"),
        (1.005, 1, "1"),
    ])
    func decimals(value: Double, maxDecimals: Int, text: String) {
        #expect(NumberStyle.vietnamese.format(value, maxDecimals: maxDecimals) == text)
    }

    @Test("values that are not numbers show a dash", arguments: [Double.nan, .infinity, -.infinity])
    func notFinite(value: Double) {
        #expect(NumberStyle.vietnamese.format(value) == "—")
        #expect(NumberStyle.english.format(value) == "—")
    }

    @Test("percentages: '12,5 %' in Vietnamese, '12.5%' in English, one decimal", arguments: [
        (NumberStyle.vietnamese, 12.5, "12,5 %"),
        (.vietnamese, 100, "100 %"),
        (.vietnamese, 66.666, "66,7 %"),
        (.vietnamese, 0, "0 %"),
        (.english, 12.5, "12.5%"),
        (.english, 66.666, "66.7%"),
        (.english, 100, "100%"),
    ])
    func percent(style: NumberStyle, value: Double, text: String) {
        #expect(style.percent(value) == text)
    }

    @Test("a target as users read it", arguments: [
        (NumberStyle.vietnamese, Target.atLeast(1.4), "≥ 1,4"),
        (.vietnamese, .atLeast(40), "≥ 40"),
        (.vietnamese, .greaterThan(80), "> 80"),
        (.vietnamese, .minimum(100), "100"),
        (.vietnamese, .minimum(1250), "1.250"),
        (.vietnamese, .range(low: 80, high: 90), "80–90"),
        (.vietnamese, .range(low: 2.5, high: 7.5), "2,5–7,5"),
        (.vietnamese, .none, "—"),
        (.vietnamese, .level("Ứng dụng mạnh mẽ", rank: 3), "Ứng dụng mạnh mẽ"),
        (.english, .atLeast(1.4), "≥ 1.4"),
        (.english, .range(low: 2.5, high: 7.5), "2.5–7.5"),
        (.english, .greaterThan(80), "> 80"),
    ])
    func describe(style: NumberStyle, target: Target, text: String) {
        #expect(style.describe(target) == text)
    }

    @Test("a described target reads back as the same target", arguments: [
        Target.atLeast(1.4), .greaterThan(80), .minimum(100), .range(low: 80, high: 90), .none,
    ])
    func describeParses(target: Target) {
        #expect(TargetParser.parse(NumberStyle.vietnamese.describe(target)) == .success(target))
    }
}
