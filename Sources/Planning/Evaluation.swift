import Foundation

/// Trạng thái đánh giá — where a value stands against its target for a period.
public enum EvaluationStatus: String, Sendable, Codable, CaseIterable {
    case exceeded, met, onTrack, behind, notMet, noData, noTarget
    /// A later milestone has a target, but the line to it starts at a baseline not known yet ("chưa có số liệu gốc").
    case noBaseline
    /// A sector total ("toàn ngành") seen for one unit or a group: not held against the sector's target, shown with
    /// its share of the total instead.
    case sectorTotal
}

/// A value as it is compared with a target: a number, or a rank on the indicator's level scale.
public enum ComparableValue: Sendable, Hashable {
    case number(Double)
    case level(rank: Int)
}

/// The outcome of one value against one target, with the gap that explains it.
public struct Comparison: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable { case notMet, met, exceeded }
    public let outcome: Outcome
    /// Signed distance to the target: negative when short of it (for levels, in scale steps);
    /// for a band, distance to the nearest edge (0 inside).
    public let gap: Double
}

/// A judgement with its reason: the value, the target it was held against, and the gap.
public struct Evaluation: Sendable, Hashable {
    public let status: EvaluationStatus
    public let value: ComparableValue?
    public let target: Target?
    public let gap: Double?
}

public enum Evaluator {
    /// Compares a value with a target. Nil when there is no target or the two cannot be compared
    /// (a number against a level).
    public static func compare(_ value: ComparableValue, with target: Target) -> Comparison? {
        switch (value, target) {
        case (.number(let v), .atLeast(let x)), (.number(let v), .minimum(let x)):
            return Comparison(outcome: v < x ? .notMet : (v == x ? .met : .exceeded), gap: v - x)
        case (.number(let v), .greaterThan(let x)):
            // "> x" is itself an open target: every value above x meets it, none exceeds it.
            return Comparison(outcome: v > x ? .met : .notMet, gap: v - x)
        case (.number(let v), .range(let low, let high)):
            if v < low { return Comparison(outcome: .notMet, gap: v - low) }
            if v > high { return Comparison(outcome: .exceeded, gap: v - high) }
            return Comparison(outcome: .met, gap: 0)
        case (.level(let rank), .level(_, let targetRank)):
            let gap = Double(rank - targetRank)
            return Comparison(outcome: gap < 0 ? .notMet : (gap == 0 ? .met : .exceeded), gap: gap)
        case (_, .none), (.number, .level), (.level, _):
            return nil
        }
    }

    /// Evaluates a period's value against the expected target of its year.
    /// - Parameter isFinal: the value is a milestone year's result (the year is over), judged
    ///   exceeded / met / not met; otherwise it is judged on track / behind the trajectory.
    public static func evaluate(_ value: ComparableValue?, against target: Target?, isFinal: Bool) -> Evaluation {
        guard let target, target.kind != .none else {
            return Evaluation(status: .noTarget, value: value, target: target, gap: nil)
        }
        guard let value else { return Evaluation(status: .noData, value: nil, target: target, gap: nil) }
        guard let comparison = compare(value, with: target) else {
            return Evaluation(status: .noTarget, value: value, target: target, gap: nil)
        }
        let status: EvaluationStatus = switch (comparison.outcome, isFinal) {
        case (.exceeded, true): .exceeded
        case (.met, true): .met
        case (.notMet, true): .notMet
        case (.notMet, false): .behind
        case (.met, false), (.exceeded, false): .onTrack
        }
        return Evaluation(status: status, value: value, target: target, gap: comparison.gap)
    }
}
