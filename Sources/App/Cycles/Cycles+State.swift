import Fluent
import Foundation
import Planning

extension Cycles {
    /// planned → open, creating an empty report for every organisation expected to report. Returns how many.
    @discardableResult
    static func open(_ cycle: CycleRecord, by actor: Actor, on db: any Database, now: Date = Date()) async throws -> Int {
        let state = try result(ReportingCycleRules.open(cycle.cycleState))
        return try await db.writing { tx in
            cycle.state = state.rawValue
            cycle.openedAt = now
            try await cycle.save(on: tx)
            try await Audit.record([AuditChange("cycle", try cycle.requireID().uuidString, "state", old: CycleState.planned.rawValue, new: state.rawValue)],
                                   by: actor, on: tx)
            return try await Reports.createReports(for: cycle, actor: actor, on: tx)
        }
    }

    /// open → closed, locking every report.
    static func close(_ cycle: CycleRecord, by actor: Actor, on db: any Database, now: Date = Date()) async throws {
        let state = try result(ReportingCycleRules.close(cycle.cycleState))
        try await db.writing { tx in
            cycle.state = state.rawValue
            cycle.closedAt = now
            try await cycle.save(on: tx)
            try await Audit.record([AuditChange("cycle", try cycle.requireID().uuidString, "state", old: CycleState.open.rawValue, new: state.rawValue)],
                                   by: actor, on: tx)
            try await Reports.lockReports(of: cycle, actor: actor, on: tx, now: now)
        }
    }

    private static func result(_ outcome: Result<CycleState, ReportingCycleRules.Problem>) throws -> CycleState {
        switch outcome {
        case .success(let state): return state
        case .failure(let problem): throw CycleError.rule(problem)
        }
    }

    /// Completeness and timeliness of a cycle: only organisations with a report in it (the expected ones) count.
    static func statistics(_ cycle: CycleRecord, reports: [ReportRecord]) -> CycleStatistics {
        CycleStatistics.compute(expected: Set(reports.map(\.organisationCode)),
                                submissions: reports.map { .init(organisation: $0.organisationCode, submittedAt: $0.submittedAt, approvedAt: $0.approvedAt) },
                                due: cycle.dates.due)
    }
}
