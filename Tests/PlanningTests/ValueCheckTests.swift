import Testing
@testable import Planning

@Suite("Value checks") struct ValueCheckTests {
    static func indicator(_ measure: Measure, _ aggregation: Aggregation = .stock, scale: [String] = []) -> Indicator {
        Indicator(code: "CT99", number: 99, group: "I", name: "Thử", unit: "%", leadOfficeText: "P", leadOffices: ["P"], implementers: "",
                  reporters: .allOrganisations, measure: measure, aggregation: aggregation, scale: scale, targets: [], note: nil)
    }

    static let scale = ["Chưa có", "Có", "Ứng dụng mạnh mẽ"]

    @Test("each problem of a single value", arguments: [
        (ReportedValue.ratio(numerator: -1, denominator: 10), Measure.ratio, [ValueCheck.Problem.negative]),
        (.ratio(numerator: 11, denominator: 10), .ratio, [.numeratorAboveDenominator]),
        (.ratio(numerator: 0, denominator: 0), .ratio, [.zeroOverZeroNeedsComment]), (.ratio(numerator: 3, denominator: 0), .ratio, [.zeroDenominator]),
        (.ratio(numerator: 1.5, denominator: 10), .ratio, [.notWhole]),
        (.ratio(numerator: 10, denominator: 10), .ratio, []),
        (.count(-2), .count, [.negative]),
        (.count(2.5), .count, [.notWhole]),
        (.count(0), .count, []),
        (.level("Có"), .level, []),
        (.level("có."), .level, []),
        (.level("Rất tốt"), .level, [.unknownLevel("Rất tốt")]),
        (.yesNo(false), .shareOfUnits, []),
        (.count(3), .ratio, [.wrongShape(expected: .ratio)]),
    ])
    func single(value: ReportedValue, measure: Measure, expected: [ValueCheck.Problem]) {
        #expect(ValueCheck.problems(value, for: Self.indicator(measure, scale: Self.scale), submitting: true) == expected)
    }

    @Test("0/0 with a comment is a truthful answer; without one it asks for the reason; a positive numerator over 0 stays refused")
    func zeroOverZero() {
        let ratio = Self.indicator(.ratio)
        #expect(ValueCheck.problems(.ratio(numerator: 0, denominator: 0), for: ratio, comment: "Bệnh viện không có công chức cấp tỉnh", submitting: true).isEmpty)
        #expect(ValueCheck.problems(.ratio(numerator: 0, denominator: 0), for: ratio, comment: "  ", submitting: false) == [.zeroOverZeroNeedsComment])
        #expect(ValueCheck.problems(.ratio(numerator: 1, denominator: 0), for: ratio, comment: "lý do", submitting: true) == [.zeroDenominator])
        let sum = Consolidation.ratio([(0, 0), (3, 4)])
        #expect(sum == .ratio(numerator: 3, denominator: 4, percentage: 75), "0/0 adds nothing to either sum")
    }

    @Test("a missing value is a problem only when submitting")
    func required() {
        #expect(ValueCheck.problems(nil, for: Self.indicator(.count), submitting: true) == [.required])
        #expect(ValueCheck.problems(nil, for: Self.indicator(.count), submitting: false).isEmpty)
    }

    @Test("a ratio allowed to pass 100 % may")
    func aboveHundred() {
        let options = ValueCheck.Options(ratioMayExceedHundred: true)
        #expect(ValueCheck.problems(.ratio(numerator: 12, denominator: 10), for: Self.indicator(.ratio), submitting: true, options: options).isEmpty)
    }

    @Test("a stock that moves more than the limit needs a comment; a flow never does")
    func bigChange() {
        let stock = Self.indicator(.ratio)
        let jump = ValueCheck.problems(.ratio(numerator: 90, denominator: 100), for: stock, previous: .ratio(numerator: 40, denominator: 100), submitting: true)
        #expect(jump == [.bigChangeNeedsComment(previous: 40, current: 90)])
        #expect(ValueCheck.problems(.ratio(numerator: 90, denominator: 100), for: stock, previous: .ratio(numerator: 40, denominator: 100),
                                    comment: "Đã triển khai phần mềm mới", submitting: true).isEmpty)
        #expect(ValueCheck.problems(.ratio(numerator: 69, denominator: 100), for: stock, previous: .ratio(numerator: 40, denominator: 100), submitting: true).isEmpty)
        let counts = Self.indicator(.count)
        #expect(ValueCheck.problems(.count(20), for: counts, previous: .count(10), submitting: true) == [.bigChangeNeedsComment(previous: 10, current: 20)])
        #expect(ValueCheck.problems(.count(20), for: Self.indicator(.count, .flow), previous: .count(10), submitting: true).isEmpty)
        #expect(ValueCheck.problems(.count(5), for: counts, previous: .count(0), submitting: true).isEmpty)
    }

    @Test("a change is big only when it is big relatively AND in things counted", arguments: [
        (ReportedValue.count(2), ReportedValue.count(3), false),          // +50 %, one more
        (.count(4), .count(9), false),                                     // +125 %, five more: not more than 5
        (.count(10), .count(20), true),                                    // +100 %, ten more
        (.count(100), .count(120), false),                                 // twenty more, but only +20 %
        (.ratio(numerator: 1, denominator: 2), .ratio(numerator: 2, denominator: 2), false),      // 50 → 100 %, one person
        (.ratio(numerator: 40, denominator: 100), .ratio(numerator: 90, denominator: 100), true), // 50 points, fifty people
        (.ratio(numerator: 30, denominator: 60), .ratio(numerator: 30, denominator: 30), true),   // 50 → 100 %, thirty fewer counted
        (.ratio(numerator: 3, denominator: 10), .ratio(numerator: 9, denominator: 10), true),     // 60 points, six more
    ])
    func relativeAndAbsolute(previous: ReportedValue, current: ReportedValue, big: Bool) {
        let indicator = Self.indicator(previous.measure)
        let problems = ValueCheck.problems(current, for: indicator, previous: previous, submitting: true)
        #expect(problems.contains { if case .bigChangeNeedsComment = $0 { true } else { false } } == big)
    }

    @Test("the absolute threshold is a setting")
    func absoluteThresholdSetting() {
        let strict = ValueCheck.Options(minimumCountedChange: 0)
        #expect(ValueCheck.problems(.count(3), for: Self.indicator(.count), previous: .count(2), submitting: true, options: strict)
                == [.bigChangeNeedsComment(previous: 2, current: 3)])
    }
}

