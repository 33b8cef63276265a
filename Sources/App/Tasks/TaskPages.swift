import Fluent
import Foundation
import Planning
import Vapor

/// One task as the list and the task page show it.
struct TaskRow: Encodable {
    let id: String
    let code: String
    let content: String
    let lead: String
    let coordinating: String
    let start: String
    let end: String
    let status: String
    let statusLabel: String
    let progress: Int
    let overdue: Bool
    let demo: Bool

    init(_ task: TaskRecord, names: [String: String], today: Day, language: Language) throws {
        id = try task.requireID().uuidString
        code = task.code
        content = task.content
        lead = names[task.leadCode] ?? task.leadCode
        coordinating = task.coordinatingCodes.map { names[$0] ?? $0 }.joined(separator: "; ")
        start = task.start.vietnamese
        end = task.end.vietnamese
        status = task.status
        statusLabel = Localizer.text("task.status.\(task.status)", language)
        progress = task.progress
        overdue = task.isOverdue(today: today)
        demo = task.isDemo
    }
}

enum TaskChoices {
    static func statuses(_ language: Language, selected: String?) -> [Choice] {
        TaskStatus.allCases.map { Choice(value: $0.rawValue, label: Localizer.text("task.status.\($0.rawValue)", language), selected: $0.rawValue == selected) }
    }

    static func organisations(_ all: [OrganisationRecord], selected: Set<String>) -> [Choice] {
        all.filter(\.isActive).map { Choice(value: $0.code, label: "\($0.code) — \($0.name)", selected: selected.contains($0.code)) }
    }

    static func names(_ all: [OrganisationRecord]) -> [String: String] {
        Dictionary(all.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
    }
}

struct TaskListPage: Encodable {
    let layout: Layout
    let error: String?
    let planTitle: String
    let rows: [TaskRow]
    let hasDemo: Bool
    let overdueCount: Int
    let statuses: [Choice]
    let leads: [Choice]
    let overdueOnly: Bool
    let canManage: Bool
    let organisations: [Choice]

    init(_ req: Request, error: String?) async throws {
        let language = req.language
        layout = Layout(req, title: Localizer.text("task.title", language))
        self.error = error
        let filter = try TaskQueries.filter(req)
        let today = Day(Date())
        let (plan, tasks) = try await TaskQueries.list(filter, today: today, on: req.db)
        let all = try await Directory.all(on: req.db, includeInactive: true)
        let names = TaskChoices.names(all)
        planTitle = plan.title
        rows = try tasks.map { try TaskRow($0, names: names, today: today, language: language) }
        hasDemo = tasks.contains { $0.isDemo }
        overdueCount = rows.filter(\.overdue).count
        statuses = TaskChoices.statuses(language, selected: filter.status?.rawValue)
        leads = TaskChoices.organisations(all, selected: Set([filter.lead].compactMap { $0 }))
        overdueOnly = filter.overdueOnly
        canManage = AccessPolicy.allows(req.currentUser?.role, .manageTasks)
        organisations = TaskChoices.organisations(all, selected: [])
    }
}

/// Amount text boxes of a funding form, one pair per source, filled with what is stored.
struct FundingFormRow: Encodable {
    let source: String
    let label: String
    let planned: String
    let spent: String

    static func rows(_ lines: [FundingLineRecord], style: NumberStyle, language: Language) -> [FundingFormRow] {
        FundingSource.allCases.map { source in
            let line = lines.first { $0.source == source.rawValue }
            return FundingFormRow(source: source.rawValue, label: Localizer.text("funding.source.\(source.rawValue)", language),
                                  planned: line.map { style.amount($0.planned) } ?? "", spent: line.map { style.amount($0.spent) } ?? "")
        }
    }
}

/// A total of one source (or of all, with `source` empty), written for reading.
struct FundingTotalRow: Encodable {
    let label: String
    let planned: String
    let spent: String

    static func rows(_ lines: [FundingLine], style: NumberStyle, language: Language) -> [FundingTotalRow] {
        let totals = Funding.totals(lines)
        return totals.map { FundingTotalRow(label: Localizer.text("funding.source.\($0.source.rawValue)", language),
                                            planned: style.amount($0.planned), spent: style.amount($0.spent)) }
            + [FundingTotalRow(label: Localizer.text("funding.total", language),
                               planned: style.amount(Amount.sum(totals.map(\.planned))), spent: style.amount(Amount.sum(totals.map(\.spent))))]
    }
}
