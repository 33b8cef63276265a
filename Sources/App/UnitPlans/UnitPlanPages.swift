import Fluent
import Planning
import Vapor

/// How a flag reads: both values and what is wrong.
enum FlagText {
    static func describe(_ flag: UnitPlan.Flag?, _ language: Language) -> String {
        switch flag {
        case .belowSector?: Localizer.text("unitPlans.below", language)
        case .missing?: Localizer.text("unitPlans.missing", language)
        case .sumBelowSector(let sum, let units, let sector)?:
            Localizer.text("unitPlans.sumBelow", language, ["sum": language.numbers.format(sum),
                                                             "units": String(units),
                                                             "sector": language.numbers.describe(sector)])
        case nil: ""
        }
    }

    static func kind(_ flag: UnitPlan.Flag?) -> String {
        switch flag {
        case .belowSector?: "below"
        case .missing?: "missing"
        case .sumBelowSector?: "sumBelow"
        case nil: ""
        }
    }
}

/// The form of one organisation's plan: a row per indicator, an input per milestone year with the sector's target beside it.
struct UnitPlanPage: Encodable {
    struct Cell: Encodable {
        let year: Int
        let name: String
        let text: String
        let sector: String
        let flag: String
        let flagKind: String
        let writable: Bool
        let problem: String
    }

    struct Line: Encodable {
        let code: String
        let name: String
        let unit: String
        let scale: String
        let cells: [Cell]
    }

    let layout: Layout
    let organisation: String
    let organisationName: String
    let lines: [Line]
    let editable: Bool
    let below: Int
    let missing: Int
    let error: String?
    let saved: Bool

    init(_ req: Request, _ sheet: UnitPlans.Sheet, typed: [String: String] = [:], problems: [String: String] = [:], error: String? = nil) {
        let language = req.language
        layout = Layout(req, title: Localizer.text("unitPlans.title", language) + " · " + sheet.organisation.name)
        organisation = sheet.organisation.code
        organisationName = sheet.organisation.name
        var lines: [Line] = []
        for row in sheet.rows {
            let key = "\(row.indicator.code)/\(row.year)"
            let cell = Cell(year: row.year, name: "t[\(key)]", text: typed[key] ?? row.text ?? "", sector: row.sectorText.isEmpty ? "—" : row.sectorText,
                            flag: FlagText.describe(row.flag, language), flagKind: FlagText.kind(row.flag), writable: row.writable, problem: problems[key] ?? "")
            if let last = lines.last, last.code == row.indicator.code {
                lines[lines.count - 1] = Line(code: last.code, name: last.name, unit: last.unit, scale: last.scale, cells: last.cells + [cell])
            } else {
                lines.append(Line(code: row.indicator.code, name: row.indicator.name, unit: row.indicator.unit ?? "",
                                  scale: row.indicator.scale.joined(separator: " < "), cells: [cell]))
            }
        }
        self.lines = lines
        editable = sheet.rows.contains(where: \.writable)
        below = sheet.rows.filter { FlagText.kind($0.flag) == "below" }.count
        missing = sheet.rows.filter { FlagText.kind($0.flag) == "missing" }.count
        self.error = error
        saved = req.query[String.self, at: "saved"] != nil
    }
}

/// Every organisation with how far its plan is: targets set, flags.
struct UnitPlansPage: Encodable {
    struct Row: Encodable {
        let code: String
        let name: String
        let set: Int
        let total: Int
        let below: Int
    }

    let layout: Layout
    let rows: [Row]
    let monitors: Bool

    init(_ req: Request) async throws {
        layout = Layout(req, title: Localizer.text("unitPlans.title", req.language))
        let plan = try await IndicatorQueries.list(.init(), on: req.db)
        var rows: [Row] = []
        for organisation in try await Directory.all(on: req.db).map({ $0.toDomain() }) {
            let sheet = try await UnitPlans.sheet(organisation, for: nil, plan: plan, on: req.db)
            let targeted = sheet.rows.filter { $0.sector.kind != .none }
            rows.append(Row(code: organisation.code, name: organisation.name, set: targeted.filter { $0.text != nil }.count, total: targeted.count,
                            below: sheet.rows.filter { FlagText.kind($0.flag) == "below" }.count))
        }
        self.rows = rows
        monitors = AccessPolicy.allows(req.currentUser?.role, .monitorReporting)
    }
}

/// The coordinator's list: every unit target below the sector's, with both values.
struct UnitPlanFlagsPage: Encodable {
    struct Row: Encodable {
        let organisation: String
        let organisationName: String
        let code: String
        let name: String
        let year: Int
        let unit: String
        let sector: String
        let flag: String
        let flagKind: String
    }

    let layout: Layout
    let rows: [Row]
    let includeMissing: Bool
    let leadOfficeOnly: Bool

    init(_ req: Request) async throws {
        let language = req.language
        layout = Layout(req, title: Localizer.text("unitPlans.flags", language))
        includeMissing = req.query[String.self, at: "missing"] == "yes"
        let office = req.query[String.self, at: "leadOffice"]
        leadOfficeOnly = office != nil
        rows = try await UnitPlans.flags(includeMissing: includeMissing, on: req.db)
            .filter { flag in office.map { flag.row.indicator.leadOffices.contains($0) } ?? true }
            .map { Row(organisation: $0.organisation.code, organisationName: $0.organisation.name, code: $0.row.indicator.code, name: $0.row.indicator.name,
                       year: $0.row.year, unit: $0.row.text ?? "—", sector: $0.row.sectorText, flag: FlagText.describe($0.row.flag, language),
                       flagKind: FlagText.kind($0.row.flag)) }
    }
}
