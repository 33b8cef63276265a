import Foundation

/// Cách đo — how an indicator is measured by each reporting organisation.
public enum Measure: String, Sendable, Codable, CaseIterable {
    /// Numerator and denominator; consolidated as 100 × Σnumerator / Σdenominator.
    case ratio
    /// A number; summed across organisations.
    case count
    /// Each organisation answers yes or no; the value is the % of organisations answering yes.
    case shareOfUnits
    /// A level on an ordered scale; consolidated as the distribution over the scale.
    case level
}

/// How an indicator adds up over the periods of a year.
public enum Aggregation: String, Sendable, Codable, CaseIterable {
    /// The latest value counts (e.g. % of staff trained).
    case stock
    /// The year's value is the sum of its periods (e.g. projects accepted "mỗi năm").
    case flow
}

/// Which organisations report an indicator.
public enum ReportingScope: String, Sendable, Codable, CaseIterable {
    /// The Department's functional offices and every affiliated unit.
    case allOrganisations
    /// Every affiliated unit, not the offices.
    case affiliatedUnits
    /// Affiliated units that examine and treat patients (đơn vị khám bệnh, chữa bệnh).
    case medicalUnits
    /// The Department as a whole, entered by the lead office (e.g. administrative procedures).
    case department
}

/// Nhóm chỉ tiêu — a group of the plan (I–IV).
public struct IndicatorGroup: Sendable, Hashable {
    public let code: String
    public let name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// Phòng chức năng — an office of the Department, as named in Appendix I (with every spelling seen).
public struct Office: Sendable, Hashable {
    public let code: String
    public let name: String
    public let spellings: [String]

    public init(code: String, name: String, spellings: [String]) {
        self.code = code
        self.name = name
        self.spellings = spellings
    }
}

/// Chỉ tiêu — a target indicator of the plan.
public struct Indicator: Sendable, Hashable {
    public let code: String
    public let number: Int
    public let group: String
    public let name: String
    public let unit: String?
    /// The lead office cell as written ("chủ trì theo dõi, đánh giá").
    public let leadOfficeText: String
    /// Codes of the offices that cell names.
    public let leadOffices: [String]
    /// The implementing units cell as written.
    public let implementers: String
    public let reporters: ReportingScope
    public let measure: Measure
    public let aggregation: Aggregation
    /// Ordered level scale, lowest first; empty unless the measure is `level`.
    public let scale: [String]
    public let targets: [MilestoneTarget]
    /// Judgement calls made in transcribing this row.
    public let note: String?
    /// Tử số — what a ratio's numerator counts, in the plan's words (nil where the plan does not say).
    public let numeratorText: String?
    /// Mẫu số — what a ratio's denominator counts.
    public let denominatorText: String?

    public init(code: String, number: Int, group: String, name: String, unit: String?, leadOfficeText: String,
                leadOffices: [String], implementers: String, reporters: ReportingScope, measure: Measure,
                aggregation: Aggregation, scale: [String], targets: [MilestoneTarget], note: String?,
                numeratorText: String? = nil, denominatorText: String? = nil) {
        self.code = code
        self.number = number
        self.group = group
        self.name = name
        self.unit = unit
        self.leadOfficeText = leadOfficeText
        self.leadOffices = leadOffices
        self.implementers = implementers
        self.reporters = reporters
        self.measure = measure
        self.aggregation = aggregation
        self.scale = scale
        self.targets = targets
        self.note = note
        self.numeratorText = numeratorText
        self.denominatorText = denominatorText
    }

    public func target(in year: Int) -> MilestoneTarget? { targets.first { $0.year == year } }

    /// The expected target of any year (see `Trajectory`).
    public func expected(in year: Int) -> Target { Trajectory.expected(in: year, milestones: targets) }
}

/// Kế hoạch — a plan: its metadata, groups, the offices it names, and its indicators.
public struct Plan: Sendable, Hashable {
    public let code: String
    public let title: String
    public let issuer: String
    public let issuedOn: String
    public let milestoneYears: [Int]
    public let groups: [IndicatorGroup]
    public let offices: [Office]
    public let indicators: [Indicator]
    public let note: String?

    public init(code: String, title: String, issuer: String, issuedOn: String, milestoneYears: [Int],
                groups: [IndicatorGroup], offices: [Office], indicators: [Indicator], note: String?) {
        self.code = code
        self.title = title
        self.issuer = issuer
        self.issuedOn = issuedOn
        self.milestoneYears = milestoneYears
        self.groups = groups
        self.offices = offices
        self.indicators = indicators
        self.note = note
    }
}
