import Foundation

/// Độ bao phủ — how many of the organisations expected to report an indicator reported it in the period itself.
///
/// A stock's year value takes each unit's latest value of the year, so a unit silent in the second half still adds
/// its first-half value: it is named in `carriedForward` and does not count as reporting in the later period.
public struct Coverage: Sendable, Hashable {
    /// The share of expected units that must have reported for a verdict to be final (a setting; 80 % by default).
    public static let defaultThreshold = 80.0
    /// The thresholds a setting may take, in percent.
    public static let thresholds: ClosedRange<Double> = 0...100

    /// Organisations with a value in the period itself.
    public let reported: Int
    /// Organisations the indicator expects a value from in the scope.
    public let expected: Int
    /// Codes of organisations whose year value comes only from an earlier period of the year, in scope order: all of
    /// them up to `namedCarried`, else the first of them (a province opening its second half carries nearly every
    /// unit: the count tells how many, a few names which).
    public let carriedForward: [String]
    /// How many organisations' year values come only from an earlier period of the year.
    public let carriedCount: Int

    /// The most carried organisations an assessment names.
    public static let namedCarried = 20

    /// - Parameter carriedCount: how many are carried, when `carriedForward` names only some (default: as many as named).
    public init(reported: Int, expected: Int, carriedForward: [String] = [], carriedCount: Int? = nil) {
        self.reported = reported
        self.expected = expected
        self.carriedForward = Array(carriedForward.prefix(Self.namedCarried))
        self.carriedCount = max(carriedCount ?? carriedForward.count, self.carriedForward.count)
    }

    /// Units reported / units expected, in percent; nil when no unit is expected.
    public var percentage: Double? { expected == 0 ? nil : 100 * Double(reported) / Double(expected) }

    /// Whether enough units reported for a verdict to stand as final: at least `threshold` percent of those expected.
    public func suffices(threshold: Double) -> Bool {
        guard let percentage else { return false }
        return percentage >= threshold
    }

    /// The organisations expected to report `period`, which of them did, and which only earlier in the year.
    static func of(_ period: ReportingPeriod, organisations: [Organisation], values: [String: [ReportingPeriod: ReportedValue]]) -> Coverage {
        var reported = 0
        var carried: [String] = []
        for organisation in organisations {
            let own = values[organisation.code] ?? [:]
            if own[period] != nil {
                reported += 1
            } else if own.keys.contains(where: { $0.year == period.year && $0 < period }) {
                carried.append(organisation.code)
            }
        }
        return Coverage(reported: reported, expected: organisations.count, carriedForward: carried)
    }
}

extension EvaluationStatus {
    /// A judgement of the value against a target (as opposed to no data, no target, no baseline, a sector total).
    public var isVerdict: Bool {
        switch self {
        case .exceeded, .met, .onTrack, .behind, .notMet: true
        case .noData, .noTarget, .noBaseline, .sectorTotal: false
        }
    }
}
