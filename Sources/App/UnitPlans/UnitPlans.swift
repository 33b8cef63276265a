import Fluent
import Foundation
import Planning
import Vapor

/// Units' own plans: targets per indicator and milestone year, at least the sector's, with flags where not.
enum UnitPlans {
    struct Row: Sendable {
        let indicator: Indicator
        let year: Int
        let sector: Target
        let sectorText: String
        /// As typed; nil when the unit set none.
        let text: String?
        let flag: UnitPlan.Flag?
        let writable: Bool
    }

    struct Sheet: Sendable {
        let organisation: Organisation
        let planCode: String
        let years: [Int]
        let rows: [Row]
    }

    struct Entry: Content, Sendable {
        var indicator: String
        var year: Int
        var target: String
    }

    static func organisation(_ code: String?, on db: any Database) async throws -> Organisation {
        guard let code, let record = try await OrganisationRecord.query(on: db).filter(\.$code == code).first() else {
            throw AppError.noOrganisation(code ?? "-")
        }
        return record.toDomain()
    }

    /// Who may change a row: its own organisation's reporters and lead offices; the Department's rows, the lead
    /// office of the indicator.
    static func mayWrite(_ indicator: Indicator, of organisation: Organisation, by user: CurrentUser) -> Bool {
        guard user.role == .unitReporter || user.role == .leadOffice else { return false }
        if organisation.kind == .department { return user.role == .leadOffice && indicator.leadOffices.contains(user.organisationCode) }
        return user.organisationCode == organisation.code
    }

    static func sheet(_ organisation: Organisation, for user: CurrentUser?, plan loaded: (PlanRecord, [Indicator])? = nil,
                      on db: any Database) async throws -> Sheet {
        let (plan, all): (PlanRecord, [Indicator])
        if let loaded { (plan, all) = loaded } else { (plan, all) = try await IndicatorQueries.list(.init(), on: db) }
        let indicators = ReportingScope.indicators(all, reportedBy: organisation)
        let stored = try await UnitTargetRecord.query(on: db).filter(\.$planCode == plan.code).filter(\.$organisationCode == organisation.code).all()
        let typed = Dictionary(stored.map { ("\($0.indicatorCode)/\($0.year)", $0.text) }) { first, _ in first }
        var rows: [Row] = []
        for indicator in indicators {
            for milestone in indicator.targets.sorted(by: { $0.year < $1.year }) {
                let text = typed["\(indicator.code)/\(milestone.year)"]
                rows.append(Row(indicator: indicator, year: milestone.year, sector: milestone.target, sectorText: milestone.text, text: text,
                                flag: flag(text, indicator: indicator, sector: milestone.target),
                                writable: user.map { mayWrite(indicator, of: organisation, by: $0) } ?? false))
            }
        }
        return Sheet(organisation: organisation, planCode: plan.code, years: plan.milestoneYears, rows: rows)
    }

    static func flag(_ text: String?, indicator: Indicator, sector: Target) -> UnitPlan.Flag? {
        guard case .success(let unit) = UnitPlan.target(text ?? "", for: indicator) else { return nil }
        return UnitPlan.flag(unit: unit, sector: sector, for: indicator)
    }

    /// Saves every entry or none; an empty target removes the row. Each change is logged with old and new.
    static func save(_ entries: [Entry], for organisation: Organisation, by user: CurrentUser, actor: Actor, on db: any Database) async throws {
        let sheet = try await sheet(organisation, for: user, on: db)
        var problems: [UnitPlanError.Problem] = []
        var accepted: [(Entry, String)] = []
        for entry in entries {
            let code = entry.indicator.uppercased()
            func problem(_ reason: UnitPlanError.Reason) { problems.append(.init(indicator: code, year: entry.year, text: entry.target, reason: reason)) }
            guard let row = sheet.rows.first(where: { $0.indicator.code == code && $0.year == entry.year }) else {
                problem(sheet.rows.contains { $0.indicator.code == code } ? .notMilestone : .notReported)
                continue
            }
            let text = Text.collapsingWhitespace(entry.target)
            if text == (row.text ?? "") { continue }
            guard row.writable else { problem(.notYourIndicator); continue }
            if case .failure(let reason) = UnitPlan.target(text, for: row.indicator) { problem(.target(reason)); continue }
            accepted.append((Entry(indicator: code, year: entry.year, target: text), row.text ?? ""))
        }
        if !problems.isEmpty { throw UnitPlanError.problems(problems) }
        let changes = accepted
        try await db.writing { tx in
            var log: [AuditChange] = []
            for (entry, before) in changes {
                let existing = try await UnitTargetRecord.query(on: tx).filter(\.$planCode == sheet.planCode)
                    .filter(\.$organisationCode == organisation.code).filter(\.$indicatorCode == entry.indicator).filter(\.$year == entry.year).first()
                if entry.target.isEmpty {
                    try await existing?.delete(on: tx)
                } else {
                    let record = existing ?? UnitTargetRecord()
                    record.planCode = sheet.planCode
                    record.organisationCode = organisation.code
                    record.indicatorCode = entry.indicator
                    record.year = entry.year
                    record.text = entry.target
                    record.updatedBy = actor.name
                    try await record.save(on: tx)
                }
                log.append(AuditChange("unit-target", organisation.code, "\(entry.indicator)/\(entry.year)",
                                           old: before.isEmpty ? nil : before, new: entry.target.isEmpty ? nil : entry.target))
            }
            try await Audit.record(log, by: actor, on: tx)
        }
    }

    struct FlagRow: Sendable {
        let organisation: Organisation
        let row: Row
    }

    /// Every unit target of a ratio, share or level below the sector's (and, with `missing`, every milestone a unit left
    /// blank), across organisations; then, for each sector total whose units' plans added up fall short of the sector's
    /// target, one row for the Department.
    static func flags(includeMissing: Bool, on db: any Database) async throws -> [FlagRow] {
        var found: [FlagRow] = []
        let plan = try await IndicatorQueries.list(.init(), on: db)
        var planned: [String: [Target]] = [:]
        for organisation in try await Directory.all(on: db).map({ $0.toDomain() }) {
            for row in try await sheet(organisation, for: nil, plan: plan, on: db).rows {
                if row.indicator.isSectorTotal, case .success(let target)? = row.text.map({ UnitPlan.target($0, for: row.indicator) }), target.kind != .none {
                    planned["\(row.indicator.code)/\(row.year)", default: []].append(target)
                }
                switch row.flag {
                case .belowSector?: found.append(FlagRow(organisation: organisation, row: row))
                case .missing? where includeMissing && !row.indicator.isSectorTotal: found.append(FlagRow(organisation: organisation, row: row))
                default: break
                }
            }
        }
        for indicator in plan.1 where indicator.isSectorTotal {
            for milestone in indicator.targets.sorted(by: { $0.year < $1.year }) {
                guard let flag = UnitPlan.sumFlag(units: planned["\(indicator.code)/\(milestone.year)"] ?? [], sector: milestone.target),
                      case .sumBelowSector(let sum, let units, _) = flag else { continue }
                let text = "\(NumberStyle.vietnamese.format(sum)) (\(units))"
                found.append(FlagRow(organisation: Directory.department, row: Row(indicator: indicator, year: milestone.year, sector: milestone.target,
                                                                                 sectorText: milestone.text, text: text, flag: flag, writable: false)))
            }
        }
        return found
    }
}

extension UnitPlans {
    /// Every unit's own milestone targets of the plan, by indicator and organisation (the years it set; a text that no
    /// longer reads as a target, or "-", sets none).
    static func milestones(plan: String, indicators: [Indicator], on db: any Database) async throws -> [String: [String: [MilestoneTarget]]] {
        let byCode = Dictionary(indicators.map { ($0.code, $0) }) { first, _ in first }
        var result: [String: [String: [MilestoneTarget]]] = [:]
        for record in try await UnitTargetRecord.query(on: db).filter(\.$planCode == plan).all() {
            guard let indicator = byCode[record.indicatorCode], case .success(let target) = UnitPlan.target(record.text, for: indicator),
                  target.kind != .none else { continue }
            result[record.indicatorCode, default: [:]][record.organisationCode, default: []]
                .append(MilestoneTarget(year: record.year, text: record.text, target: target))
        }
        return result
    }
}
