import Fluent
import Foundation
import Planning
import SQLKit
import Vapor

/// The text of the report to the People's Committee: stored once the coordinator saves it; until then prefilled from
/// the units' narratives (difficulties, proposals) and the lead offices' comments of the period.
enum SummaryReports {
    /// What the coordinator writes; the figures come from the evaluation, never from here.
    struct Draft: Content, Sendable, Equatable {
        /// The number before `/BC-SYT`; empty until the office of records gives one.
        var number: String
        /// dd/mm/yyyy.
        var date: String
        var results: String
        var shortcomings: String
        var proposals: String
        var signerMandate: String
        var signerTitle: String
        var signerName: String
        /// One recipient per line.
        var recipients: String
    }

    static let limits: [String: Int] = ["number": 20, "date": 10, "results": 20_000, "shortcomings": 20_000, "proposals": 20_000,
                                        "signerMandate": 100, "signerTitle": 100, "signerName": 100, "recipients": 2_000]

    static let defaultRecipients = ["- UBND tỉnh (để báo cáo);", "- Giám đốc Sở (để báo cáo);", "- Các Phó Giám đốc Sở;",
                                    "- Các phòng chức năng Sở;", "- Lưu: VT, QLKCB."].joined(separator: "\n")

    /// The saved draft of the period, or a prefilled one (`saved` false).
    static func draft(plan: String, period: ReportingPeriod, today: Day, on db: any Database) async throws -> (draft: Draft, saved: Bool) {
        if let record = try await record(plan: plan, period: period, on: db) {
            return (Draft(number: record.number, date: Day(iso: record.reportDate)?.vietnamese ?? record.reportDate, results: record.results,
                          shortcomings: record.shortcomings, proposals: record.proposals, signerMandate: record.signerMandate,
                          signerTitle: record.signerTitle, signerName: record.signerName, recipients: record.recipients), true)
        }
        let (difficulties, proposals) = try await narratives(plan: plan, period: period, on: db)
        return (Draft(number: "", date: today.vietnamese, results: "", shortcomings: difficulties, proposals: proposals,
                      signerMandate: "KT. GIÁM ĐỐC", signerTitle: "PHÓ GIÁM ĐỐC", signerName: "", recipients: defaultRecipients), false)
    }

    static func record(plan: String, period: ReportingPeriod, on db: any Database) async throws -> SummaryReportRecord? {
        try await SummaryReportRecord.query(on: db).filter(\.$planCode == plan).filter(\.$periodCode == period.code).first()
    }

    /// The points of the units' difficulties (then the lead offices' comments on values) and of their proposals, from the
    /// reports submitted in the period, each point once with how many units made it (`ReportSummaries.narrativePoints`):
    /// "- 14 đơn vị nêu: thiếu nhân lực công nghệ thông tin (Bệnh viện A, Bệnh viện B, Bệnh viện C, …)."
    static func narratives(plan: String, period: ReportingPeriod, on db: any Database) async throws -> (difficulties: String, proposals: String) {
        guard let cycle = try await CycleRecord.query(on: db).filter(\.$planCode == plan).filter(\.$periodCode == period.code).first() else { return ("", "") }
        guard let sql = db as? any SQLDatabase else { throw AppError.databaseUnavailable }
        // The columns the text needs, not the reports and every value as models (13,000 units: half a million values).
        let reports = try await sql.select().column("organisation_code").column("difficulties").column("proposals").from(ReportRecord.schema)
            .where("cycle_id", .equal, try cycle.requireID()).where("submitted_at", .isNot, SQLLiteral.null).orderBy("organisation_code").all()
            .map { (code: try $0.decode(column: "organisation_code", as: String.self), difficulties: try $0.decode(column: "difficulties", as: String?.self) ?? "",
                    proposals: try $0.decode(column: "proposals", as: String?.self) ?? "") }
        let reviewed = try await sql.raw("""
            SELECT r.organisation_code, v.indicator_code, v.review_comment FROM \(ident: ReportValueRecord.schema) v
            JOIN \(ident: ReportRecord.schema) r ON r.id = v.report_id
            WHERE r.cycle_id = \(bind: try cycle.requireID()) AND r.submitted_at IS NOT NULL AND v.review_comment IS NOT NULL AND v.review_comment <> ''
            ORDER BY r.organisation_code, v.indicator_code
            """).all()
        let names = try await Directory.names(on: db)
        let comments = try reviewed.compactMap { row -> String? in
            let comment = Text.collapsingWhitespace(try row.decode(column: "review_comment", as: String.self))
            let code = try row.decode(column: "organisation_code", as: String.self)
            return comment.isEmpty ? nil : "- \(try row.decode(column: "indicator_code", as: String.self)), \(names[code] ?? code): \(comment)"
        }
        let difficulties = summary(reports.map { ($0.code, $0.difficulties) }, names: names) + comments
        return (difficulties.joined(separator: "\n"), summary(reports.map { ($0.code, $0.proposals) }, names: names).joined(separator: "\n"))
    }

    /// One line per point: the unit's name when one unit made it, else how many units and the first three names.
    static func summary(_ texts: [(String, String)], names: [String: String]) -> [String] {
        ReportSummaries.narrativePoints(texts.map { (organisation: $0.0, text: $0.1) }).map { point in
            let who = point.organisations.map { names[$0] ?? $0 }
            guard who.count > 1 else { return "- \(who.first ?? ""): \(point.text)." }
            let listed = who.prefix(3).joined(separator: ", ") + (who.count > 3 ? ", …" : "")
            return "- \(who.count) đơn vị nêu: \(SummaryDocument.lowercasedFirst(point.text)) (\(listed))."
        }
    }

    /// Checks and stores the draft of the period; each changed part goes to the change log with the same transaction.
    static func save(_ draft: Draft, plan: String, period: ReportingPeriod, by actor: Actor, on db: any Database) async throws {
        let fields = mirror(draft)
        for (field, value) in fields {
            if let limit = limits[field], value.count > limit { throw SummaryReportError.tooLong(field: field, limit: limit) }
        }
        guard let day = DayInput.parse(draft.date) else { throw SummaryReportError.invalidDate(draft.date) }
        if draft.signerTitle.trimmingCharacters(in: .whitespaces).isEmpty { throw SummaryReportError.missing(field: "signerTitle") }
        try await db.writing { tx in
            try await SummarySignoffs.requireEditable(plan: plan, period: period.code, on: tx)
            let record = try await record(plan: plan, period: period, on: tx) ?? SummaryReportRecord()
            let before = record.id == nil ? [:] : record.fields
            record.planCode = plan
            record.periodCode = period.code
            record.number = draft.number.trimmingCharacters(in: .whitespaces)
            record.reportDate = day.iso
            record.results = draft.results
            record.shortcomings = draft.shortcomings
            record.proposals = draft.proposals
            record.signerMandate = draft.signerMandate.trimmingCharacters(in: .whitespaces)
            record.signerTitle = draft.signerTitle.trimmingCharacters(in: .whitespaces)
            record.signerName = draft.signerName.trimmingCharacters(in: .whitespaces)
            record.recipients = draft.recipients
            record.updatedBy = actor.name
            try await record.save(on: tx)
            try await Audit.record(AuditChange.diff("summary-report", "\(plan)/\(period.code)", old: before, new: record.fields), by: actor, on: tx)
        }
    }

    private static func mirror(_ draft: Draft) -> [(String, String)] {
        [("number", draft.number), ("date", draft.date), ("results", draft.results), ("shortcomings", draft.shortcomings),
         ("proposals", draft.proposals), ("signerMandate", draft.signerMandate), ("signerTitle", draft.signerTitle),
         ("signerName", draft.signerName), ("recipients", draft.recipients)]
    }
}
