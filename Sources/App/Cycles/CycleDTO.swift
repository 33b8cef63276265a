import Planning
import Vapor

struct CycleDTO: Content {
    struct Statistics: Content {
        let expected, submitted, approved, late, missing: Int
        /// Percent, nil when nobody is expected.
        @Nullable var completeness: Double?
        @Nullable var timeliness: Double?
    }

    let id: UUID
    let plan: String
    let period: String
    let calendar: String
    let start: String
    let end: String
    let cutoff: String
    let due: String
    let state: String
    let reminderDays: Int
    let statistics: Statistics

    init(_ cycle: CycleRecord, reports: [ReportRecord]) throws {
        id = try cycle.requireID()
        plan = cycle.planCode
        period = cycle.periodCode
        calendar = cycle.calendar
        start = cycle.startsOn
        end = cycle.endsOn
        cutoff = cycle.cutoffOn
        due = cycle.dueOn
        state = cycle.state
        reminderDays = cycle.reminderDays
        let s = Cycles.statistics(cycle, reports: reports)
        statistics = Statistics(expected: s.expected, submitted: s.submitted, approved: s.approved, late: s.late, missing: s.missing,
                                completeness: s.completeness, timeliness: s.timeliness)
    }
}

struct FollowUpDTO: Content {
    struct Pending: Content {
        let organisation: String
        let report: UUID
        let state: String
        @Nullable var lastReminderAt: Date?
    }

    let cycle: CycleDTO
    let pending: [Pending]
}
