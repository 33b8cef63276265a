import Foundation

/// Whom an assessment speaks for, and so which targets apply to it.
///
/// The plan's targets are the sector's. A sector total ("toàn ngành": the count indicators) is never held against one
/// unit or a group of units — only a unit's own plan can give it a target. Ratios, shares and levels are held against
/// the unit's own plan where it set targets for the indicator, else the sector's. Where a unit's plan sets targets for
/// an indicator, a year it left blank has none ("-"): it does not silently take the sector's.
public enum AssessmentScope: Sendable, Hashable {
    /// The whole sector: the plan's targets.
    case sector
    /// One organisation, with the milestone targets its own plan sets for the indicator (empty: none).
    case unit(own: [MilestoneTarget])
    /// Several organisations that are not the sector (every unit of a kind).
    case group
}

/// Where the targets an assessment is held against come from.
public enum TargetSource: String, Sendable, Codable, CaseIterable {
    /// The plan's (the sector's) targets.
    case sector
    /// The unit's own plan.
    case unitPlan
    /// None applies: a sector total seen for a unit or a group, which is shown with its share of the total instead.
    case sectorTotal
}

extension Indicator {
    /// Whether the indicator's targets are sector totals ("toàn ngành"): a count adds up across units.
    public var isSectorTotal: Bool { measure == .count }

    /// The indicator as `scope` is held against it, and where its targets come from.
    public func judged(as scope: AssessmentScope) -> (indicator: Indicator, source: TargetSource) {
        switch scope {
        case .sector:
            return (self, .sector)
        case .unit(let own) where !own.isEmpty:
            return (withTargets(ownPlan(own)), .unitPlan)
        case .unit, .group:
            return isSectorTotal ? (withTargets([]), .sectorTotal) : (self, .sector)
        }
    }

    /// A unit's milestones: its own target where it set one, "-" in the plan's other milestone years.
    func ownPlan(_ own: [MilestoneTarget]) -> [MilestoneTarget] {
        let ownYears = Set(own.map(\.year))
        let blanks = targets.filter { !ownYears.contains($0.year) }.map { MilestoneTarget(year: $0.year, text: "-", target: .none) }
        return (own + blanks).sorted { $0.year < $1.year }
    }

    func withTargets(_ milestones: [MilestoneTarget]) -> Indicator {
        Indicator(code: code, number: number, group: group, name: name, unit: unit, leadOfficeText: leadOfficeText,
                  leadOffices: leadOffices, implementers: implementers, reporters: reporters, measure: measure,
                  aggregation: aggregation, scale: scale, targets: milestones, note: note,
                  numeratorText: numeratorText, denominatorText: denominatorText)
    }
}
