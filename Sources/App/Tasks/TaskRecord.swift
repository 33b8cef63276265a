import Fluent
import Foundation
import Planning

/// A task of a plan (Appendix II shape) with its latest status, as stored. Days are ISO `yyyy-mm-dd`.
final class TaskRecord: Model, @unchecked Sendable {
    static let schema = "tasks"

    @ID(key: .id) var id: UUID?
    @Field(key: "plan_code") var planCode: String
    /// `NV01`; unique within its plan.
    @Field(key: "code") var code: String
    @Field(key: "content") var content: String
    /// The organisation that leads the task (chủ trì) and reports its progress.
    @Field(key: "lead_code") var leadCode: String
    /// The organisations that take part (phối hợp).
    @Field(key: "coordinating_codes") var coordinatingCodes: [String]
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    @Field(key: "expected_output") var expectedOutput: String
    /// Shipped sample data, not a task of the real Appendix II.
    @Field(key: "is_demo") var isDemo: Bool
    /// The latest update's status (`TaskStatus`), progress in whole per cent and comment.
    @Field(key: "status") var status: String
    @Field(key: "progress") var progress: Int
    @OptionalField(key: "comment") var comment: String?
    @OptionalField(key: "status_updated_at") var statusUpdatedAt: Date?
    @OptionalField(key: "status_updated_by") var statusUpdatedBy: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(_ task: TaskDefinition, plan: String, isDemo: Bool) {
        planCode = plan
        code = task.code
        self.isDemo = isDemo
        status = TaskStatus.notStarted.rawValue
        progress = 0
        apply(task)
    }

    func apply(_ task: TaskDefinition) {
        content = task.content
        leadCode = task.lead
        coordinatingCodes = task.coordinating
        startsOn = task.start.iso
        endsOn = task.end.iso
        expectedOutput = task.output
    }

    var taskStatus: TaskStatus { TaskStatus(rawValue: status) ?? .notStarted }
    var start: Day { Day(iso: startsOn) ?? Day(2000, 1, 1) }
    var end: Day { Day(iso: endsOn) ?? Day(2000, 1, 1) }

    /// The task's fields as typed, to be overlaid by an edit and checked again.
    var text: TaskText {
        TaskText(code: code, content: content, lead: leadCode, coordinating: coordinatingCodes,
                 start: startsOn, end: endsOn, output: expectedOutput)
    }

    /// Not done after its last day, in Việt Nam.
    func isOverdue(today: Day = Day(Date())) -> Bool {
        TaskSchedule.isOverdue(end: end, status: taskStatus, today: today)
    }

    /// Whether `organisation` leads the task or takes part in it.
    func involves(_ organisation: String) -> Bool {
        leadCode == organisation || coordinatingCodes.contains(organisation)
    }

    /// How the change log names the task: plan and code.
    var auditID: String { "\(planCode)/\(code)" }

    /// The fields whose changes the audit log keeps.
    var auditFields: [String: String?] {
        ["code": code, "content": content, "lead": leadCode, "coordinating": coordinatingCodes.joined(separator: ";"),
         "start": startsOn, "end": endsOn, "output": expectedOutput, "demo": String(isDemo),
         "status": status, "progress": String(progress), "comment": comment]
    }
}

/// One task's status in one cycle; a later update in the same cycle replaces it.
final class TaskUpdateRecord: Model, @unchecked Sendable {
    static let schema = "task_updates"

    @ID(key: .id) var id: UUID?
    @Parent(key: "task_id") var task: TaskRecord
    @Parent(key: "cycle_id") var cycle: CycleRecord
    @Field(key: "status") var status: String
    @Field(key: "progress") var progress: Int
    @OptionalField(key: "comment") var comment: String?
    @Field(key: "updated_by") var updatedBy: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

struct CreateTasks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TaskRecord.schema)
            .id()
            .field("plan_code", .string, .required)
            .field("code", .string, .required)
            .field("content", .string, .required)
            .field("lead_code", .string, .required)
            .field("coordinating_codes", .array(of: .string), .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("expected_output", .string, .required)
            .field("is_demo", .bool, .required)
            .field("status", .string, .required)
            .field("progress", .int, .required)
            .field("comment", .string)
            .field("status_updated_at", .datetime)
            .field("status_updated_by", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "plan_code", "code")
            .create()
        try await database.schema(TaskUpdateRecord.schema)
            .id()
            .field("task_id", .uuid, .required, .references(TaskRecord.schema, .id))
            .field("cycle_id", .uuid, .required, .references(CycleRecord.schema, .id))
            .field("status", .string, .required)
            .field("progress", .int, .required)
            .field("comment", .string)
            .field("updated_by", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "task_id", "cycle_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TaskUpdateRecord.schema).delete()
        try await database.schema(TaskRecord.schema).delete()
    }
}
