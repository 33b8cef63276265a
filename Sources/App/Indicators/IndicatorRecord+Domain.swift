import Foundation
import Fluent
import Planning

extension IndicatorRecord {
    /// The domain indicator; `targets` must be eager-loaded.
    func toDomain() -> Indicator {
        Indicator(code: code, number: number, group: groupCode, name: name, unit: unit,
                  leadOfficeText: leadOfficeText, leadOffices: leadOffices, implementers: implementers,
                  reporters: ReportingScope(rawValue: reporters) ?? .allOrganisations,
                  measure: Measure(rawValue: measure) ?? .count,
                  aggregation: Aggregation(rawValue: aggregation) ?? .stock,
                  scale: scale,
                  targets: targets.map { $0.toDomain(scale: scale) }.sorted { $0.year < $1.year },
                  note: note, numeratorText: numeratorText, denominatorText: denominatorText)
    }

    /// Copies every field of `indicator` but its targets.
    func update(from indicator: Indicator, planID: UUID) {
        $plan.id = planID
        code = indicator.code
        number = indicator.number
        groupCode = indicator.group
        name = indicator.name
        unit = indicator.unit
        leadOfficeText = indicator.leadOfficeText
        leadOffices = indicator.leadOffices
        implementers = indicator.implementers
        reporters = indicator.reporters.rawValue
        measure = indicator.measure.rawValue
        aggregation = indicator.aggregation.rawValue
        scale = indicator.scale
        note = indicator.note
        numeratorText = indicator.numeratorText
        denominatorText = indicator.denominatorText
    }
}

extension TargetRecord {
    convenience init(_ milestone: MilestoneTarget, indicatorID: UUID) {
        self.init()
        $indicator.id = indicatorID
        year = milestone.year
        text = milestone.text
        kind = milestone.target.kind.rawValue
        value = milestone.target.value
        low = milestone.target.low
        high = milestone.target.high
        level = milestone.target.levelName
    }

    func toDomain(scale: [String]) -> MilestoneTarget {
        let target: Target = switch TargetKind(rawValue: kind) {
        case .atLeast: .atLeast(value ?? 0)
        case .greaterThan: .greaterThan(value ?? 0)
        case .minimum: .minimum(value ?? 0)
        case .range: .range(low: low ?? 0, high: high ?? 0)
        case .level: .level(level ?? "", rank: LevelScale.rank(of: level ?? "", in: scale) ?? 0)
        case .some(.none), nil: Target.none
        }
        return MilestoneTarget(year: year, text: text, target: target)
    }
}

extension OrganisationRecord {
    func toDomain() -> Organisation {
        Organisation(code: code, name: name, kind: OrganisationKind(rawValue: kind) ?? .otherUnit,
                     isMedical: isMedical, parentCode: parentCode)
    }

    convenience init(_ organisation: Organisation, isDemo: Bool, spellings: [String] = []) {
        self.init()
        update(from: organisation)
        self.isDemo = isDemo
        self.isActive = true
        self.spellings = spellings
    }

    func update(from organisation: Organisation) {
        code = organisation.code
        name = organisation.name
        kind = organisation.kind.rawValue
        isMedical = organisation.isMedical
        parentCode = organisation.parentCode
    }
}
