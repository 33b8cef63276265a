import Fluent
import Foundation
import Planning
import Vapor

/// Thủ trưởng đơn vị — the unit heads of an organisation: where one is active, its reports go to him before the Department.
enum UnitHeads {
    /// The active unit-head accounts of `organisation` (people, not service accounts). The Department has none.
    static func of(_ organisation: String, on db: any Database) async throws -> [UserRecord] {
        guard organisation != Directory.department.code else { return [] }
        return try await UserRecord.query(on: db).filter(\.$organisationCode == organisation).filter(\.$role == Role.unitHead.rawValue)
            .filter(\.$isActive == true).filter(\.$isService == false).all()
    }

    /// Whether `organisation` has an active unit head, so that its reporters' submissions await his signature.
    static func exists(in organisation: Organisation, on db: any Database) async throws -> Bool {
        guard organisation.kind != .department else { return false }
        return try await !of(organisation.code, on: db).isEmpty
    }
}

extension Reports {
    /// Ký và gửi: the unit head signs his unit's report awaiting him and sends it to the Department. This is the
    /// report's submission: the first one sets `submittedAt`, which timeliness counts. `version`, when given, must be
    /// the current one (the head signs what he read).
    static func sign(_ context: ReportContext, version: Int?, by user: CurrentUser, actor: Actor, on db: any Database,
                     now: Date = Date()) async throws {
        try authorizeRead(context, by: user)
        guard context.cycle.cycleState != .planned else { throw ReportError.cycleNotOpen(context.cycle.cycleState) }
        let from = context.report.reportState
        let to = try workflow(.sign, context, by: user)
        let report = context.report
        if let version, version != report.version { throw ReportError.versionConflict(current: report.version, yours: version) }
        try await db.writing { tx in
            try await claim(report, version: report.version, on: tx)
            let before = signature(report)
            report.state = to.rawValue
            report.updatedBy = actor.name
            report.signedBy = actor.name
            report.signedAt = now
            if report.submittedAt == nil { report.submittedAt = now }
            report.lastSubmittedAt = now
            try await report.save(on: tx)
            try await Audit.record(AuditChange.diff("report", context.key, old: before, new: signature(report)), by: actor, on: tx)
            try await recordEvent(context, .sign, from: from, to: to, actor: actor, reason: nil, at: now, on: tx)
            try await Notifications.reportMoved(context, action: .sign, reason: nil, on: tx)
        }
    }

    /// The signature as the change log writes it.
    static func signature(_ report: ReportRecord) -> [String: String?] {
        ["signedBy": report.signedBy, "signedAt": report.signedAt.map { $0.ISO8601Format() }]
    }
}
