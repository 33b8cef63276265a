import Fluent
import Foundation
import Planning
import Vapor

/// The task list's filters, read the same way by the page and the API.
enum TaskQueries {
    struct Filter: Sendable {
        var plan: String?
        var status: TaskStatus?
        var lead: String?
        var overdueOnly = false
    }

    /// Reads `plan`, `status`, `lead` and `overdue`; an empty parameter (a form's blank choice) is no filter.
    static func filter(_ req: Request) throws -> Filter {
        var filter = Filter(plan: try req.queryText("plan"), lead: try req.queryText("lead"))
        filter.status = try req.queryText("status", allowed: TaskStatus.allCases.map(\.rawValue)).flatMap(TaskStatus.init(rawValue:))
        if let overdue = try req.queryText("overdue", allowed: ["true", "false", "1", "0"]) {
            filter.overdueOnly = overdue == "true" || overdue == "1"
        }
        return filter
    }

    /// The plan's tasks in code order, narrowed by the filter; overdue as of `today` in Việt Nam.
    static func list(_ filter: Filter, today: Day, on db: any Database) async throws -> (plan: PlanRecord, tasks: [TaskRecord]) {
        let plan = try await PlanQueries.resolve(filter.plan, on: db)
        let query = TaskRecord.query(on: db).filter(\.$planCode == plan.code).sort(\.$code)
        if let status = filter.status { query.filter(\.$status == status.rawValue) }
        if let lead = filter.lead { query.filter(\.$leadCode == lead) }
        let tasks = try await query.all()
        return (plan, filter.overdueOnly ? tasks.filter { $0.isOverdue(today: today) } : tasks)
    }

    /// The task's update of every cycle, the latest cycle first.
    static func updates(of task: TaskRecord, on db: any Database) async throws -> [TaskUpdateRecord] {
        try await TaskUpdateRecord.query(on: db).filter(\.$task.$id == task.requireID()).with(\.$cycle).all()
            .sorted { ($0.cycle.startsOn, $0.cycle.periodCode) > ($1.cycle.startsOn, $1.cycle.periodCode) }
    }
}
