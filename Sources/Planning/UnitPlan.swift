import Foundation

/// Kế hoạch của đơn vị — a unit's own targets, which the plan asks to be at least the sector's
/// ("yêu cầu kết quả thực hiện tối thiểu bằng với chỉ tiêu đưa ra của ngành").
public enum UnitPlan {
    public enum Flag: Equatable, Sendable {
        /// The unit asks less of itself than the sector does.
        case belowSector(unit: Target, sector: Target)
        /// The sector has a target for that year and the unit set none.
        case missing(sector: Target)
        /// A sector total: the units' planned targets added up fall short of the sector's ("kế hoạch các đơn vị cộng lại
        /// 150 / ngành ≥ 200"). Raised once for the sector, never against one unit.
        case sumBelowSector(sum: Double, units: Int, sector: Target)
    }

    /// The per-unit check, for the indicators a single unit is held to: ratios, shares and levels. A sector total (a
    /// count) is never flagged per unit — `sumFlag` compares the units' plans added up instead.
    public static func flag(unit: Target, sector: Target, for indicator: Indicator) -> Flag? {
        indicator.isSectorTotal ? nil : flag(unit: unit, sector: sector)
    }

    /// For a sector total: the sum of the thresholds the units planned for a year (a band's threshold is its low end) against the
    /// sector's target. Nil when the sector has no numeric target, no unit planned, or the sum reaches the target.
    public static func sumFlag(units: [Target], sector: Target) -> Flag? {
        guard let required = sector.threshold, sector.kind != .none else { return nil }
        let planned = units.compactMap(\.threshold)
        guard !planned.isEmpty else { return nil }
        // Unit targets are within the quantity domain, so their sum is finite.
        let sum = planned.reduce(0, +)
        let short = if case .greaterThan = sector { sum <= required } else { sum < required }
        return short ? .sumBelowSector(sum: sum, units: planned.count, sector: sector) : nil
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
