import Planning

/// An indicator's trend drawn on the server as SVG: its consolidated value per period (solid, with points) over the
/// expected trajectory (dashed) and the milestone targets (squares), from the plan's first year to the next milestone.
/// The numbers are also in the table beside it, so the chart needs neither script nor colour to be read.
struct TrendChart: Encodable {
    struct Point: Encodable {
        let x: Double
        let y: Double
        let label: String
        /// The corner of the square marking a milestone.
        let boxX: Double
        let boxY: Double

        init(x: Double, y: Double, label: String) {
            (self.x, self.y, self.label, boxX, boxY) = (x, y, label, x - 4, y - 4)
        }
    }

    struct Tick: Encodable {
        let at: Double
        let label: String
        /// Where a y-axis label's baseline goes, centred on its line.
        let textAt: Double

        init(at: Double, label: String) {
            (self.at, self.label, textAt) = (at, label, at + 4)
        }
    }

    static let width = 640.0, height = 240.0, left = 56.0, right = 16.0, top = 14.0, bottom = 30.0

    let width = TrendChart.width
    let height = TrendChart.height
    let bottomY = TrendChart.height - TrendChart.bottom
    let leftX = TrendChart.left
    let labelX = TrendChart.left - 6
    let xLabelY = TrendChart.height - 10
    let rightX = TrendChart.width - TrendChart.right
    let trajectory: String
    let milestones: [Point]
    let valuePath: String
    let values: [Point]
    let yTicks: [Tick]
    let xTicks: [Tick]

    /// - Parameter series: the consolidated value per period (nil where nothing was reported).
    init?(indicator: Indicator, series: [(period: ReportingPeriod, value: ComparableValue?)], through lastYear: Int, style: NumberStyle) {
        guard let firstYear = (indicator.targets.map(\.year) + series.map(\.period.year)).min() else { return nil }
        let endYear = max(lastYear, series.map(\.period.year).max() ?? lastYear)
        let years = Trajectory.years(firstYear, through: endYear, milestones: indicator.targets)
        func number(_ target: Target) -> Double? {
            if case .level(_, let rank) = target { return Double(rank) }
            return target.threshold
        }
        func number(_ value: ComparableValue?) -> Double? {
            switch value {
            case .number(let n)?: n
            case .level(let rank)?: Double(rank)
            case nil: nil
            }
        }
        let expected = years.compactMap { entry in number(entry.target).map { (entry.year, $0, entry.isMilestone, entry.target) } }
        let points = series.compactMap { point in number(point.value).map { (point.period, $0) } }
        guard !expected.isEmpty || !points.isEmpty else { return nil }
        let top = indicator.measure == .level ? Double(max(1, indicator.scale.count - 1))
            : max(1, ((expected.map(\.1) + points.map(\.1)).max() ?? 1) * 1.1)
        let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
        // A year's value is judged at its end: the whole-year period sits on the year, the first half half a year before.
        func x(_ year: Double) -> Double { Self.round(Self.left + plotWidth * (year - Double(firstYear - 1)) / Double(max(1, endYear - firstYear + 1))) }
        func y(_ value: Double) -> Double { Self.round(Self.top + plotHeight * (1 - min(max(value, 0), top) / top)) }
        func position(_ period: ReportingPeriod) -> Double { Double(period.year) - (period.half == .first ? 0.5 : 0) }

        trajectory = Self.path(expected.map { (x(Double($0.0)), y($0.1), $0.0) }, consecutive: 1)
        milestones = expected.filter(\.2).map { Point(x: x(Double($0.0)), y: y($0.1), label: "\($0.0): \(style.describe($0.3))") }
        valuePath = points.map { (x(position($0.0)), y($0.1)) }.enumerated()
            .map { ($0.offset == 0 ? "M" : "L") + " \($0.element.0) \($0.element.1)" }.joined(separator: " ")
        let percent = indicator.measure == .ratio || indicator.measure == .shareOfUnits
        values = points.map { period, value in
            let shown = indicator.measure == .level ? LevelScale.name(at: value, in: indicator.scale) : percent ? style.percent(value) : style.format(value, maxDecimals: 1)
            return Point(x: x(position(period)), y: y(value), label: "\(period.code): \(shown)")
        }
        yTicks = indicator.measure == .level
            ? indicator.scale.indices.map { Tick(at: y(Double($0)), label: String($0 + 1)) }
            : [0, 0.25, 0.5, 0.75, 1].map { Tick(at: y(top * $0), label: style.format(top * $0, maxDecimals: 0)) }
        let step = endYear - firstYear > 10 ? 5 : 1
        xTicks = stride(from: firstYear, through: endYear, by: step).map { Tick(at: x(Double($0)), label: String($0)) }
    }

    /// One SVG path through the points, lifting the pen where years are not consecutive (a year without a target).
    static func path(_ points: [(x: Double, y: Double, year: Int)], consecutive step: Int) -> String {
        var d: [String] = [], previous: Int?
        for point in points {
            d.append((previous == point.year - step ? "L" : "M") + " \(point.x) \(point.y)")
            previous = point.year
        }
        return d.joined(separator: " ")
    }

    static func round(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    /// Points of a 80 × 20 sparkline through the numeric values (levels by rank); gaps are skipped.
    static func spark(_ series: [ComparableValue?]) -> String {
        let numbers: [(Int, Double)] = series.enumerated().compactMap { index, value in
            switch value {
            case .number(let n)?: (index, n)
            case .level(let rank)?: (index, Double(rank))
            case nil: nil
            }
        }
        guard numbers.count >= 2, series.count >= 2 else { return "" }
        let low = numbers.map(\.1).min() ?? 0, high = numbers.map(\.1).max() ?? 0
        let span = high - low == 0 || !(high - low).isFinite ? 1 : high - low
        return numbers.map { index, value in
            "\(round(2 + 76 * Double(index) / Double(series.count - 1))),\(round(18 - 16 * (value - low) / span))"
        }.joined(separator: " ")
    }
}
