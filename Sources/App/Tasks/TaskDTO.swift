import Foundation
import Planning
import Vapor

/// A task as the API gives it. Days are ISO `yyyy-mm-dd`.
struct TaskDTO: Content {
    let id: UUID
    let plan: String
    let code: String
    let content: String
    let lead: String
    let coordinating: [String]
    let start: String
    let end: String
    let output: String
    /// Shipped sample data, not a task of the real plan.
    let demo: Bool
    let status: String
    let progress: Int
    @Nullable var comment: String?
    @Nullable var updatedBy: String?
    @Nullable var updatedAt: Date?
    let overdue: Bool

    init(_ record: TaskRecord, today: Day) throws {
        id = try record.requireID()
        plan = record.planCode
        code = record.code
        content = record.content
        lead = record.leadCode
        coordinating = record.coordinatingCodes
        start = record.startsOn
        end = record.endsOn
        output = record.expectedOutput
        demo = record.isDemo
        status = record.status
        progress = record.progress
        comment = record.comment
        updatedBy = record.statusUpdatedBy
        updatedAt = record.statusUpdatedAt
        overdue = record.isOverdue(today: today)
    }
}

/// A task with its update of every cycle and the funding lines the caller may read.
struct TaskDetailDTO: Content {
    let task: TaskDTO
    let updates: [TaskUpdateDTO]
    let funding: FundingDTO
}

struct TaskUpdateDTO: Content {
    let cycle: UUID
    let period: String
    let status: String
    let progress: Int
    @Nullable var comment: String?
    let updatedBy: String
    let updatedAt: Date

    init(_ record: TaskUpdateRecord) throws {
        cycle = record.$cycle.id
        period = record.cycle.periodCode
        status = record.status
        progress = record.progress
        comment = record.comment
        updatedBy = record.updatedBy
        updatedAt = record.updatedAt
    }
}

struct CycleRefDTO: Content {
    let id: UUID
    let plan: String
    let period: String
    let state: String

    init(_ cycle: CycleRecord) throws {
        id = try cycle.requireID()
        plan = cycle.planCode
        period = cycle.periodCode
        state = cycle.state
    }
}

struct FundingLineDTO: Content {
    let cycle: UUID
    let period: String
    let organisation: String
    @Nullable var task: UUID?
    @Nullable var taskCode: String?
    let source: String
    let planned: Int64
    let spent: Int64
    let updatedBy: String
    let updatedAt: Date

    init(_ record: FundingLineRecord) {
        cycle = record.$cycle.id
        period = record.cycle.periodCode
        organisation = record.organisationCode
        task = record.$task.id
        taskCode = record.task?.code
        source = record.source
        planned = record.planned
        spent = record.spent
        updatedBy = record.updatedBy
        updatedAt = record.updatedAt
    }
}

struct FundingTotalDTO: Content {
    let source: String
    let planned: Int64
    let spent: Int64
}

/// Funding lines with their totals by source (every source, in the plan's order) and overall.
struct FundingDTO: Content {
    @Nullable var cycle: CycleRefDTO?
    @Nullable var organisation: String?
    let lines: [FundingLineDTO]
    let totals: [FundingTotalDTO]
    let total: FundingTotalDTO

    init(cycle: CycleRecord?, organisation: String?, lines: [FundingLineRecord]) throws {
        self.cycle = try cycle.map(CycleRefDTO.init)
        self.organisation = organisation
        self.lines = lines.map(FundingLineDTO.init)
        let totals = Funding.totals(lines.map(\.line))
        self.totals = totals.map { FundingTotalDTO(source: $0.source.rawValue, planned: $0.planned, spent: $0.spent) }
        total = FundingTotalDTO(source: "all", planned: Amount.sum(totals.map(\.planned)), spent: Amount.sum(totals.map(\.spent)))
    }
}

/// What a task import did.
struct TaskImportDTO: Content {
    let created: Int
    let demoRemoved: Int
}
