import Fluent
import Foundation
import Planning
import Vapor

/// `/tasks/{id}`: the task, its update in every cycle, its funding, and the forms its user may fill in.
struct TaskPage: Encodable {
    struct Update: Encodable {
        let period: String
        let statusLabel: String
        let status: String
        let progress: Int
        let comment: String
        let by: String
        let at: String
    }

    struct FundingRow: Encodable {
        let period: String
        let organisation: String
        let source: String
        let planned: String
        let spent: String
    }

    let layout: Layout
    let error: String?
    let task: TaskRow
    let output: String
    let comment: String?
    let updatedBy: String?
    let updatedAt: String?
    let updates: [Update]
    /// The open cycle updates go to; nil when none is open.
    let openCycleID: String?
    let openPeriod: String?
    let canUpdate: Bool
    /// Why the update form is not shown.
    let updateHint: String?
    let statuses: [Choice]
    let fundingRows: [FundingRow]
    let fundingTotals: [FundingTotalRow]
    let canEnterFunding: Bool
    let fundingForm: [FundingFormRow]
    let ownOrganisation: String
    let canManage: Bool
    let leads: [Choice]
    let coordinating: [Choice]
    /// The Ban Chỉ đạo's directives about this task.
    var directives: DirectiveBlock?

    init(_ req: Request, task record: TaskRecord, error: String?) async throws {
        let language = req.language, style = language.numbers
        let user = try req.requireUser()
        let all = try await Directory.all(on: req.db, includeInactive: true)
        let names = TaskChoices.names(all)
        layout = Layout(req, title: "\(record.code) — \(Localizer.text("task.title", language))")
        self.error = error
        task = try TaskRow(record, names: names, today: Day(Date()), language: language)
        output = record.expectedOutput
        comment = record.comment
        updatedBy = record.statusUpdatedBy
        updatedAt = record.statusUpdatedAt.map(DateText.dayTime)
        updates = try await TaskQueries.updates(of: record, on: req.db).map {
            Update(period: $0.cycle.periodCode, statusLabel: Localizer.text("task.status.\($0.status)", language), status: $0.status,
                   progress: $0.progress, comment: $0.comment ?? "", by: $0.updatedBy, at: DateText.dayTime($0.updatedAt))
        }
        let open = try await TaskCycles.open(plan: record.planCode, on: req.db)
        openCycleID = try open?.requireID().uuidString
        openPeriod = open?.periodCode
        let writes = AccessPolicy.allows(user.role, .writeReports)
        let leads = writes && AccessPolicy.mayWriteData(role: user.role, own: user.organisationCode, other: record.leadCode)
        canUpdate = leads && open != nil
        updateHint = canUpdate ? nil : Localizer.text(open == nil ? "task.noOpenCycle" : "task.onlyLead", language)
            .replacingOccurrences(of: "{lead}", with: names[record.leadCode] ?? record.leadCode)
        statuses = TaskChoices.statuses(language, selected: record.status)
        let lines = try await FundingLedger.lines(cycle: nil, organisation: nil, task: record.requireID(), as: user, on: req.db)
        fundingRows = lines.map {
            FundingRow(period: $0.cycle.periodCode, organisation: names[$0.organisationCode] ?? $0.organisationCode,
                       source: Localizer.text("funding.source.\($0.source)", language), planned: style.amount($0.planned), spent: style.amount($0.spent))
        }
        fundingTotals = FundingTotalRow.rows(lines.map(\.line), style: style, language: language)
        canEnterFunding = writes && record.involves(user.organisationCode) && open != nil
        let ownLines = lines.filter { $0.organisationCode == user.organisationCode && $0.$cycle.id == open?.id }
        fundingForm = FundingFormRow.rows(ownLines, style: style, language: language)
        ownOrganisation = names[user.organisationCode] ?? user.organisationCode
        canManage = AccessPolicy.allows(user.role, .manageTasks)
        self.leads = TaskChoices.organisations(all, selected: [record.leadCode])
        coordinating = TaskChoices.organisations(all, selected: Set(record.coordinatingCodes))
        directives = try await DirectiveBlock(req, kind: "task", code: record.code)
    }
}
