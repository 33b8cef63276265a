import Fluent
import Foundation
import Planning
import Vapor

/// `/api/v1/tasks` and `/api/v1/funding`: the same services, checks and permissions as the pages.
struct TaskAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let read = routes.requiring(.readReports).grouped("api", "v1")
        read.get("tasks", use: list)
        read.get("tasks", ":id", use: show)
        read.get("funding", use: funding)
        let manage = routes.requiring(.manageTasks).grouped("api", "v1", "tasks")
        manage.post(use: create)
        manage.patch(":id", use: edit)
        manage.on(.POST, "import", body: .collect(maxSize: "2mb"), use: importCSV)
        let write = routes.requiring(.writeReports).grouped("api", "v1")
        write.post("tasks", ":id", "updates", use: addUpdate)
        write.put("funding", use: setFunding)
    }

    struct UpdateBody: Content {
        var status: String?
        var progress: Int?
        var comment: String?
        var cycle: String?
    }

    struct FundingBody: Content {
        struct Line: Content { var source: String; var planned: Int64; var spent: Int64 }
        var plan: String?
        var cycle: String?
        var organisation: String?
        var task: String?
        var lines: [Line]
    }

    @Sendable func list(req: Request) async throws -> [TaskDTO] {
        let today = Day(Date())
        return try await TaskQueries.list(try TaskQueries.filter(req), today: today, on: req.db).tasks.map { try TaskDTO($0, today: today) }
    }

    @Sendable func show(req: Request) async throws -> TaskDetailDTO {
        let task = try await Tasks.find(req.parameters.get("id"), on: req.db)
        let lines = try await FundingLedger.lines(cycle: nil, organisation: nil, task: task.requireID(), as: try req.requireUser(), on: req.db)
        return TaskDetailDTO(task: try TaskDTO(task, today: Day(Date())),
                             updates: try await TaskQueries.updates(of: task, on: req.db).map(TaskUpdateDTO.init),
                             funding: try FundingDTO(cycle: nil, organisation: nil, lines: lines))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let task = try await Tasks.create(try req.content.decode(Tasks.Input.self), by: req.actor, on: req.db)
        return try await TaskDTO(task, today: Day(Date())).encodeResponse(status: .created, for: req)
    }

    @Sendable func edit(req: Request) async throws -> TaskDTO {
        let task = try await Tasks.find(req.parameters.get("id"), on: req.db)
        var input = try req.content.decode(Tasks.Input.self)
        input.code = nil
        input.plan = nil
        try await Tasks.edit(task, with: input, by: req.actor, on: req.db)
        return try TaskDTO(task, today: Day(Date()))
    }

    @Sendable func addUpdate(req: Request) async throws -> Response {
        let task = try await Tasks.find(req.parameters.get("id"), on: req.db)
        let body = try req.content.decode(UpdateBody.self)
        let update = try await TaskProgressUpdate.record(.init(status: body.status, progress: body.progress.map(String.init), comment: body.comment,
                                                               cycle: body.cycle), for: task, by: try req.requireUser(), on: req.db)
        try await update.$cycle.load(on: req.db)
        return try await TaskUpdateDTO(update).encodeResponse(status: .created, for: req)
    }

    @Sendable func importCSV(req: Request) async throws -> Response {
        guard let type = req.headers.contentType, type.type == "text", ["csv", "plain"].contains(type.subType) else { throw TaskError.notCSV }
        let data = req.body.data.map { Data(buffer: $0) } ?? Data()
        let summary = try await TaskImport.apply(data, plan: req.query[String.self, at: "plan"], by: req.actor, on: req.db)
        return try await TaskImportDTO(created: summary.created, demoRemoved: summary.demoRemoved).encodeResponse(status: .created, for: req)
    }

    @Sendable func funding(req: Request) async throws -> FundingDTO {
        let user = try req.requireUser()
        let plan = try await PlanQueries.resolve(try req.queryText("plan"), on: req.db).code
        let cycle: CycleRecord? = if let id = try req.queryText("cycle") { try await TaskCycles.find(id, on: req.db) } else { try await TaskCycles.current(plan: plan, on: req.db) }
        let task: TaskRecord? = if let id = try req.queryText("task") { try await Tasks.find(id, on: req.db) } else { nil }
        let organisation = try req.queryText("organisation")
        guard let cycle else { return try FundingDTO(cycle: nil, organisation: organisation, lines: []) }
        let lines = try await FundingLedger.lines(cycle: cycle.requireID(), organisation: organisation, task: task?.requireID(), as: user, on: req.db)
        return try FundingDTO(cycle: cycle, organisation: organisation, lines: lines)
    }

    @Sendable func setFunding(req: Request) async throws -> FundingDTO {
        let user = try req.requireUser()
        let body = try req.content.decode(FundingBody.self)
        let entries = try body.lines.enumerated().map { index, line in
            guard let source = FundingSource(rawValue: line.source) else { throw TaskError.invalidSource(line.source) }
            for (name, value) in [("planned", line.planned), ("spent", line.spent)] where !(0...Amount.maximum).contains(value) {
                throw TaskError.invalidAmount(field: "lines[\(index)].\(name)", value: String(value))
            }
            return FundingLedger.Entry(source: source, planned: line.planned, spent: line.spent)
        }
        let organisation = body.organisation ?? user.organisationCode
        let task: TaskRecord? = if let id = body.task { try await Tasks.find(id, on: req.db) } else { nil }
        let plan = try await PlanQueries.resolve(body.plan, on: req.db).code
        let cycle = try await FundingLedger.set(entries, cycle: body.cycle, organisation: organisation, task: task, plan: plan, by: user, on: req.db)
        let lines = try await FundingLedger.lines(cycle: cycle.requireID(), organisation: organisation, task: task?.requireID(), as: user, on: req.db)
        return try FundingDTO(cycle: cycle, organisation: organisation, lines: lines.filter { $0.taskKey == FundingLineRecord.key(task?.id) })
    }
}
