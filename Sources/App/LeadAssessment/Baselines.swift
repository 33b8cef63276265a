import Fluent
import Foundation
import Planning
import Vapor

/// Baselines the lead offices enter (số liệu gốc): read for every evaluation, written only by an indicator's lead
/// office, each change logged (entity `baseline`, old → new).
enum Baselines {
    /// The plan's entered baselines by indicator code, as the evaluation uses them (a stored level no longer on the
    /// scale is left out: the first reported year stands in).
    static func entered(plan: String, indicators: [Indicator], on db: any Database) async throws -> [String: Baseline] {
        let records = try await BaselineRecord.query(on: db).filter(\.$planCode == plan).all()
        guard !records.isEmpty else { return [:] }
        let names = try await Directory.names(on: db)
        let byCode = Dictionary(indicators.map { ($0.code, $0) }) { first, _ in first }
        return Dictionary(records.compactMap { record -> (String, Baseline)? in
            guard let indicator = byCode[record.indicatorCode], let value = value(record, of: indicator) else { return nil }
            return (record.indicatorCode, Baseline(year: record.year, value: value,
                                                   source: .entered(source: record.source, by: names[record.officeCode] ?? record.officeCode)))
        }) { first, _ in first }
    }

    static func value(_ record: BaselineRecord, of indicator: Indicator) -> ComparableValue? {
        if indicator.measure == .level {
            return record.level.flatMap { indicator.scale.firstIndex(of: $0) }.map { .level(rank: $0) }
        }
        return record.value.isFinite ? .number(record.value) : nil
    }

    static func record(plan: String, indicator: String, on db: any Database) async throws -> BaselineRecord? {
        try await BaselineRecord.query(on: db).filter(\.$planCode == plan).filter(\.$indicatorCode == indicator).first()
    }

    /// The indicator of the address, after checking that the user's office leads it (403 otherwise).
    static func writable(_ code: String, plan: String?, user: CurrentUser, on db: any Database) async throws -> (PlanRecord, Indicator) {
        let (plan, indicator) = try await IndicatorQueries.find(code, plan: plan, on: db)
        guard AccessPolicy.mayAssess(indicator, role: user.role, own: user.organisationCode) else {
            throw LeadAssessmentError.notLeadOffice(indicator: indicator.code, leads: indicator.leadOffices)
        }
        return (plan, indicator)
    }

    /// Checks and stores the baseline (replacing the one before); the change goes to the log in the same transaction.
    @discardableResult
    static func save(_ entry: Baseline.Entry, for indicator: Indicator, plan: PlanRecord, user: CurrentUser, actor: Actor,
                     today: Day = Day(Date()), on db: any Database) async throws -> BaselineRecord {
        let years = plan.milestoneYears
        let first = years.min() ?? entry.year, last = max(years.max() ?? entry.year, first)
        let baseline: Baseline
        switch Baseline.check(entry, for: indicator, planYears: first...last, currentYear: today.year, by: user.organisationCode) {
        case .success(let checked): baseline = checked
        case .failure(let problems): throw LeadAssessmentError.baseline(problems.list)
        }
        return try await db.writing { tx in
            let record = try await record(plan: plan.code, indicator: indicator.code, on: tx) ?? BaselineRecord()
            let before = record.id == nil ? [:] : record.fields
            record.planCode = plan.code
            record.indicatorCode = indicator.code
            record.year = baseline.year
            switch baseline.value {
            case .number(let number): (record.value, record.level) = (number, nil)
            case .level(let rank): (record.value, record.level) = (Double(rank), indicator.scale[rank])
            }
            if case .entered(let source, _) = baseline.source { record.source = source }
            record.officeCode = user.organisationCode
            record.enteredBy = actor.name
            record.enteredAt = Date()
            try await record.save(on: tx)
            try await Audit.record(AuditChange.diff("baseline", "\(plan.code)/\(indicator.code)", old: before, new: record.fields), by: actor, on: tx)
            return record
        }
    }

    /// Removes the entered baseline (the first reported year's value stands in again); logged. Nothing to remove is no error.
    static func remove(_ indicator: Indicator, plan: PlanRecord, actor: Actor, on db: any Database) async throws {
        try await db.writing { tx in
            guard let record = try await record(plan: plan.code, indicator: indicator.code, on: tx) else { return }
            let before = record.fields
            try await record.delete(on: tx)
            try await Audit.record(AuditChange.diff("baseline", "\(plan.code)/\(indicator.code)", old: before, new: [:]), by: actor, on: tx)
        }
    }

    /// The logged changes as lines to read: "2026-12-02 · người nhập · value: 60 → 62.5".
    static func historyLines(plan: String, indicator: String, on db: any Database) async throws -> [String] {
        try await history(plan: plan, indicator: indicator, on: db).map { entry in
            "\(entry.at.prefix(10)) · \(entry.actor) · \(entry.field): \(entry.oldValue ?? "—") → \(entry.newValue ?? "—")"
        }
    }

    /// Every logged change of the indicator's baseline, newest first.
    static func history(plan: String, indicator: String, on db: any Database) async throws -> [AuditEntryRecord] {
        try await AuditEntryRecord.query(on: db).filter(\.$entity == "baseline").filter(\.$entityID == "\(plan)/\(indicator)")
            .sort(\.$sequence, .descending).all()
    }
}
