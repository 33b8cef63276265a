import Foundation

/// Kiểm tra số liệu — the checks a reported value must pass, the same for the form, the Excel upload
/// and the API.
public enum ValueCheck {
    public enum Problem: Error, Equatable, Sendable {
        /// Submitting needs every value.
        case required
        case negative
        /// Counts are whole numbers.
        case notWhole
        /// A positive numerator over a denominator of 0.
        case zeroDenominator
        /// 0/0 (nothing to count, e.g. a hospital without provincial civil servants) is a truthful answer, kept only
        /// with a comment saying why; it adds nothing to either sum and reads "—".
        case zeroOverZeroNeedsComment
        /// More in the numerator than in the denominator (a share above 100 %).
        case numeratorAboveDenominator
        /// A level that is not on the indicator's scale.
        case unknownLevel(String)
        /// A stock value moved more than the allowed amount since the previous period: needs a comment.
        case bigChangeNeedsComment(previous: Double, current: Double)
        /// The value's shape does not fit the indicator's measure.
        case wrongShape(expected: Measure)
        /// Only one of numerator and denominator was given.
        case incompleteRatio
        /// A comment longer than `ValueEntry.maximumCommentLength`.
        case commentTooLong(maximum: Int)
        /// Not a finite number within `NumberDomain.quantity` (e.g. 1e307, infinity, NaN).
        case outOfRange(maximum: Double)

        /// A warning while saving a draft, an error when submitting: the value itself is valid.
        public var isWarningOnSave: Bool { if case .bigChangeNeedsComment = self { true } else { false } }
    }

    public struct Options: Sendable {
        /// A ratio may pass 100 % (rare: e.g. more results applied than accepted).
        public var ratioMayExceedHundred = false
        /// The largest change (in percentage points for ratios and shares, in % of the previous value
        /// for counts) that needs no comment.
        public var maximumChangeWithoutComment = 30.0
        /// A change is big only if it also moves the things counted (a count, or a ratio's numerator or denominator)
        /// by more than this: 2 → 3 is +50 % but one more, not a change that needs explaining.
        public var minimumCountedChange = 5.0

        public init(ratioMayExceedHundred: Bool = false, maximumChangeWithoutComment: Double = 30, minimumCountedChange: Double = 5) {
            self.ratioMayExceedHundred = ratioMayExceedHundred
            self.maximumChangeWithoutComment = maximumChangeWithoutComment
            self.minimumCountedChange = minimumCountedChange
        }
    }

    /// A number outside `NumberDomain.quantity`, as every reader of values reports it.
    public static let outOfDomain = Problem.outOfRange(maximum: NumberDomain.quantity.bounds.upperBound)

    /// Every problem of one value. `value` nil means not filled in: a problem only when `submitting`.
    public static func problems(_ value: ReportedValue?, for indicator: Indicator, previous: ReportedValue? = nil,
                                comment: String? = nil, submitting: Bool, options: Options = Options()) -> [Problem] {
        guard let value else { return submitting ? [.required] : [] }
        guard value.measure == indicator.measure else { return [.wrongShape(expected: indicator.measure)] }
        guard value.isWithinDomain else { return [outOfDomain] }
        let hasComment = !(comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        var found: [Problem] = []
        switch value {
        case .ratio(let numerator, let denominator):
            if numerator < 0 || denominator < 0 { found.append(.negative) }
            if numerator.rounded() != numerator || denominator.rounded() != denominator { found.append(.notWhole) }
            if denominator == 0 && numerator != 0 { found.append(.zeroDenominator) }
            if denominator == 0 && numerator == 0 && !hasComment { found.append(.zeroOverZeroNeedsComment) }
            if numerator > denominator && !options.ratioMayExceedHundred && denominator > 0 { found.append(.numeratorAboveDenominator) }
        case .count(let n):
            if n < 0 { found.append(.negative) }
            if n.rounded() != n { found.append(.notWhole) }
        case .level(let level):
            if LevelScale.rank(of: level, in: indicator.scale) == nil { found.append(.unknownLevel(level)) }
        case .yesNo:
            break
        }
        if found.isEmpty, indicator.aggregation == .stock, let previous, let jump = change(from: previous, to: value),
           jump.size > options.maximumChangeWithoutComment, jump.counted > options.minimumCountedChange, !hasComment {
            found.append(.bigChangeNeedsComment(previous: jump.from, current: jump.to))
        }
        return found
    }

    /// How far a value moved: `size` in percentage points for ratios, in % of the previous value for counts (the
    /// relative threshold); `counted`, how many things counted changed (the absolute one: the count's difference, or
    /// the larger move of a ratio's numerator and denominator).
    static func change(from previous: ReportedValue, to current: ReportedValue) -> (from: Double, to: Double, size: Double, counted: Double)? {
        switch (previous, current) {
        case (.ratio(let n0, let d0), .ratio(let n1, let d1)) where d0 > 0 && d1 > 0:
            let a = 100 * n0 / d0, b = 100 * n1 / d1
            return (a, b, abs(b - a), max(abs(n1 - n0), abs(d1 - d0)))
        case (.count(let a), .count(let b)) where a > 0:
            return (a, b, 100 * abs(b - a) / a, abs(b - a))
        default:
            return nil
        }
    }
}
