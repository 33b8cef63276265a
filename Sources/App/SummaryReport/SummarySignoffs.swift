import Fluent
import Foundation
import Planning
import Vapor

/// The sign-off of a period's report to the People's Committee: sent for approval, returned or approved by leadership,
/// issued by the coordinator with its number and date. Each step is kept, logged and notified.
enum SummarySignoffs {
    struct Step: Content, Sendable {
        var action: String
        var from: String
        var to: String
        var actor: String
        var actorName: String
        var reason: String?
        var at: Date
    }

    struct Issued: Content, Sendable {
        /// The number before `/BC-SYT`.
        var number: String
        /// dd/mm/yyyy.
        var date: String
        var issuedAt: Date
        var issuedBy: String
        var docxSha256: String
        var xlsxSha256: String
    }

    /// Where the period's report stands, how it got there, and what was issued.
    struct Status: Content, Sendable {
        var plan: String
        var period: String
        var state: String
        var steps: [Step]
        var issued: Issued?
    }

    /// `{"reason": "…"}` to return; `{"number": "125", "date": "05/12/2026"}` to issue.
    struct Input: Content, Sendable {
        var reason: String?
        var number: String?
        var date: String?
    }

    static func state(plan: String, period: String, on db: any Database) async throws -> SummaryReportState {
        if try await issued(plan: plan, period: period, on: db) != nil { return .issued }
        let last = try await SummaryReportStepRecord.query(on: db).filter(\.$planCode == plan).filter(\.$periodCode == period)
            .sort(\.$at, .descending).first()
        return last.flatMap { SummaryReportState(rawValue: $0.toState) } ?? .draft
    }

    static func issued(plan: String, period: String, on db: any Database) async throws -> IssuedSummaryReportRecord? {
        try await IssuedSummaryReportRecord.query(on: db).filter(\.$planCode == plan).filter(\.$periodCode == period).first()
    }

    static func status(plan: String, period: String, on db: any Database) async throws -> Status {
        let steps = try await SummaryReportStepRecord.query(on: db).filter(\.$planCode == plan).filter(\.$periodCode == period)
            .sort(\.$at).all()
        let issued = try await issued(plan: plan, period: period, on: db).map {
            Issued(number: $0.number, date: Day(iso: $0.reportDate)?.vietnamese ?? $0.reportDate, issuedAt: $0.issuedAt, issuedBy: $0.issuedBy,
                   docxSha256: $0.docxSHA256, xlsxSha256: $0.xlsxSHA256)
        }
        return Status(plan: plan, period: period, state: try await state(plan: plan, period: period, on: db).rawValue,
                      steps: steps.map { Step(action: $0.action, from: $0.fromState, to: $0.toState, actor: $0.actor, actorName: $0.actorName,
                                              reason: $0.reason, at: $0.at) },
                      issued: issued)
    }

    /// Refuses a change of the text unless the report is a draft.
    static func requireEditable(plan: String, period: String, on db: any Database) async throws {
        let state = try await state(plan: plan, period: period, on: db)
        guard SummarySignoff.isEditable(state) else { throw SummarySignoffError.notEditable(state) }
    }

    /// Sends for approval, returns or approves. Sending a text never saved stores the prefilled one first, so that
    /// what leadership approves is what is kept.
    static func move(_ action: SummaryReportAction, reason: String?, plan: String, period: ReportingPeriod, req: Request) async throws {
        let user = try req.requireUser()
        let mails = try await req.db.writing { tx -> [Mail] in
            let from = try await state(plan: plan, period: period.code, on: tx)
            let to = try result(SummarySignoff.apply(action, to: from, by: user.role, reason: reason))
            if action == .submit, try await SummaryReports.record(plan: plan, period: period, on: tx) == nil {
                let prefilled = try await SummaryReports.draft(plan: plan, period: period, today: Day(Date()), on: tx).draft
                try await SummaryReports.save(prefilled, plan: plan, period: period, by: req.actor, on: tx)
            }
            try await record(action, from: from, to: to, reason: reason, plan: plan, period: period.code, user: user, on: tx)
            return try await notify(action, reason: reason, plan: plan, period: period.code, by: user, on: tx)
        }
        await req.application.mailer.send(mails, logger: req.logger)
    }

    /// Issues the approved report: checks the number and date, builds the DOCX (without the draft mark, with this
    /// number and date) and the XLSX from the whole sector's approved figures, and stores them with their SHA-256,
    /// the number and date, and the step, all in one transaction.
    static func issue(number: String?, date: String?, plan: String, period: ReportingPeriod, req: Request) async throws {
        let user = try req.requireUser()
        _ = try result(SummarySignoff.apply(.issue, to: try await state(plan: plan, period: period.code, on: req.db), by: user.role))
        _ = try result(SummarySignoff.checkIssue(number: number ?? "", date: date ?? "", issued: try await issuedNumbers(plan: plan, on: req.db)))
        let content = try await sectorContent(req, plan: plan, period: period)
        let mails = try await req.db.writing { tx -> [Mail] in
            // Checked again inside the transaction: someone may have acted in between.
            let from = try await state(plan: plan, period: period.code, on: tx)
            _ = try result(SummarySignoff.apply(.issue, to: from, by: user.role))
            let checked = try result(SummarySignoff.checkIssue(number: number ?? "", date: date ?? "", issued: try await issuedNumbers(plan: plan, on: tx)))
            var report = SummaryDocument.report(content)
            report.number = "Số: \(checked.number)/BC-SYT"
            report.date = checked.day
            let docx = try report.docx()
            let xlsx = try SummaryWorkbook.xlsx(content)
            let text = try await SummaryReports.record(plan: plan, period: period, on: tx)
            let before = text?.fields ?? [:]
            if let text {
                text.number = checked.number
                text.reportDate = checked.day.iso
                try await text.save(on: tx)
                try await Audit.record(AuditChange.diff("summary-report", "\(plan)/\(period.code)", old: before, new: text.fields), by: req.actor, on: tx)
            }
            let issued = IssuedSummaryReportRecord()
            issued.planCode = plan
            issued.periodCode = period.code
            issued.number = checked.number
            issued.reportYear = checked.day.year
            issued.reportDate = checked.day.iso
            issued.issuedAt = Date()
            issued.issuedBy = user.email
            issued.docx = docx
            issued.docxSHA256 = sha256(docx)
            issued.xlsx = xlsx
            issued.xlsxSHA256 = sha256(xlsx)
            try await issued.create(on: tx)
            let id = "\(plan)/\(period.code)"
            try await Audit.record([AuditChange("summary-report", id, "issuedNumber", old: nil, new: "\(checked.number)/BC-SYT"),
                                    AuditChange("summary-report", id, "issuedDate", old: nil, new: checked.day.vietnamese),
                                    AuditChange("summary-report", id, "docxSha256", old: nil, new: issued.docxSHA256),
                                    AuditChange("summary-report", id, "xlsxSha256", old: nil, new: issued.xlsxSHA256)], by: req.actor, on: tx)
            try await record(.issue, from: from, to: .issued, reason: nil, plan: plan, period: period.code, user: user, on: tx)
            return try await notify(.issue, reason: "\(checked.number)/BC-SYT", plan: plan, period: period.code, by: user, on: tx)
        }
        await req.application.mailer.send(mails, logger: req.logger)
    }

    static func sha256(_ data: Data) -> String { SHA256.hash(data: data).hexDigits }

    /// The whole sector's figures for the period whatever the request's filters: what is issued is the Department's report.
    static func sectorContent(_ req: Request, plan: String, period: ReportingPeriod) async throws -> SummaryContent {
        let query = DashboardFilters.encode([("plan", plan), ("period", period.code)])
        let sector = Request(application: req.application, method: .GET, url: URI(string: "/?\(query)"), on: req.eventLoop)
        sector.currentUser = req.currentUser
        return try await SummaryContent.load(sector)
    }

    private static func issuedNumbers(plan: String, on db: any Database) async throws -> [(number: String, year: Int)] {
        try await IssuedSummaryReportRecord.query(on: db).filter(\.$planCode == plan).all().map { ($0.number, $0.reportYear) }
    }

    private static func result<T>(_ result: Result<T, SummarySignoff.Refusal>) throws -> T {
        switch result {
        case .success(let value): return value
        case .failure(let refusal): throw SummarySignoffError.refused(refusal)
        }
    }

    private static func record(_ action: SummaryReportAction, from: SummaryReportState, to: SummaryReportState, reason: String?,
                               plan: String, period: String, user: CurrentUser, on db: any Database) async throws {
        let step = SummaryReportStepRecord()
        step.planCode = plan
        step.periodCode = period
        step.action = action.rawValue
        step.fromState = from.rawValue
        step.toState = to.rawValue
        step.actor = user.email
        step.actorName = user.name
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        step.reason = reason?.isEmpty == false ? reason : nil
        step.at = Date()
        try await step.create(on: db)
        try await Audit.record([AuditChange("summary-report", "\(plan)/\(period)", "state", old: from.rawValue, new: to.rawValue)],
                               by: .user(user.email), reason: step.reason, on: db)
    }
}
