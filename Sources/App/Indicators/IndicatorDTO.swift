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
    @Nullable var unit: String?
    let leadOffice: String
    let leadOffices: [OfficeRefDTO]
    let implementers: String
    let reporters: String
    let measure: String
    let aggregation: String
    let scale: [String]
    let targets: [TargetDTO]
    @Nullable var note: String?

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


}

struct OfficeRefDTO: Content {
    let code: String
    let name: String
}

/// A target: `text` is the cell as written (nil for a trajectory year, which no cell states).
struct TargetDTO: Content {
    let year: Int
    @Nullable var text: String?
    let kind: String
    @Nullable var value: Double?
    @Nullable var low: Double?
    @Nullable var high: Double?
    @Nullable var level: String?

    init(_ target: Target, year: Int, text: String?) {
        self.year = year
        self.text = text
        kind = target.kind.rawValue
        value = target.value
        low = target.low
        high = target.high
        level = target.levelName
    }


}

/// One year of an indicator's trajectory.
struct TrajectoryYearDTO: Content {
    let year: Int
    let milestone: Bool
    let target: TargetDTO
}
