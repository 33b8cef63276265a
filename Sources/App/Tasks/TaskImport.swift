import Documents
import Fluent
import Foundation
import Planning

/// Loads tasks from CSV (`code,content,lead,coordinating,start,end,output`): every row or none.
enum TaskImport {
    static let columns = TaskField.allCases.map(\.rawValue)
    static let demoFile = "Resources/Tasks/demo-tasks.csv"

    struct Summary: Sendable, Equatable {
        var created = 0, demoRemoved = 0
    }

    /// Checks the whole file, then writes it in one transaction with its audit entries. Throws
    /// `TaskError.file` listing every problem by line and column, having written nothing. With
    /// `removeDemo`, the plan's demo tasks go first (with their updates and funding), in the same transaction.
    static func apply(_ data: Data, plan: String?, isDemo: Bool = false, removeDemo: Bool = false,
                      by actor: Actor, on database: any Database) async throws -> Summary {
        let plan = try await PlanQueries.resolve(plan, on: database).code
        return try await database.writing { db in
            let rows = try parse(data, organisations: try await Tasks.organisationCodes(on: db))
            var summary = Summary()
            var changes: [AuditChange] = []
            if removeDemo {
                let demo = try await TaskRecord.query(on: db).filter(\.$planCode == plan).filter(\.$isDemo == true).all()
                changes += try await remove(demo, on: db)
                summary.demoRemoved = demo.count
            }
            let taken = Set(try await TaskRecord.query(on: db).filter(\.$planCode == plan).all().map(\.code))
            let clashes = rows.filter { taken.contains($0.task.code) }
            guard clashes.isEmpty else {
                throw TaskError.file(clashes.map { TaskFileProblem(line: $0.line, column: "code", reason: .codeTaken($0.task.code)) })
            }
            for (_, task) in rows {
                let record = TaskRecord(task, plan: plan, isDemo: isDemo)
                try await record.create(on: db)
                changes += AuditChange.diff("task", record.auditID, old: [:], new: record.auditFields)
                summary.created += 1
            }
            try await Audit.record(changes, by: actor, reason: isDemo ? "nhiệm vụ mẫu" : nil, on: db)
            return summary
        }
    }

    /// Deletes tasks with their cycle updates and funding lines; returns what the log should keep.
    static func remove(_ tasks: [TaskRecord], on db: any Database) async throws -> [AuditChange] {
        var changes: [AuditChange] = []
        for task in tasks {
            let id = try task.requireID()
            try await TaskUpdateRecord.query(on: db).filter(\.$task.$id == id).delete()
            for line in try await FundingLineRecord.query(on: db).filter(\.$task.$id == id).with(\.$cycle).all() {
                changes += AuditChange.diff("funding", [line.cycle.periodCode, line.organisationCode, task.code, line.source].joined(separator: "/"),
                                            old: ["planned": String(line.planned), "spent": String(line.spent)], new: [:])
                try await line.delete(on: db)
            }
            changes += AuditChange.diff("task", task.auditID, old: task.auditFields, new: [:])
            try await task.delete(on: db)
        }
        return changes
    }

    /// Reads and checks every row against the organisations that exist; throws every problem at once.
    static func parse(_ data: Data, organisations: Set<String>) throws(TaskError) -> [(line: Int, task: TaskDefinition)] {
        let table: [(line: Int, fields: [String])]
        do { table = try CSVReader.rows(data) } catch {
            throw .file([TaskFileProblem(line: 0, column: "", reason: .unreadable(String(describing: error)))])
        }
        guard let header = table.first else { throw .file([TaskFileProblem(line: 0, column: "", reason: .noRows)]) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = columns.filter { !names.contains($0) }
        guard missing.isEmpty else { throw .file(missing.map { TaskFileProblem(line: header.line, column: $0, reason: .missingColumn) }) }
        var problems: [TaskFileProblem] = []
        var tasks: [(Int, TaskDefinition)] = []
        var firstLine: [String: Int] = [:]
        for row in table.dropFirst() {
            func cell(_ field: TaskField) -> String {
                guard let index = names.firstIndex(of: field.rawValue) else { return "" }
                return index < row.fields.count ? row.fields[index] : ""
            }
            let text = TaskText(code: cell(.code), content: cell(.content), lead: cell(.lead), coordinating: Tasks.codes(cell(.coordinating)),
                                start: cell(.start), end: cell(.end), output: cell(.output))
            let code = text.code.trimmingCharacters(in: .whitespaces)
            if !code.isEmpty, let first = firstLine[code] {
                problems.append(TaskFileProblem(line: row.line, column: "code", reason: .duplicateCode(code, firstLine: first)))
            } else if !code.isEmpty {
                firstLine[code] = row.line
            }
            switch TaskRules.check(text, organisations: organisations) {
            case .invalid(let found):
                problems += found.map { TaskFileProblem(line: row.line, column: $0.field.rawValue, reason: .field($0.reason)) }
            case .valid(let task):
                tasks.append((row.line, task))
            }
        }
        if table.count == 1 { problems.append(TaskFileProblem(line: 0, column: "", reason: .noRows)) }
        guard problems.isEmpty else { throw .file(problems) }
        return tasks
    }
}
