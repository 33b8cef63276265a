import Fluent
import Foundation
import Planning

/// A reporting cycle (đợt báo cáo) of a plan, as stored. Days are ISO `yyyy-mm-dd` strings.
final class CycleRecord: Model, @unchecked Sendable {
    static let schema = "cycles"

    @ID(key: .id) var id: UUID?
    @Field(key: "plan_code") var planCode: String
    /// `2026NovS1`, `2026NovS2`.
    @Field(key: "period_code") var periodCode: String
    /// The preset the dates came from (`november`, `decree09`).
    @Field(key: "calendar") var calendar: String
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    @Field(key: "cutoff_on") var cutoffOn: String
    @Field(key: "due_on") var dueOn: String
    @Field(key: "state") var state: String
    /// Automatic reminders start this many days before the due day (0: none).
    @Field(key: "reminder_days") var reminderDays: Int
    @OptionalField(key: "opened_at") var openedAt: Date?
    @OptionalField(key: "closed_at") var closedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var period: ReportingPeriod? { try? ReportingPeriod(code: periodCode) }
    var cycleState: CycleState { CycleState(rawValue: state) ?? .planned }

    var dates: ReportingCycleDates {
        ReportingCycleDates(start: Day(iso: startsOn) ?? Day(2000, 1, 1), end: Day(iso: endsOn) ?? Day(2000, 1, 1),
                            cutoff: Day(iso: cutoffOn) ?? Day(2000, 1, 1), due: Day(iso: dueOn) ?? Day(2000, 1, 1))
    }

    func setDates(_ dates: ReportingCycleDates) {
        startsOn = dates.start.iso
        endsOn = dates.end.iso
        cutoffOn = dates.cutoff.iso
        dueOn = dates.due.iso
    }
}

struct CreateCycles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CycleRecord.schema)
            .id()
            .field("plan_code", .string, .required)
            .field("period_code", .string, .required)
            .field("calendar", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("cutoff_on", .string, .required)
            .field("due_on", .string, .required)
            .field("state", .string, .required)
            .field("reminder_days", .int, .required)
            .field("opened_at", .datetime)
            .field("closed_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "plan_code", "period_code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CycleRecord.schema).delete()
    }
}
