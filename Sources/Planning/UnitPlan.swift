import Foundation

/// Kế hoạch của đơn vị — a unit's own targets, which the plan asks to be at least the sector's
/// ("yêu cầu kết quả thực hiện tối thiểu bằng với chỉ tiêu đưa ra của ngành").
public enum UnitPlan {
    public enum Flag: Equatable, Sendable {
        /// The unit asks less of itself than the sector does.
        case belowSector(unit: Target, sector: Target)
        /// The sector has a target for that year and the unit set none.
        case missing(sector: Target)
    }

    /// Whether a unit's target for a year falls short of the sector's. Nil when it does not.
    public static func flag(unit: Target, sector: Target) -> Flag? {
        if sector.kind == .none { return nil }
        if unit.kind == .none { return .missing(sector: sector) }
        switch (unit, sector) {
        case (.level(_, let unitRank), .level(_, let sectorRank)):
            return unitRank < sectorRank ? .belowSector(unit: unit, sector: sector) : nil
        default:
            guard let own = unit.threshold, let theirs = sector.threshold else { return .belowSector(unit: unit, sector: sector) }
            if own < theirs { return .belowSector(unit: unit, sector: sector) }
            // "> x" asks for more than "≥ x" at the same number: a unit writing ≥ 80 under "> 80" is short.
            if own == theirs, case .greaterThan = sector, !isStrict(unit) { return .belowSector(unit: unit, sector: sector) }
            return nil
        }
    }

    private static func isStrict(_ target: Target) -> Bool { if case .greaterThan = target { true } else { false } }
}

/// Nhiệm vụ — a task of the plan's Appendix II shape, with its status in the latest cycle.
public enum TaskStatus: String, Sendable, Codable, CaseIterable {
    case notStarted, inProgress, done, stalled
}

public enum TaskSchedule {
    /// A task not done by the end of its time frame is overdue (from the day after its end).
    public static func isOverdue(end: Day, status: TaskStatus, today: Day) -> Bool {
        status != .done && today > end
    }
}

/// Nguồn kinh phí — where the money for a task comes from (section III of the plan).
public enum FundingSource: String, Sendable, Codable, CaseIterable {
    /// Ngân sách nhà nước.
    case stateBudget
    /// Nguồn thu của đơn vị.
    case ownRevenue
    /// Quỹ đầu tư phát triển sự nghiệp của đơn vị.
    case developmentFund
    /// Nguồn kinh phí hợp pháp khác.
    case otherLawful
}

/// Amounts in whole đồng (VND has no minor unit), planned and spent, per source.
public struct FundingLine: Sendable, Hashable {
    public let source: FundingSource
    public let planned: Int64
    public let spent: Int64

    public init(source: FundingSource, planned: Int64, spent: Int64) {
        self.source = source
        self.planned = planned
        self.spent = spent
    }
}

public enum Funding {
    /// Totals by source, every source present (zero when nothing was entered), in the plan's order.
    public static func totals(_ lines: [FundingLine]) -> [FundingLine] {
        FundingSource.allCases.map { source in
            let mine = lines.filter { $0.source == source }
            return FundingLine(source: source, planned: Amount.sum(mine.map(\.planned)), spent: Amount.sum(mine.map(\.spent)))
        }
    }
}

extension Indicator {
    /// The indicator held against a unit's own plan: each milestone the unit set replaces the sector's for that year;
    /// the years it left blank keep the sector's target, so the trajectory still has both ends.
    public func heldAgainst(_ own: [MilestoneTarget]) -> Indicator {
        let ownYears = Set(own.map(\.year))
        let merged = (targets.filter { !ownYears.contains($0.year) } + own).sorted { $0.year < $1.year }
        return Indicator(code: code, number: number, group: group, name: name, unit: unit, leadOfficeText: leadOfficeText,
                         leadOffices: leadOffices, implementers: implementers, reporters: reporters, measure: measure,
                         aggregation: aggregation, scale: scale, targets: merged, note: note,
                         numeratorText: numeratorText, denominatorText: denominatorText)
    }
}
