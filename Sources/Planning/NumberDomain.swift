import Foundation

/// Miền giá trị — the range each kind of number the app takes in may have, written once here and checked at every
/// entrance (the form, the reports API, the DHIS2 import, the template upload, `chitieu import`, unit plans,
/// funding, tasks, the plan file). A number outside its domain is refused with a message naming the field; a stored
/// one written before these checks is shown as invalid and left out of every sum.
public enum NumberDomain: String, Sendable, CaseIterable {
    /// Counts, numerators and denominators (people, projects, records): 0 … 10^12, far above any health
    /// sector's count and far below where a sum of a million of them loses whole-number precision (2^53).
    case quantity
    /// A percentage, e.g. the target of a ratio or of a share of units: 0 … 100.
    case percentage
    /// Money in whole đồng: 0 … 10^15 (`Amount.maximum`).
    case money
    /// A task's progress: 0 … 100 %.
    case progress

    public var bounds: ClosedRange<Double> {
        switch self {
        case .quantity: 0...1e12
        case .percentage, .progress: 0...100
        case .money: 0...Double(Amount.maximum)
        }
    }

    /// Finite and within the bounds.
    public func contains(_ value: Double) -> Bool { value.isFinite && bounds.contains(value) }

    /// Finite and no further from zero than the upper bound: the sign is judged by the field's own rule
    /// (a negative count is "âm", a clearer message than "out of range").
    public func containsMagnitude(_ value: Double) -> Bool { value.isFinite && value.magnitude <= bounds.upperBound }

    /// The domain of a target's numbers for an indicator measured this way.
    public static func target(of measure: Measure) -> NumberDomain {
        measure == .count ? .quantity : .percentage
    }
}

extension ReportedValue {
    /// Every number finite and within `NumberDomain.quantity`'s magnitude. A stored value outside it (written before
    /// the domain was enforced) is shown as invalid and never consolidated.
    public var isWithinDomain: Bool {
        switch self {
        case .ratio(let numerator, let denominator):
            NumberDomain.quantity.containsMagnitude(numerator) && NumberDomain.quantity.containsMagnitude(denominator)
        case .count(let amount): NumberDomain.quantity.containsMagnitude(amount)
        case .yesNo, .level: true
        }
    }
}
