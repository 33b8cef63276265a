import Fluent
import Foundation
import Planning

/// What loading a plan changed. A second load of the same file changes nothing.
struct PlanLoadSummary: Sendable, Equatable {
    var planCode = ""
    var planCreated = false
    var planUpdated = false
    var indicatorsCreated = 0
    var indicatorsUpdated = 0
    var indicatorsUnchanged = 0
    var indicatorsRemoved = 0
    var officesCreated = 0
    var officesUpdated = 0

    var changedAnything: Bool {
        planCreated || planUpdated || indicatorsCreated + indicatorsUpdated + indicatorsRemoved + officesCreated + officesUpdated > 0
    }
}

/// Writes a validated plan into the database, in one transaction, touching only what differs.
enum PlanLoader {
    /// Reads, validates and loads a plan file. Nothing is written unless the whole file is valid.
    static func load(fileAt path: String, by actor: Actor, on database: any Database) async throws -> PlanLoadSummary {
        guard let data = FileManager.default.contents(atPath: path) else { throw AppError.fileNotReadable(path) }
        do {
            return try await load(PlanFile.load(data), by: actor, on: database)
        } catch let error as PlanFileError {
            throw AppError.planFile(path: path, error)
        }
    }

    static func load(_ plan: Plan, by actor: Actor, on database: any Database) async throws -> PlanLoadSummary {
        try await database.writing { db in
            var summary = PlanLoadSummary(planCode: plan.code)
            var changes: [AuditChange] = []
            let record = try await upsertPlan(plan, on: db, summary: &summary)
            let planID = try record.requireID()
            try await upsertGroups(plan.groups, planID: planID, on: db)
            try await upsertIndicators(plan.indicators, plan: plan.code, planID: planID, on: db, summary: &summary, changes: &changes)
            try await Directory.ensureOffices(plan.offices, on: db, summary: &summary, changes: &changes)
            try await Audit.record(changes, by: actor, on: db)
            return summary
        }
    }

    private static func upsertPlan(_ plan: Plan, on db: any Database, summary: inout PlanLoadSummary) async throws -> PlanRecord {
        let existing = try await PlanRecord.query(on: db).filter(\.$code == plan.code).first()
        let record = existing ?? PlanRecord()
        let same = existing.map {
            $0.title == plan.title && $0.issuer == plan.issuer && $0.issuedOn == plan.issuedOn
                && $0.milestoneYears == plan.milestoneYears && $0.note == plan.note
        } ?? false
        guard !same else { return record }
        record.code = plan.code
        record.title = plan.title
        record.issuer = plan.issuer
        record.issuedOn = plan.issuedOn
        record.milestoneYears = plan.milestoneYears
        record.note = plan.note
        try await record.save(on: db)
        if existing == nil { summary.planCreated = true } else { summary.planUpdated = true }
        return record
    }

    private static func upsertGroups(_ groups: [IndicatorGroup], planID: UUID, on db: any Database) async throws {
        let existing = try await IndicatorGroupRecord.query(on: db).filter(\.$plan.$id == planID).all()
        for (position, group) in groups.enumerated() {
            let record = existing.first { $0.code == group.code } ?? IndicatorGroupRecord()
            guard record.id == nil || record.name != group.name || record.position != position else { continue }
            record.$plan.id = planID
            record.code = group.code
            record.name = group.name
            record.position = position
            try await record.save(on: db)
        }
        for stale in existing where !groups.contains(where: { $0.code == stale.code }) {
            try await stale.delete(on: db)
        }
    }

    private static func upsertIndicators(_ indicators: [Indicator], plan: String, planID: UUID, on db: any Database,
                                         summary: inout PlanLoadSummary, changes: inout [AuditChange]) async throws {
        let existing = try await IndicatorRecord.query(on: db).filter(\.$plan.$id == planID).with(\.$targets).all()
        for indicator in indicators {
            if let record = existing.first(where: { $0.code == indicator.code }) {
                let before = record.toDomain()
                guard before != indicator else { summary.indicatorsUnchanged += 1; continue }
                changes += AuditChange.diff("indicator", "\(plan)/\(indicator.code)", old: before.auditFields, new: indicator.auditFields)
                record.update(from: indicator, planID: planID)
                try await record.save(on: db)
                try await TargetRecord.query(on: db).filter(\.$indicator.$id == record.requireID()).delete()
                try await createTargets(indicator.targets, for: record, on: db)
                summary.indicatorsUpdated += 1
            } else {
                let record = IndicatorRecord()
                record.update(from: indicator, planID: planID)
                try await record.create(on: db)
                try await createTargets(indicator.targets, for: record, on: db)
                changes += AuditChange.diff("indicator", "\(plan)/\(indicator.code)", old: [:], new: indicator.auditFields)
                summary.indicatorsCreated += 1
            }
        }
        for stale in existing where !indicators.contains(where: { $0.code == stale.code }) {
            changes += AuditChange.diff("indicator", "\(plan)/\(stale.code)", old: stale.toDomain().auditFields, new: [:])
            try await stale.delete(on: db)
            summary.indicatorsRemoved += 1
        }
    }

    private static func createTargets(_ targets: [MilestoneTarget], for record: IndicatorRecord, on db: any Database) async throws {
        let id = try record.requireID()
        try await targets.map { TargetRecord($0, indicatorID: id) }.create(on: db)
    }
}

extension Indicator {
    /// What the audit log keeps of an indicator: its definition and each milestone's cell text.
    var auditFields: [String: String?] {
        var fields: [String: String?] = [
            "number": String(number), "group": group, "name": name, "unit": unit, "leadOffice": leadOfficeText,
            "leadOffices": leadOffices.joined(separator: ","), "implementers": implementers, "reporters": reporters.rawValue,
            "measure": measure.rawValue, "aggregation": aggregation.rawValue, "scale": scale.joined(separator: " < "), "note": note,
        ]
        if let numeratorText { fields["numerator"] = numeratorText }
        if let denominatorText { fields["denominator"] = denominatorText }
        for milestone in targets { fields["target.\(milestone.year)"] = milestone.text }
        return fields
    }
}
