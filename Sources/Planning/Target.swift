import Foundation

/// Chỉ tiêu của một mốc — what a milestone cell of Appendix I asks for.
///
/// A bare number is a minimum: the plan asks every unit for results "tối thiểu bằng với chỉ tiêu".
public enum Target: Sendable, Hashable {
    /// `≥ x` — at least x.
    case atLeast(Double)
    /// `> x` — strictly more than x.
    case greaterThan(Double)
    /// A bare number `x` — at least x, written without a sign.
    case minimum(Double)
    /// `x-y` — a band: below `low` is not met, inside is met, above `high` is exceeded.
    case range(low: Double, high: Double)
    /// `-` or an empty cell — no target for that milestone.
    case none
    /// Text — a level on the indicator's ordered scale (position `rank`, 0 = lowest).
    case level(String, rank: Int)

    public var kind: TargetKind {
        switch self {
        case .atLeast: .atLeast
        case .greaterThan: .greaterThan
        case .minimum: .minimum
        case .range: .range
        case .none: .none
        case .level: .level
        }
    }

    /// The number a value is compared with to be met (the lower edge of a band); nil for none and levels.
    public var threshold: Double? {
        switch self {
        case .atLeast(let x), .greaterThan(let x), .minimum(let x): x
        case .range(let low, _): low
        case .none, .level: nil
        }
    }

    /// The single number of a one-sided target (nil for bands, none and levels).
    public var value: Double? {
        switch self {
        case .atLeast(let x), .greaterThan(let x), .minimum(let x): x
        case .range, .none, .level: nil
        }
    }

    public var low: Double? { if case .range(let low, _) = self { low } else { nil } }
    public var high: Double? { if case .range(_, let high) = self { high } else { nil } }
    public var levelName: String? { if case .level(let name, _) = self { name } else { nil } }
}

/// The wire name of a target's form, as the API and the plan file write it.
public enum TargetKind: String, Sendable, Codable, CaseIterable {
    case atLeast, greaterThan, minimum, range, none, level
}
