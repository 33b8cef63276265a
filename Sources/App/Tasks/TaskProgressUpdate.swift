import Fluent
import Foundation
import Planning
import Vapor

/// The lead organisation's report on a task in a cycle: status, progress and a comment.
enum TaskProgressUpdate {
    struct Input: Sendable {
        var status: String?
        var progress: String?
        var comment: String?
        var cycle: String?
    }

    static let maximumCommentLength = 2000

    /// Records the update in the cycle (replacing an earlier one of the same cycle) and makes it the task's
    /// current status. Only users of the lead organisation, only in an open cycle.
    @discardableResult
    static func record(_ input: Input, for task: TaskRecord, by user: CurrentUser, on database: any Database) async throws -> TaskUpdateRecord {
        guard AccessPolicy.mayWriteData(role: user.role, own: user.organisationCode, other: task.leadCode) else { throw AppError.forbidden }
        guard let status = TaskStatus(rawValue: input.status?.trimmingCharacters(in: .whitespaces) ?? "") else {
            throw TaskError.invalidStatus(input.status ?? "")
        }
        let typed = (input.progress ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
            .trimmingCharacters(in: .whitespaces)
        let requested = typed.isEmpty ? task.progress : Int(typed)
        guard let requested, let progress = TaskProgress.normalised(requested, status: status) else {
            throw TaskError.invalidProgress(input.progress ?? "")
        }
        let comment = try Self.comment(input.comment)
        let cycle = try await TaskCycles.requireOpen(input.cycle, plan: task.planCode, on: database)
        let taskID = try task.requireID(), cycleID = try cycle.requireID()
        return try await database.writing { db in
            let update = try await TaskUpdateRecord.query(on: db).filter(\.$task.$id == taskID).filter(\.$cycle.$id == cycleID).first()
                ?? TaskUpdateRecord()
            update.$task.id = taskID
            update.$cycle.id = cycleID
            update.status = status.rawValue
            update.progress = progress
            update.comment = comment
            update.updatedBy = user.email
            update.updatedAt = Date()
            try await update.save(on: db)
            let before = task.auditFields
            task.status = status.rawValue
            task.progress = progress
            task.comment = comment
            task.statusUpdatedAt = update.updatedAt
            task.statusUpdatedBy = user.email
            try await task.save(on: db)
            try await Audit.record(AuditChange.diff("task", task.auditID, old: before, new: task.auditFields),
                                   by: .user(user.email), reason: "đợt báo cáo \(cycle.periodCode)", on: db)
            return update
        }
    }

    /// Trimmed, at most 2000 characters, line breaks kept; nil when empty.
    static func comment(_ text: String?) throws -> String? {
        let comment = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard comment.count <= maximumCommentLength else { throw TaskError.commentTooLong(maximum: maximumCommentLength) }
        guard !InputGuardMiddleware.forbidden(comment) else { throw AppError.controlCharacters }
        return comment.isEmpty ? nil : comment
    }
}
