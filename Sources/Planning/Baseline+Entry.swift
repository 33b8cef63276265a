import Foundation

extension Baseline {
    /// What a lead office types as an indicator's baseline: a number (a percentage for ratios and shares) or a level of
    /// the indicator's scale, the year it describes, and where the figure comes from.
    public struct Entry: Sendable, Hashable {
        public var value: Double?
        public var level: String?
        public var year: Int
        public var source: String

        public init(value: Double? = nil, level: String? = nil, year: Int, source: String) {
            self.value = value
            self.level = level
            self.year = year
            self.source = source
        }
    }

    /// Why an entry is not a baseline, by field.
    public enum Problem: Error, Sendable, Hashable {
        /// No number (numeric indicators) or no level (level indicators).
        case valueRequired(Measure)
        /// A number outside the indicator's domain (0–100 for a percentage, 0–10^12 for a count).
        case outOfDomain(Double, NumberDomain)
        /// A level that is not on the indicator's scale.
        case notOnScale(String, scale: [String])
        /// A year outside the plan's milestones.
        case yearOutsidePlan(Int, first: Int, last: Int)
        /// A year after the current one: a baseline is something already measured.
        case yearInFuture(Int, current: Int)
        case sourceRequired
        case sourceTooLong(maximum: Int)
    }

    public static let maximumSourceLength = 500

    /// Checks `entry` for `indicator`: a value in the indicator's measure and domain, a year in the plan's range and
    /// not after `currentYear`, a source. `by` names who entered it (the office, as shown).
    public static func check(_ entry: Entry, for indicator: Indicator, planYears: ClosedRange<Int>, currentYear: Int,
                             by office: String) -> Result<Baseline, Problems<Problem>> {
        var problems: [Problem] = []
        var value: ComparableValue?
        if indicator.measure == .level {
            let level = entry.level.map(Text.collapsingWhitespace) ?? ""
            if level.isEmpty {
                problems.append(.valueRequired(.level))
            } else if let rank = indicator.scale.firstIndex(of: level) {
                value = .level(rank: rank)
            } else {
                problems.append(.notOnScale(level, scale: indicator.scale))
            }
        } else {
            let domain = NumberDomain.target(of: indicator.measure)
            if let number = entry.value {
                if domain.contains(number) { value = .number(number) } else { problems.append(.outOfDomain(number, domain)) }
            } else {
                problems.append(.valueRequired(indicator.measure))
            }
        }
        if !planYears.contains(entry.year) {
            problems.append(.yearOutsidePlan(entry.year, first: planYears.lowerBound, last: planYears.upperBound))
        } else if entry.year > currentYear {
            problems.append(.yearInFuture(entry.year, current: currentYear))
        }
        let source = Text.collapsingWhitespace(entry.source)
        if source.isEmpty { problems.append(.sourceRequired) }
        if source.count > maximumSourceLength { problems.append(.sourceTooLong(maximum: maximumSourceLength)) }
        guard problems.isEmpty, let value else { return .failure(Problems(problems)) }
        return .success(Baseline(year: entry.year, value: value, source: .entered(source: source, by: office)))
    }
}
