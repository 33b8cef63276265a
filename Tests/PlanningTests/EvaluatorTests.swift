import Testing
@testable import Planning

@Suite("Comparing a value with a target")
struct EvaluatorCompareTests {
    typealias Row = (value: ComparableValue, target: Target, outcome: Comparison.Outcome, gap: Double)

    static let numberRows: [Row] = [
        // ≥ x: below is not met, x is met, above is exceeded
        (.number(39), .atLeast(40), .notMet, -1),
        (.number(40), .atLeast(40), .met, 0),
        (.number(41), .atLeast(40), .exceeded, 1),
        (.number(0), .atLeast(40), .notMet, -40),
        // a bare number is a minimum, judged like ≥
        (.number(99.5), .minimum(100), .notMet, -0.5),
        (.number(100), .minimum(100), .met, 0),
        (.number(100.5), .minimum(100), .exceeded, 0.5),
        // > x: x itself is not met; above is met, never exceeded
        (.number(79), .greaterThan(80), .notMet, -1),
        (.number(80), .greaterThan(80), .notMet, 0),
        (.number(81), .greaterThan(80), .met, 1),
        (.number(100), .greaterThan(80), .met, 20),
        // a band: below, both edges, inside, above
        (.number(70), .range(low: 80, high: 90), .notMet, -10),
        (.number(79.5), .range(low: 80, high: 90), .notMet, -0.5),
        (.number(80), .range(low: 80, high: 90), .met, 0),
        (.number(85), .range(low: 80, high: 90), .met, 0),
        (.number(90), .range(low: 80, high: 90), .met, 0),
        (.number(91), .range(low: 80, high: 90), .exceeded, 1),
        (.number(100), .range(low: 80, high: 90), .exceeded, 10),
    ]

    @Test("a number against each numeric target form", arguments: numberRows)
    func numbers(value: ComparableValue, target: Target, outcome: Comparison.Outcome, gap: Double) throws {
        let comparison = try #require(Evaluator.compare(value, with: target))
        #expect(comparison.outcome == outcome)
        #expect(comparison.gap == gap)
    }

    static let levelRows: [Row] = [
        (.level(rank: 0), .level("Ứng dụng một số", rank: 2), .notMet, -2),
        (.level(rank: 1), .level("Ứng dụng một số", rank: 2), .notMet, -1),
        (.level(rank: 2), .level("Ứng dụng một số", rank: 2), .met, 0),
        (.level(rank: 3), .level("Ứng dụng một số", rank: 2), .exceeded, 1),
        (.level(rank: 0), .level("Chưa có", rank: 0), .met, 0),
    ]

    @Test("a level against a level target, with the gap in scale steps", arguments: levelRows)
    func levels(value: ComparableValue, target: Target, outcome: Comparison.Outcome, gap: Double) throws {
        let comparison = try #require(Evaluator.compare(value, with: target))
        #expect(comparison.outcome == outcome)
        #expect(comparison.gap == gap)
    }

    @Test("no comparison without a target or across numbers and levels", arguments: [
        (ComparableValue.number(50), Target.none),
        (.level(rank: 1), .none),
        (.number(2), .level("Có", rank: 1)),
        (.level(rank: 1), .atLeast(1)),
        (.level(rank: 1), .minimum(1)),
        (.level(rank: 1), .greaterThan(0)),
        (.level(rank: 1), .range(low: 0, high: 2)),
    ])
    func incomparable(value: ComparableValue, target: Target) {
        #expect(Evaluator.compare(value, with: target) == nil)
    }

    @Test("> x never reports exceeded, however far above", arguments: [80.0001, 81, 150, 1_000_000])
    func greaterThanNeverExceeded(value: Double) throws {
        let comparison = try #require(Evaluator.compare(.number(value), with: .greaterThan(80)))
        #expect(comparison.outcome == .met)
    }
}

@Suite("Evaluation status of a period's value")
struct EvaluatorStatusTests {
    typealias Row = (value: ComparableValue, target: Target, isFinal: Bool, status: EvaluationStatus, gap: Double)

    static let rows: [Row] = [
        // a milestone year's result: exceeded / met / not met
        (.number(41), .atLeast(40), true, .exceeded, 1),
        (.number(40), .atLeast(40), true, .met, 0),
        (.number(39), .atLeast(40), true, .notMet, -1),
        (.number(100), .minimum(100), true, .met, 0),
        (.number(80), .greaterThan(80), true, .notMet, 0),
        (.number(81), .greaterThan(80), true, .met, 1),
        (.number(95), .range(low: 80, high: 90), true, .exceeded, 5),
        (.number(85), .range(low: 80, high: 90), true, .met, 0),
        (.number(75), .range(low: 80, high: 90), true, .notMet, -5),
        (.level(rank: 3), .level("Ứng dụng một số", rank: 2), true, .exceeded, 1),
        (.level(rank: 2), .level("Ứng dụng một số", rank: 2), true, .met, 0),
        (.level(rank: 1), .level("Ứng dụng một số", rank: 2), true, .notMet, -1),
        // during the years between: on track / behind the trajectory
        (.number(41), .atLeast(40), false, .onTrack, 1),
        (.number(40), .atLeast(40), false, .onTrack, 0),
        (.number(39), .atLeast(40), false, .behind, -1),
        (.number(80), .greaterThan(80), false, .behind, 0),
        (.number(81), .greaterThan(80), false, .onTrack, 1),
        (.number(95), .range(low: 80, high: 90), false, .onTrack, 5),
        (.number(75), .range(low: 80, high: 90), false, .behind, -5),
        (.level(rank: 3), .level("Ứng dụng một số", rank: 2), false, .onTrack, 1),
        (.level(rank: 1), .level("Ứng dụng một số", rank: 2), false, .behind, -1),
    ]

    @Test("status and gap by outcome and whether the year is over", arguments: rows)
    func status(value: ComparableValue, target: Target, isFinal: Bool, status: EvaluationStatus, gap: Double) {
        let evaluation = Evaluator.evaluate(value, against: target, isFinal: isFinal)
        #expect(evaluation.status == status)
        #expect(evaluation.gap == gap)
        #expect(evaluation.value == value)
        #expect(evaluation.target == target)
    }

    @Test("no value is no data, whether or not the year is over", arguments: [true, false])
    func noData(isFinal: Bool) {
        let evaluation = Evaluator.evaluate(nil, against: .atLeast(40), isFinal: isFinal)
        #expect(evaluation == Evaluation(status: .noData, value: nil, target: .atLeast(40), gap: nil))
    }

    static let noTargetRows: [(ComparableValue?, Target?, Bool)] = [
        (.number(50), nil, true),
        (.number(50), Target.none, true),
        (nil, nil, false),
        (nil, Target.none, false),
        (.level(rank: 1), Target.none, true),
    ]

    @Test("no target (absent or '-') is no target, even without a value", arguments: noTargetRows)
    func noTarget(value: ComparableValue?, target: Target?, isFinal: Bool) {
        let evaluation = Evaluator.evaluate(value, against: target, isFinal: isFinal)
        #expect(evaluation.status == .noTarget)
        #expect(evaluation.gap == nil)
        #expect(evaluation.target == target)
        #expect(evaluation.value == value)
    }

    @Test("a number held against a level target has nothing to be judged by")
    func numberAgainstLevel() {
        let evaluation = Evaluator.evaluate(.number(3), against: .level("Có", rank: 1), isFinal: true)
        #expect(evaluation.status == .noTarget)
        #expect(evaluation.value == .number(3))
        #expect(evaluation.gap == nil)
    }

    @Test("statuses have the wire names the API uses")
    func wireNames() {
        #expect(EvaluationStatus.allCases.map(\.rawValue)
            == ["exceeded", "met", "onTrack", "behind", "notMet", "noData", "noTarget", "noBaseline", "sectorTotal"])
    }
}
