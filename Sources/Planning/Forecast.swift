import Foundation

/// Dự báo — where an indicator is heading: the value expected at the next milestone if it keeps the pace of
/// its series so far (a least-squares line through the yearly values), and whether that meets the milestone.
public struct Forecast: Sendable, Hashable {
    public let year: Int
    public let value: Double
    public let target: Target
    /// nil when the milestone has no numeric target (none, or a level).
    public let meetsTarget: Bool?

    /// - Parameters:
    ///   - series: yearly values (year → value), at least two years.
    ///   - milestones: the indicator's milestone targets.
    ///   - after: the last year observed; the forecast is for the first milestone after it.
    ///   - bounds: values outside are clamped (a percentage stays within 0…100).
    public static func make(series: [Int: Double], milestones: [MilestoneTarget], after year: Int,
                            bounds: ClosedRange<Double>? = nil) -> Forecast? {
        guard series.count >= 2, let next = milestones.map(\.year).sorted().first(where: { $0 > year }),
              let milestone = milestones.first(where: { $0.year == next }) else { return nil }
        let points = series.sorted { $0.key < $1.key }.map { (x: Double($0.key), y: $0.value) }
        let n = Double(points.count)
        let meanX = points.map(\.x).reduce(0, +) / n, meanY = points.map(\.y).reduce(0, +) / n
        let sxx = points.map { ($0.x - meanX) * ($0.x - meanX) }.reduce(0, +)
        guard sxx > 0 else { return nil }
        let slope = points.map { ($0.x - meanX) * ($0.y - meanY) }.reduce(0, +) / sxx
        var value = meanY + slope * (Double(next) - meanX)
        if let bounds { value = min(max(value, bounds.lowerBound), bounds.upperBound) }
        let outcome = Evaluator.compare(.number(value), with: milestone.target)
        return Forecast(year: next, value: value, target: milestone.target, meetsTarget: outcome.map { $0.outcome != .notMet })
    }
}
