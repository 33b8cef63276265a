import Fluent
import Foundation
import Planning
import Vapor

/// The coordinator's block on the follow-up page: per lead office, the indicators still lacking its assessment for the
/// cycle's period, when it was last reminded, and a one-click reminder.
struct AssessmentFollowUp: Encodable {
    struct Row: Encodable {
        let office: String
        let name: String
        let indicators: String
        let count: Int
        let lastReminder: String
    }

    let period: String
    let rows: [Row]
    let assessed: Int
    let total: Int
    let canSend: Bool

    init?(_ req: Request, cycle: CycleRecord) async throws {
        guard let period = cycle.period else { return nil }
        let user = try req.requireUser()
        self.period = period.code
        let snapshot = try await LeadAssessments.official(plan: cycle.planCode, period: period, user: user,
                                                               coverageThreshold: req.application.settings.coverageThreshold, on: req.db)
        let stored = try await LeadAssessments.stored(snapshot, on: req.db)
        let names = try await Directory.names(on: req.db)
        let reminded = try await AssessmentReminders.last(plan: cycle.planCode, period: period.code, on: req.db)
        rows = try await LeadAssessments.missing(snapshot, stored: stored, on: req.db).map { office, indicators in
            Row(office: office, name: names[office] ?? office, indicators: indicators.map(\.code).joined(separator: ", "), count: indicators.count,
                lastReminder: reminded[office].flatMap(Self.date).map(DateText.dayTime) ?? "—")
        }
        assessed = snapshot.indicators.filter { stored[$0.code] != nil }.count
        total = snapshot.indicators.count
        canSend = AccessPolicy.allows(user.role, .manageCycles)
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
