import Fluent
import Foundation
import Planning
import Vapor

/// Reminds a lead office of the indicators it leads that still lack its assessment for a cycle's period: an in-app
/// notice to the office's lead-office accounts and an e-mail (as reminders to units are sent), logged in the change log
/// (entity `lead-assessment`, field `reminder`).
enum AssessmentReminders {
    struct Outcome: Sendable {
        let indicators: [String]
        let recipients: Int
    }

    static func send(_ cycle: CycleRecord, office: String, user: CurrentUser, actor: Actor, app: Application, on db: any Database) async throws -> Outcome {
        guard let period = cycle.period else { throw CycleError.invalidPeriod(cycle.periodCode) }
        let snapshot = try await EvaluationSnapshot.load(.init(period: period.code, lead: office, plan: cycle.planCode), user: user, on: db,
                                                     coverageThreshold: app.settings.coverageThreshold)
        let stored = try await LeadAssessments.stored(snapshot, on: db)
        let lacking = snapshot.indicators.filter { stored[$0.code] == nil }.map(\.code)
        guard !lacking.isEmpty else { throw AssessmentReminderError.nothingMissing(office: office, period: period.code) }
        let list = lacking.joined(separator: ", ")
        let vi = "Đề nghị đánh giá các chỉ tiêu do phòng chủ trì, kỳ \(period.code): \(list) (xác nhận hoặc điều chỉnh trạng thái, phân tích, giải pháp)."
        let en = "Please assess the indicators your office leads for \(period.code): \(list) (confirm or change the status, analysis, measures)."
        let link = "/dashboard/offices/\(office)?" + DashboardFilters.encode([("period", period.code)])
        let mailer = app.mailer
        let users = try await db.writing { tx -> [UserRecord] in
            let users = try await Notifications.recipients(of: office, on: tx).filter { $0.role == Role.leadOffice.rawValue }
            try await Notifications.notify(users, kind: "reminder", vietnamese: vi, english: en, link: link, on: tx)
            try await Audit.record([AuditChange("lead-assessment", "\(cycle.planCode)/\(period.code)/\(office)", "reminder", old: nil,
                                                new: "\(list) → \(users.count) (\(mailer.channel))")], by: actor, on: tx)
            return users
        }
        await mailer.send(users.map { Mail(to: $0.email, subject: "[chitieu] " + vi, body: vi + "\n\n" + en) }, logger: app.logger)
        return Outcome(indicators: lacking, recipients: users.count)
    }

    /// When each office was last reminded for the period (from the change log).
    static func last(plan: String, period: String, on db: any Database) async throws -> [String: String] {
        let entries = try await AuditEntryRecord.query(on: db).filter(\.$entity == "lead-assessment").filter(\.$field == "reminder")
            .sort(\.$sequence, .descending).all()
        var found: [String: String] = [:]
        for entry in entries {
            let parts = entry.entityID.split(separator: "/").map(String.init)
            guard parts.count == 3, parts[0] == plan, parts[1] == period, found[parts[2]] == nil else { continue }
            found[parts[2]] = entry.at
        }
        return found
    }
}

enum AssessmentReminderError: FeatureError {
    case nothingMissing(office: String, period: String)

    var status: HTTPResponseStatus { .conflict }

    func message(_ language: Language) -> String {
        switch self {
        case .nothingMissing(let office, let period):
            language == .vietnamese ? "\(office) đã đánh giá đủ các chỉ tiêu chủ trì kỳ \(period): không cần nhắc."
                                    : "\(office) has assessed every indicator it leads for \(period): no reminder needed."
        }
    }
}
