import Foundation

/// What the report form tells a unit about an indicator's target for a year: what is asked of the unit itself, and
/// the sector's target only as context. A sector total (a count, "toàn ngành") is never shown as one unit's target;
/// a yes/no indicator (share of units) asks each unit for "Có".
public struct UnitTargetGuide: Sendable, Equatable {
    public enum Own: Sendable, Equatable {
        /// The unit's own plan sets it (its milestones and the line between them).
        case ownPlan(Target)
        /// The sector's target applies to the unit as it is (a ratio or level without an own plan; the Department's report).
        case sector(Target)
        /// A share of units: each unit is expected to answer yes.
        case yes
        /// A count whose unit set no target of its own: the sector's figure is a total, not the unit's.
        case notSet
        /// No target for the year.
        case none
    }

    public let own: Own
    /// The sector's target, shown for reference; nil where `own` already is the sector's target or it has none.
    public let sectorContext: Target?
    /// The sector's target is a total over the units (counts).
    public let sectorIsTotal: Bool

    public init(own: Own, sectorContext: Target?, sectorIsTotal: Bool) {
        self.own = own
        self.sectorContext = sectorContext
        self.sectorIsTotal = sectorIsTotal
    }

    /// - Parameters:
    ///   - own: the unit's own milestones (its unit plan), empty when it set none.
    ///   - department: the report is the Department's own (department-level indicators): the sector's target is its target.
    public static func guide(_ indicator: Indicator, year: Int, own: [MilestoneTarget], department: Bool) -> UnitTargetGuide {
        let sector = indicator.expected(in: year)
        let sectorTarget: Target? = sector.kind == .none ? nil : sector
        if department {
            return UnitTargetGuide(own: sectorTarget.map(Own.sector) ?? .none, sectorContext: nil, sectorIsTotal: false)
        }
        let ownMilestones = own.filter { $0.target.kind != .none }
        switch indicator.measure {
        case .shareOfUnits:
            return UnitTargetGuide(own: .yes, sectorContext: sectorTarget, sectorIsTotal: false)
        case .count:
            let mine = Trajectory.expected(in: year, milestones: ownMilestones)
            return UnitTargetGuide(own: mine.kind == .none ? .notSet : .ownPlan(mine), sectorContext: sectorTarget, sectorIsTotal: true)
        case .ratio, .level:
            guard !ownMilestones.isEmpty else {
                return UnitTargetGuide(own: sectorTarget.map(Own.sector) ?? .none, sectorContext: nil, sectorIsTotal: false)
            }
            let mine = indicator.judged(as: .unit(own: ownMilestones)).indicator.expected(in: year)
            return UnitTargetGuide(own: mine.kind == .none ? .none : .ownPlan(mine), sectorContext: sectorTarget, sectorIsTotal: false)
        }
    }
}
