import Fluent
import Foundation
import Planning
import Vapor

/// Kinh phí: what organisations plan and spend per source, per cycle, for a task or for the unit as a
/// whole. Written by the organisation's own users in an open cycle; a unit reporter reads only its own.
enum FundingLedger {
    struct Entry: Sendable, Equatable {
        let source: FundingSource
        let planned: Int64
        let spent: Int64
    }

    /// Sets the amounts of the sources given for (cycle, organisation, task or none); sources not given
    /// stay as they are, and a source set to zero planned and zero spent is removed.
    static func set(_ entries: [Entry], cycle cycleID: String?, organisation: String, task: TaskRecord?, plan: String,
                    by user: CurrentUser, on database: any Database) async throws -> CycleRecord {
        guard AccessPolicy.mayWriteData(role: user.role, own: user.organisationCode, other: organisation) else { throw AppError.forbidden }
        _ = try await OrganisationAdmin.find(organisation, on: database)
        if let task, !task.involves(organisation) { throw TaskError.notInvolved(task: task.code, organisation: organisation) }
        var seen = Set<FundingSource>()
        for entry in entries where !seen.insert(entry.source).inserted { throw TaskError.duplicateSource(entry.source.rawValue) }
        let cycle = try await TaskCycles.requireOpen(cycleID, plan: task?.planCode ?? plan, on: database)
        let cycleID = try cycle.requireID(), taskID = try task?.requireID()
        try await database.writing { db in
            let existing = try await FundingLineRecord.query(on: db).filter(\.$cycle.$id == cycleID)
                .filter(\.$organisationCode == organisation).filter(\.$taskKey == FundingLineRecord.key(taskID)).all()
            var changes: [AuditChange] = []
            for entry in entries {
                let auditID = [cycle.periodCode, organisation, task?.code ?? "-", entry.source.rawValue].joined(separator: "/")
                let line = existing.first { $0.source == entry.source.rawValue }
                let before: [String: String?] = line.map { ["planned": String($0.planned), "spent": String($0.spent)] } ?? [:]
                if entry.planned == 0 && entry.spent == 0 {
                    guard let line else { continue }
                    try await line.delete(on: db)
                    changes += AuditChange.diff("funding", auditID, old: before, new: [:])
                    continue
                }
                guard line?.planned != entry.planned || line?.spent != entry.spent else { continue }
                let record = line ?? FundingLineRecord()
                record.$cycle.id = cycleID
                record.organisationCode = organisation
                record.$task.id = taskID
                record.taskKey = FundingLineRecord.key(taskID)
                record.source = entry.source.rawValue
                record.planned = entry.planned
                record.spent = entry.spent
                record.updatedBy = user.email
                record.updatedAt = Date()
                try await record.save(on: db)
                changes += AuditChange.diff("funding", auditID, old: before, new: ["planned": String(entry.planned), "spent": String(entry.spent)])
            }
            try await Audit.record(changes, by: .user(user.email), on: db)
        }
        return cycle
    }

    /// The lines the user may read: of one cycle (or all), one organisation (or all), one task (or all).
    /// A unit reporter reads only its own organisation's lines; asking for another's is refused.
    static func lines(cycle: UUID?, organisation: String?, task: UUID?, as user: CurrentUser, on db: any Database) async throws -> [FundingLineRecord] {
        if let organisation, !AccessPolicy.mayReadData(role: user.role, own: user.organisationCode, other: organisation) {
            throw AppError.forbidden
        }
        let query = FundingLineRecord.query(on: db).with(\.$cycle).with(\.$task)
        if let cycle { query.filter(\.$cycle.$id == cycle) }
        if let task { query.filter(\.$task.$id == task) }
        if let organisation { query.filter(\.$organisationCode == organisation) }
        if user.role.readsOwnOrganisationOnly { query.filter(\.$organisationCode == user.organisationCode) }
        let order = FundingSource.allCases.map(\.rawValue)
        return try await query.all().sorted {
            ($0.organisationCode, $0.task?.code ?? "", order.firstIndex(of: $0.source) ?? 9)
                < ($1.organisationCode, $1.task?.code ?? "", order.firstIndex(of: $1.source) ?? 9)
        }
    }

    /// Reads the amounts of a form: `planned_<source>` and `spent_<source>` for every source; empty is zero.
    static func entries(form: [String: String]) throws -> [Entry] {
        try FundingSource.allCases.map { source in
            func amount(_ kind: String) throws -> Int64 {
                let field = "\(kind)_\(source.rawValue)"
                let text = (form[field] ?? "").trimmingCharacters(in: .whitespaces)
                if text.isEmpty { return 0 }
                guard let value = Amount.parse(text) else { throw TaskError.invalidAmount(field: field, value: text) }
                return value
            }
            return Entry(source: source, planned: try amount("planned"), spent: try amount("spent"))
        }
    }
}
