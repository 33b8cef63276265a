import Fluent
import Foundation
import Planning
import Vapor

/// Creating and editing the plan's tasks (admin, coordinator), every change logged in its transaction.
enum Tasks {
    /// A task's fields as sent by a form (`coordinating[]` from the multiple choice list) or the API; on an
    /// edit, an absent field keeps its value. `plan` names the plan a new task belongs to (default: the latest).
    struct Input: Content {
        var plan: String?
        var code: String?
        var content: String?
        var lead: String?
        var coordinating: [String]?
        var start: String?
        var end: String?
        var output: String?
    }

    static func find(_ id: String?, on db: any Database) async throws -> TaskRecord {
        guard let id, let uuid = UUID(uuidString: id), let record = try await TaskRecord.find(uuid, on: db) else {
            throw TaskError.taskNotFound(String((id ?? "").prefix(40)))
        }
        return record
    }

    /// Codes of the active organisations, which a task may name.
    static func organisationCodes(on db: any Database) async throws -> Set<String> {
        Set(try await OrganisationRecord.query(on: db).filter(\.$isActive == true).all().map(\.code))
    }

    static func create(_ input: Input, by actor: Actor, on database: any Database) async throws -> TaskRecord {
        let plan = try await PlanQueries.resolve(input.plan, on: database).code
        let text = TaskText(code: input.code ?? "", content: input.content ?? "", lead: input.lead ?? "",
                            coordinating: input.coordinating ?? [], start: input.start ?? "", end: input.end ?? "", output: input.output ?? "")
        let task = try await check(text, on: database)
        return try await database.writing { db in
            guard try await TaskRecord.query(on: db).filter(\.$planCode == plan).filter(\.$code == task.code).first() == nil else {
                throw TaskError.codeTaken(task.code)
            }
            let record = TaskRecord(task, plan: plan, isDemo: false)
            try await record.create(on: db)
            try await Audit.record(AuditChange.diff("task", record.auditID, old: [:], new: record.auditFields), by: actor, on: db)
            return record
        }
    }

    /// Changes what the task is (not its code or its status: those are its identity and its lead's report).
    static func edit(_ record: TaskRecord, with input: Input, by actor: Actor, on database: any Database) async throws {
        var text = record.text
        if let content = input.content { text.content = content }
        if let lead = input.lead { text.lead = lead }
        if let coordinating = input.coordinating { text.coordinating = coordinating }
        if let start = input.start { text.start = start }
        if let end = input.end { text.end = end }
        if let output = input.output { text.output = output }
        let task = try await check(text, on: database, keeping: Set([record.leadCode] + record.coordinatingCodes))
        let before = record.auditFields
        record.apply(task)
        try await database.writing { db in
            try await record.save(on: db)
            try await Audit.record(AuditChange.diff("task", record.auditID, old: before, new: record.auditFields), by: actor, on: db)
        }
    }

    /// Checks `text` against the active organisations (and those the task already names, which may
    /// since have been deactivated).
    private static func check(_ text: TaskText, on db: any Database, keeping: Set<String> = []) async throws -> TaskDefinition {
        switch TaskRules.check(text, organisations: try await organisationCodes(on: db).union(keeping)) {
        case .valid(let task): return task
        case .invalid(let problems): throw TaskError.invalid(problems)
        }
    }

    /// Codes separated by `;` (or `,`), as the CSV column and the form's text field give them.
    static func codes(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "," }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
