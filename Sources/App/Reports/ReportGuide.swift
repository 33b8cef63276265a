import Fluent
import Planning
import Vapor

/// What the report form says about one indicator, in the reader's language: its definition, what the numerator
/// and denominator count, the target asked of this organisation (its own plan, or the sector's where that applies
/// to one unit, or "Có" for a yes/no indicator) and the sector's target only as context (`UnitTargetGuide`).
struct ReportGuide: Encodable {
    let definition: String
    let numerator: String
    let denominator: String
    /// "Chỉ tiêu của đơn vị năm 2026: ≥ 5 (kế hoạch của đơn vị)".
    let own: String
    /// The unit set no target of its own for a count: a link to its plan follows.
    let ownMissing: Bool
    /// "Chỉ tiêu toàn ngành: ≥ 140 (tham khảo)"; empty when the own target already is the sector's.
    let sector: String

    init(_ indicator: Indicator, year: Int, own milestones: [MilestoneTarget], department: Bool, language: Language) {
        let style = language.numbers
        let guide = UnitTargetGuide.guide(indicator, year: year, own: milestones, department: department)
        func text(_ key: String, _ target: Target? = nil) -> String {
            Localizer.text(key, language).replacingOccurrences(of: "{year}", with: String(year))
                .replacingOccurrences(of: "{target}", with: target.map { style.describe($0) } ?? "")
        }
        definition = indicator.note ?? ""
        numerator = indicator.numeratorText ?? ""
        denominator = indicator.denominatorText ?? ""
        switch guide.own {
        case .ownPlan(let target): own = text("journey.target.own", target)
        case .sector(let target): own = text(department ? "journey.target.department" : "journey.target.sectorApplies", target)
        case .yes: own = text("journey.target.yes")
        case .notSet: own = text("journey.target.notSet")
        case .none: own = text("journey.target.none")
        }
        ownMissing = guide.own == .notSet
        sector = guide.sectorContext.map { text(guide.sectorIsTotal ? "journey.target.sectorTotal" : "journey.target.sectorContext", $0) } ?? ""
    }

    /// The organisation's own milestones by indicator (its unit plan), as far as they read.
    static func ownTargets(_ context: ReportContext, on db: any Database) async throws -> [String: [MilestoneTarget]] {
        let records = try await UnitTargetRecord.query(on: db).filter(\.$planCode == context.cycle.planCode)
            .filter(\.$organisationCode == context.organisation.code).all()
        let indicators = Dictionary(uniqueKeysWithValues: context.indicators.map { ($0.code, $0) })
        return records.reduce(into: [:]) { all, record in
            guard let indicator = indicators[record.indicatorCode],
                  case .success(let target) = UnitPlan.target(record.text, for: indicator) else { return }
            all[record.indicatorCode, default: []].append(MilestoneTarget(year: record.year, text: record.text, target: target))
        }
    }

    /// One problem of a refused save, linking to the field it is about.
    struct ProblemLink: Encodable {
        let code: String
        let name: String
        let field: String
        let messages: [String]
        let href: String

        init(code: String, name: String, field: String, messages: [String]) {
            self.code = code
            self.name = name
            self.field = field
            self.messages = messages
            href = "#" + field
        }
    }

    /// The id of an indicator's first input on the form (`CT05-amount`).
    static func firstField(_ code: String, measure: String) -> String {
        switch Measure(rawValue: measure) {
        case .ratio?: "\(code)-numerator"
        case .shareOfUnits?: "\(code)-yes"
        case .level?: "\(code)-level"
        default: "\(code)-amount"
        }
    }
}
