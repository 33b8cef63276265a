import Fluent
import Foundation
import Planning
import Vapor

extension Reports {
    /// Return (with a reason), approve, or reopen (with a reason) a report. `version`, when given, must be the
    /// current one (a reviewer acting on what they saw).
    static func act(_ action: ReportAction, _ context: ReportContext, reason rawReason: String?, version: Int?, by user: CurrentUser,
                    actor: Actor, on db: any Database, now: Date = Date()) async throws {
        precondition([.return, .approve, .reopen, .lock].contains(action))
        try authorizeRead(context, by: user)
        let reason = rawReason.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        if (reason?.count ?? 0) > 2000 { throw ReportError.textTooLong(field: "reason", maximum: 2000) }
        // Locking one report by hand is for a report reopened after its cycle closed.
        if context.cycle.cycleState == .planned || (action == .lock && context.cycle.cycleState != .closed) {
            throw ReportError.cycleNotOpen(context.cycle.cycleState)
        }
        let from = context.report.reportState
        let to = try workflow(action, context, by: user, reason: reason)
        let report = context.report
        if let version, version != report.version { throw ReportError.versionConflict(current: report.version, yours: version) }
        try await db.writing { tx in
            try await claim(report, version: report.version, on: tx)
            report.state = to.rawValue
            report.updatedBy = actor.name
            switch action {
            case .approve:
                report.approvedAt = now
                report.approvedBy = actor.name
            case .lock:
                report.lockedAt = now
            case .return, .reopen:
                report.returnReason = reason
                report.returnedAt = now
                report.returnedBy = actor.name
                report.approvedAt = nil
                report.approvedBy = nil
                report.lockedAt = nil
            default: break
            }
            try await report.save(on: tx)
            try await recordEvent(context, action, from: from, to: to, actor: actor, reason: reason, at: now, on: tx)
            try await Notifications.reportMoved(context, action: action, reason: reason, byHead: user.role == .unitHead, on: tx)
        }
    }

    /// A reviewer's comment on one value (lead office on its indicators, the coordinator on any); empty removes it.
    static func review(_ context: ReportContext, indicator code: String, comment rawComment: String, by user: CurrentUser,
                       actor: Actor, on db: any Database, now: Date = Date()) async throws {
        guard let indicator = context.indicators.first(where: { $0.code == code.uppercased() }) else { throw ReportError.unknownIndicator(code) }
        guard mayReview(indicator, by: user) else { throw ReportError.workflow(.notAllowed(.return, user.role)) }
        let state = context.report.reportState
        guard state == .submitted || state == .returned || state == .approved else {
            throw ReportError.workflow(.notFromState(.return, state))
        }
        let comment = rawComment.trimmingCharacters(in: .whitespacesAndNewlines)
        if comment.count > ValueEntry.maximumCommentLength { throw ReportError.textTooLong(field: "reviewComment", maximum: ValueEntry.maximumCommentLength) }
        let record = try context.values[indicator.code] ?? ReportValueRecord(reportID: context.report.requireID(), indicatorCode: indicator.code)
        let before = record.reviewComment
        record.reviewComment = comment.isEmpty ? nil : comment
        record.reviewedBy = actor.name
        record.reviewedAt = now
        try await db.writing { tx in
            try await record.save(on: tx)
            try await Audit.record([AuditChange("value", "\(context.key)/\(indicator.code)", "reviewComment", old: before, new: record.reviewComment)],
                                   by: actor, on: tx)
        }
    }

    /// Opening a cycle: an empty draft for every active organisation that reports at least one indicator.
    static func createReports(for cycle: CycleRecord, actor: Actor, on db: any Database) async throws -> Int {
        let (_, indicators) = try await IndicatorQueries.list(.init(plan: cycle.planCode), on: db)
        let cycleID = try cycle.requireID()
        let existing = Set(try await ReportRecord.query(on: db).filter(\.$cycle.$id == cycleID).all().map(\.organisationCode))
        let expected = try await Directory.all(on: db).map { $0.toDomain() }
            .filter { !ReportingScope.indicators(indicators, reportedBy: $0).isEmpty && !existing.contains($0.code) }
        let reports = expected.map { ReportRecord(cycleID: cycleID, organisationCode: $0.code) }
        // In chunks: one INSERT for a national list (13,000 reports) passes both databases' parameter limits.
        for chunk in reports.chunked(into: 1_000) { try await Array(chunk).create(on: db) }
        try await Audit.record(expected.map { AuditChange("report", "\($0.code)/\(cycle.periodCode)", "state", old: nil, new: ReportState.draft.rawValue) },
                               by: actor, on: db)
        return reports.count
    }

    /// Closing a cycle locks every report, whatever its state.
    static func lockReports(of cycle: CycleRecord, actor: Actor, on db: any Database, now: Date = Date()) async throws {
        let reports = try await ReportRecord.query(on: db).filter(\.$cycle.$id == cycle.requireID()).all()
        var changes: [AuditChange] = []
        for report in reports where report.reportState != .locked {
            let from = report.reportState
            report.state = ReportState.locked.rawValue
            report.lockedAt = now
            report.version += 1
            try await report.save(on: db)
            try await ReportEventRecord(reportID: try report.requireID(), action: .lock, from: from, to: .locked, actor: actor.name, reason: nil, at: now).create(on: db)
            changes.append(AuditChange("report", "\(report.organisationCode)/\(cycle.periodCode)", "state", old: from.rawValue, new: ReportState.locked.rawValue))
        }
        try await Audit.record(changes, by: actor, on: db)
    }
}
