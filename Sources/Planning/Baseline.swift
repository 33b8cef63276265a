import Foundation

/// Số liệu gốc — where the line to the next milestone starts when the milestone before a year has no target ("-"):
/// the consolidated value of the first reporting year with approved data (normally 2025), or a value with its year
/// and source entered by the lead office, which wins.
public struct Baseline: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// The consolidated value of the first reporting year with data.
        case firstReportedYear
        /// Entered by the lead office, with where the figure comes from and who entered it (the office, as shown).
        case entered(source: String, by: String)
    }

    public let year: Int
    /// A number (a percentage for ratios and shares), or a rank on the scale for levels.
    public let value: ComparableValue
    public let source: Source

    public init(year: Int, value: ComparableValue, source: Source) {
        self.year = year
        self.value = value
        self.source = source
    }
}

/// What a year expects of an indicator.
public enum Expectation: Sendable, Hashable {
    /// A target for the year: a milestone's own, or a point on the line to the next one.
    case target(Target)
    /// A later milestone sets a target, but the line to it starts at a baseline not known yet (or this year is the
    /// baseline's own year): "chưa có số liệu gốc", with the next milestone shown.
    case awaitingBaseline(next: MilestoneTarget)
    /// No target in this year or any later milestone.
    case none

    public var target: Target {
        if case .target(let target) = self { target } else { .none }
    }
}

extension Trajectory {
    /// The year's expectation, starting the line at `baseline` where the milestone before the year has no target.
    ///
    /// A milestone with a target expects its own. Between a milestone with a target and the next milestone with one,
    /// the line of `expected(in:milestones:)` runs (a "-" between them is stepped over). After the last milestone its
    /// target stays. Where the milestone before the year is "-" (or the year is itself a "-" milestone) and a later
    /// milestone has a target, the line runs from the baseline to it; without a baseline after the year, the year
    /// awaits one. Before the first milestone there is no target.
    public static func expectation(in year: Int, milestones: [MilestoneTarget], baseline: Baseline?, scale: [String] = []) -> Expectation {
        let sorted = milestones.sorted { $0.year < $1.year }
        let withTarget = sorted.filter { $0.target.kind != .none }
        if let exact = withTarget.first(where: { $0.year == year }) { return .target(exact.target) }
        guard let first = sorted.first, year >= first.year else { return .none }
        let previous = sorted.last { $0.year < year }
        guard let next = withTarget.first(where: { $0.year > year }) else {
            // After the last milestone its target stays; a later "-" has no target.
            guard let last = sorted.last, year > last.year, let lastTarget = withTarget.last else { return .none }
            return .target(lastTarget.target)
        }
        if let previous, previous.target.kind != .none {
            let fraction = Double(year - previous.year) / Double(next.year - previous.year)
            return .target(between(previous.target, next.target, fraction: fraction))
        }
        guard let baseline, baseline.year < year, baseline.year < next.year else { return .awaitingBaseline(next: next) }
        let fraction = Double(year - baseline.year) / Double(next.year - baseline.year)
        switch baseline.value {
        case .number(let value):
            return .target(between(.atLeast(value), next.target, fraction: fraction))
        case .level(let rank):
            // A level does not move along a line: until the milestone the unit is expected not to fall below its baseline.
            guard scale.indices.contains(rank) else { return .awaitingBaseline(next: next) }
            return .target(.level(scale[rank], rank: rank))
        }
    }
}

extension Indicator {
    /// The year's expectation, the line starting at `baseline` where the milestone before has no target.
    public func expectation(in year: Int, baseline: Baseline?) -> Expectation {
        Trajectory.expectation(in: year, milestones: targets, baseline: baseline, scale: scale)
    }
}
