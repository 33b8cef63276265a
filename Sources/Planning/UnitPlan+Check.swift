import Foundation

extension UnitPlan {
    public enum Problem: Error, Equatable, Sendable {
        /// Not a target form (`≥ x`, `> x`, a number, `x-y`, `-`) and not a level of the indicator's scale.
        case unreadable(String)
        /// A band whose low end is above its high end.
        case invalidRange(String)
        /// A number for a level indicator, or a level for a numeric one.
        case wrongKind(expected: Measure)
        /// A percentage above 100.
        case aboveHundred(Double)
        case negative(Double)
        /// A number beyond the domain of the indicator's targets (`NumberDomain`).
        case tooLarge(maximum: Double)
    }

    /// Reads a unit's target for `indicator` as typed, with the same forms as Appendix I.
    public static func target(_ text: String, for indicator: Indicator) -> Result<Target, Problem> {
        let target: Target
        switch TargetParser.parse(text, scale: indicator.scale) {
        case .success(let parsed): target = parsed
        case .failure(.invalidRange(let cell)): return .failure(.invalidRange(cell))
        case .failure(.unknownLevel(let cell, _)): return .failure(.unreadable(cell))
        case .failure(.outOfRange): return .failure(.tooLarge(maximum: NumberDomain.quantity.bounds.upperBound))
        }
        if target.kind == .none { return .success(target) }
        let isLevel = target.kind == .level
        if isLevel != (indicator.measure == .level) { return .failure(.wrongKind(expected: indicator.measure)) }
        let numbers = [target.threshold, target.low, target.high].compactMap { $0 }
        if let negative = numbers.first(where: { $0 < 0 }) { return .failure(.negative(negative)) }
        if indicator.measure == .ratio || indicator.measure == .shareOfUnits, let above = numbers.first(where: { $0 > 100 }) {
            return .failure(.aboveHundred(above))
        }
        return .success(target)
    }
}
