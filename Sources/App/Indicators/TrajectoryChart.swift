import Planning

/// A small server-drawn SVG line of the expected target per year (no script, no library).
struct TrajectoryChart: Encodable {
    struct Point: Encodable {
        let x: Double
        let y: Double
        let label: String
        let milestone: Bool
    }

    struct Tick: Encodable {
        let y: Double
        let label: String
    }

    struct XTick: Encodable {
        let x: Double
        let label: String
    }

    static let width = 640.0, height = 220.0, left = 110.0, right = 20.0, top = 16.0, bottom = 30.0

    let width = TrajectoryChart.width
    let height = TrajectoryChart.height
    /// One SVG path `d` with a gap wherever a year has no target.
    let path: String
    let points: [Point]
    let ticks: [Tick]
    let xTicks: [XTick]

    /// Nil when no year has a target to draw.
    init?(years: [(year: Int, target: Target, isMilestone: Bool)], scale: [String], style: NumberStyle) {
        let plotted = years.compactMap { entry -> (Int, Double, Target, Bool)? in
            if case .level(_, let rank) = entry.target { return (entry.year, Double(rank), entry.target, entry.isMilestone) }
            return entry.target.threshold.map { (entry.year, $0, entry.target, entry.isMilestone) }
        }
        guard let firstYear = years.first?.year, let lastYear = years.last?.year, !plotted.isEmpty else { return nil }
        let isLevel = !scale.isEmpty
        let maxValue = isLevel ? Double(scale.count - 1) : max(1, plotted.map(\.1).max() ?? 1)
        let minValue = 0.0
        let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
        func x(_ year: Int) -> Double { Self.left + plotWidth * Double(year - firstYear) / Double(max(1, lastYear - firstYear)) }
        func y(_ value: Double) -> Double { Self.top + plotHeight * (1 - (value - minValue) / (maxValue - minValue)) }

        var d = "", previousYear: Int?
        for (year, value, _, _) in plotted {
            d += (previousYear == year - 1 ? " L" : " M") + " \(Self.round(x(year))) \(Self.round(y(value)))"
            previousYear = year
        }
        path = d.trimmingCharacters(in: .whitespaces)
        points = plotted.map { year, value, target, isMilestone in
            Point(x: Self.round(x(year)), y: Self.round(y(value)), label: "\(year): \(style.describe(target))",
                  milestone: isMilestone)
        }
        ticks = isLevel
            // Level names are too long for the axis: number them as the page's numbered scale does.
            ? scale.indices.map { Tick(y: Self.round(y(Double($0))), label: String($0 + 1)) }
            : [0, 0.5, 1].map { Tick(y: Self.round(y(maxValue * $0)), label: style.format(maxValue * $0)) }
        xTicks = stride(from: firstYear, through: lastYear, by: 5).map { XTick(x: Self.round(x($0)), label: String($0)) }
    }

    static func round(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}
