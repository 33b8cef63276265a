import Fluent
import Foundation
import Planning
import Vapor

extension Reports {
    /// What a unit sends: the version it started from, the narrative and values by indicator code. Indicators
    /// left out keep their stored values (the API may send a few); the form sends them all.
    struct Submission: Content, Sendable {
        var version: Int
        var results: String?
        var difficulties: String?
        var proposals: String?
        var values: [String: ValueEntry]?
    }

    static let maximumNarrativeLength = 20_000

    /// Saves a draft (`submit: false`: warnings allowed) or saves and submits. Checks everything before
    /// writing anything; values, narrative, state, event and audit entries land in one transaction.
    /// Returns the warnings of a saved draft.
    @discardableResult
    static func save(_ context: ReportContext, _ submission: Submission, submit: Bool, by user: CurrentUser, actor: Actor,
                     checks: ValueCheck.Options = .init(), on db: any Database, now: Date = Date()) async throws -> [String: [ValueCheck.Problem]] {
        try authorizeRead(context, by: user)
        // Closing a cycle locks its reports; one reopened afterwards is worked on as if the cycle were open.
        guard context.cycle.cycleState != .planned else { throw ReportError.cycleNotOpen(context.cycle.cycleState) }
        let from = context.report.reportState
        let hasHead = submit ? try await UnitHeads.exists(in: context.organisation, on: db) : false
        let to = try workflow(submit ? .submit : .save, context, by: user, unitHasHead: hasHead)
        if submission.version != context.report.version {
            throw ReportError.versionConflict(current: context.report.version, yours: submission.version)
        }
        for (field, text) in [("results", submission.results), ("difficulties", submission.difficulties), ("proposals", submission.proposals)] {
            if (text?.count ?? 0) > maximumNarrativeLength { throw ReportError.textTooLong(field: field, maximum: maximumNarrativeLength) }
        }
        let entries = try merged(context, submission.values ?? [:], by: user)
        let outcome = ReportCheck.check(entries, indicators: context.indicators, previous: context.previous, submitting: submit, options: checks)
        guard outcome.isValid else { throw ReportError.invalidValues(outcome.errors, names: context.names) }

        let report = context.report
        let narrativeBefore = narrative(report)
        try await db.writing { tx in
            try await claim(report, version: submission.version, on: tx)
            var changes: [AuditChange] = []
            for indicator in context.indicators {
                let entry = entries[indicator.code] ?? ValueEntry()
                let stored = context.values[indicator.code]
                let before = stored?.entry ?? ValueEntry()
                guard entry != before else { continue }
                let record = try stored ?? ReportValueRecord(reportID: report.requireID(), indicatorCode: indicator.code)
                record.set(entry)
                record.updatedBy = actor.name
                try await record.save(on: tx)
                changes += AuditChange.diff("value", "\(context.key)/\(indicator.code)", old: auditFields(before), new: auditFields(entry))
            }
            if let results = submission.results { report.results = results }
            if let difficulties = submission.difficulties { report.difficulties = difficulties }
            if let proposals = submission.proposals { report.proposals = proposals }
            changes += AuditChange.diff("report", context.key, old: narrativeBefore, new: narrative(report))
            report.state = to.rawValue
            report.updatedBy = actor.name
            if submit {
                report.submittedBy = actor.name
                // Sent to the unit head, it has not reached the Department: his signature will be its submission.
                if to == .awaitingHead {
                    changes += AuditChange.diff("report", context.key, old: signature(report), new: ["signedBy": nil, "signedAt": nil])
                    report.signedBy = nil
                    report.signedAt = nil
                } else {
                    if report.submittedAt == nil { report.submittedAt = now }
                    report.lastSubmittedAt = now
                }
            }
            try await report.save(on: tx)
            try await Audit.record(changes, by: actor, on: tx)
            if submit { try await recordEvent(context, .submit, from: from, to: to, actor: actor, reason: nil, at: now, on: tx) }
            if to == .awaitingHead { try await Notifications.awaitingHead(context, on: tx, now: now) }
        }
        return outcome.warnings
    }

    /// The stored entries with the sent ones over them, levels written as the scale writes them. Refuses
    /// indicators outside the report and, in the Department's report, changes to another office's indicators.
    static func merged(_ context: ReportContext, _ sent: [String: ValueEntry], by user: CurrentUser) throws -> [String: ValueEntry] {
        var entries = context.values.mapValues(\.entry)
        let writable = writableIndicators(context, by: user)
        let byCode = Dictionary(uniqueKeysWithValues: context.indicators.map { ($0.code, $0) })
        for (rawCode, sentEntry) in sent {
            let code = rawCode.uppercased()
            guard let indicator = byCode[code] else { throw ReportError.unknownIndicator(rawCode) }
            var entry = ValueEntry(numerator: sentEntry.numerator, denominator: sentEntry.denominator, amount: sentEntry.amount,
                                   answer: sentEntry.answer, level: sentEntry.level, comment: sentEntry.comment)
            if let level = entry.level, let rank = LevelScale.rank(of: level, in: indicator.scale) { entry.level = indicator.scale[rank] }
            if entry == (entries[code] ?? ValueEntry()) { continue }
            guard writable.contains(code) else { throw ReportError.notYourIndicator(code) }
            entries[code] = entry
        }
        return entries
    }

    static func narrative(_ report: ReportRecord) -> [String: String?] {
        ["results": report.results, "difficulties": report.difficulties, "proposals": report.proposals]
    }

    static func auditFields(_ entry: ValueEntry) -> [String: String?] {
        ["numerator": entry.numerator.map(plain), "denominator": entry.denominator.map(plain), "value": entry.amount.map(plain),
         "answer": entry.answer.map { $0 ? "yes" : "no" }, "level": entry.level, "comment": entry.comment]
    }

    /// A number as the audit log writes it: no grouping, a point, no trailing `.0`.
    static func plain(_ x: Double) -> String { NumberStyle.plain(x) }
}
