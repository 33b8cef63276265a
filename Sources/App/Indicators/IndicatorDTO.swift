import Planning
import Vapor

/// An indicator as the API returns it. Field names are a contract with integrators: keep them stable.
/// Absent values are written as `null`, never left out.
struct IndicatorDTO: Content {
    let plan: String
    let code: String
    let number: Int
    let group: String
    let name: String
    let unit: String?
    let leadOffice: String
    let leadOffices: [OfficeRefDTO]
    let implementers: String
    let reporters: String
    let measure: String
    let aggregation: String
    let scale: [String]
    let targets: [TargetDTO]
    let note: String?

    init(_ indicator: Indicator, plan: String, offices: [String: String]) {
        self.plan = plan
        code = indicator.code
        number = indicator.number
        group = indicator.group
        name = indicator.name
        unit = indicator.unit
        leadOffice = indicator.leadOfficeText
        leadOffices = indicator.leadOffices.map { OfficeRefDTO(code: $0, name: offices[$0] ?? $0) }
        implementers = indicator.implementers
        reporters = indicator.reporters.rawValue
        measure = indicator.measure.rawValue
        aggregation = indicator.aggregation.rawValue
        scale = indicator.scale
        targets = indicator.targets.map { TargetDTO($0.target, year: $0.year, text: $0.text) }
        note = indicator.note
    }

    enum CodingKeys: String, CodingKey {
        case plan, code, number, group, name, unit, leadOffice, leadOffices, implementers, reporters, measure, aggregation, scale, targets, note
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(plan, forKey: .plan); try c.encode(code, forKey: .code); try c.encode(number, forKey: .number)
        try c.encode(group, forKey: .group); try c.encode(name, forKey: .name); try c.encode(unit, forKey: .unit)
        try c.encode(leadOffice, forKey: .leadOffice); try c.encode(leadOffices, forKey: .leadOffices)
        try c.encode(implementers, forKey: .implementers); try c.encode(reporters, forKey: .reporters)
        try c.encode(measure, forKey: .measure); try c.encode(aggregation, forKey: .aggregation)
        try c.encode(scale, forKey: .scale); try c.encode(targets, forKey: .targets); try c.encode(note, forKey: .note)
    }
}

struct OfficeRefDTO: Content {
    let code: String
    let name: String
}

/// A target: `text` is the cell as written (nil for a trajectory year, which no cell states).
struct TargetDTO: Content {
    let year: Int
    let text: String?
    let kind: String
    let value: Double?
    let low: Double?
    let high: Double?
    let level: String?

    init(_ target: Target, year: Int, text: String?) {
        self.year = year
        self.text = text
        kind = target.kind.rawValue
        value = target.value
        low = target.low
        high = target.high
        level = target.levelName
    }

    enum CodingKeys: String, CodingKey { case year, text, kind, value, low, high, level }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(year, forKey: .year); try c.encode(text, forKey: .text); try c.encode(kind, forKey: .kind)
        try c.encode(value, forKey: .value); try c.encode(low, forKey: .low); try c.encode(high, forKey: .high)
        try c.encode(level, forKey: .level)
    }
}

/// One year of an indicator's trajectory.
struct TrajectoryYearDTO: Content {
    let year: Int
    let milestone: Bool
    let target: TargetDTO
}
