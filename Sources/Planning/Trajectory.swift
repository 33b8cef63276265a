import Foundation

/// The target of one milestone year, with the cell text exactly as Appendix I writes it.
public struct MilestoneTarget: Sendable, Hashable {
    public let year: Int
    public let text: String
    public let target: Target

    public init(year: Int, text: String, target: Target) {
        self.year = year
        self.text = text
        self.target = target
    }
}

/// Lộ trình — what is expected in the years between milestones.
public enum Trajectory {
    /// The expected target in `year`.
    ///
    /// A milestone year expects its own target. Between two numeric milestones the threshold moves
    /// linearly (a band's edges move each on their own line); between two levels the earlier level
    /// holds until the next milestone. Next to a milestone without a target there is no trajectory,
    /// since it has no starting point. After the last milestone its target stays.
    public static func expected(in year: Int, milestones: [MilestoneTarget]) -> Target {
        let sorted = milestones.sorted { $0.year < $1.year }
        if let exact = sorted.first(where: { $0.year == year }) { return exact.target }
        guard let first = sorted.first, year > first.year, let last = sorted.last else { return .none }
        if year > last.year { return last.target }
        guard let next = sorted.first(where: { $0.year > year }),
              let previous = sorted.last(where: { $0.year < year }) else { return .none }
        let fraction = Double(year - previous.year) / Double(next.year - previous.year)
        return between(previous.target, next.target, fraction: fraction)
    }

    /// Every year from `from` through `to`, with its expected target and whether it is a milestone.
    public static func years(_ from: Int, through to: Int, milestones: [MilestoneTarget]) -> [(year: Int, target: Target, isMilestone: Bool)] {
        let milestoneYears = Set(milestones.map(\.year))
        return (from...max(from, to)).map { ($0, expected(in: $0, milestones: milestones), milestoneYears.contains($0)) }
    }

    static func between(_ a: Target, _ b: Target, fraction: Double) -> Target {
        switch (a, b) {
        case (.level, .level):
            return a
        case (.range(let lowA, let highA), .range(let lowB, let highB)):
            return .range(low: line(lowA, lowB, fraction), high: line(highA, highB, fraction))
        case (.greaterThan(let x), .greaterThan(let y)):
            return .greaterThan(line(x, y, fraction))
        default:
            guard let x = a.threshold, let y = b.threshold else { return .none }
            return .atLeast(line(x, y, fraction))
        }
    }

    /// A point on the line, rounded to two decimals so that years read cleanly (1,4 not 1,4000000001).
    static func line(_ x: Double, _ y: Double, _ fraction: Double) -> Double {
        ((x + (y - x) * fraction) * 100).rounded() / 100
    }
}
