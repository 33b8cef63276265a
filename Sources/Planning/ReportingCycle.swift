import Foundation

/// Trạng thái đợt báo cáo — a reporting cycle is planned, then open for reports, then closed.
public enum CycleState: String, Sendable, Codable, CaseIterable {
    case planned, open, closed
}

/// Đợt báo cáo — one round of six-monthly reporting for a plan and period, with its own dates.
public struct ReportingCycleDates: Sendable, Hashable {
    /// First and last day whose data the reports cover.
    public var start: Day
    public var end: Day
    /// Ngày chốt số liệu — the day figures are taken at (usually the period's last day).
    public var cutoff: Day
    /// Hạn nộp — the plan's "trước ngày …": a report is on time until this day begins (Việt Nam time), so the
    /// last day to send it on time is the day before.
    public var due: Day

    public init(start: Day, end: Day, cutoff: Day, due: Day) {
        self.start = start
        self.end = end
        self.cutoff = cutoff
        self.due = due
    }

    /// The preset dates of `period` in `calendar` (cut-off on the period's last day).
    public init(_ period: ReportingPeriod, calendar: ReportingCalendar) {
        let dates = calendar.dates(of: period)
        self.init(start: dates.start, end: dates.end, cutoff: dates.end, due: dates.due)
    }
}

public enum ReportingCycleRules {
    public enum Problem: Error, Equatable, Sendable {
        /// The period ends before it starts.
        case endBeforeStart
        /// The cut-off lies outside the period.
        case cutoffOutsidePeriod
        /// Reports would be due before the figures are taken.
        case dueBeforeCutoff
        /// Opening, closing or editing does not apply in this state.
        case notFromState(action: String, state: CycleState)
        /// Reminder days must be between 0 and 60.
        case reminderDaysOutOfRange(Int)
    }

    /// Problems with a cycle's dates; empty when they are coherent.
    public static func problems(_ dates: ReportingCycleDates) -> [Problem] {
        var found: [Problem] = []
        if dates.end < dates.start { found.append(.endBeforeStart) }
        if dates.cutoff < dates.start || dates.end < dates.cutoff { found.append(.cutoffOutsidePeriod) }
        if dates.due < dates.cutoff { found.append(.dueBeforeCutoff) }
        return found
    }

    public static let reminderDays = 0...60

    /// planned → open: reports are created for every expected organisation.
    public static func open(_ state: CycleState) -> Result<CycleState, Problem> {
        state == .planned ? .success(.open) : .failure(.notFromState(action: "open", state: state))
    }

    /// open → closed: every report is locked.
    public static func close(_ state: CycleState) -> Result<CycleState, Problem> {
        state == .open ? .success(.closed) : .failure(.notFromState(action: "close", state: state))
    }

    /// Dates may change until the cycle is closed.
    public static func mayEditDates(_ state: CycleState) -> Bool { state != .closed }

    /// The moment a report becomes late: the start of the due day in Việt Nam. The plan says units report "trước ngày
    /// 01 tháng 6 và ngày 15 tháng 11" — before the due day — so a report is on time until the end of the day before.
    public static func deadline(_ due: Day) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Day.vietnam
        // A Day always names a date the calendar knows; the distant future is only a total answer for the impossible case.
        guard let startOfDue = calendar.date(from: DateComponents(year: due.year, month: due.month, day: due.day)) else { return .distantFuture }
        return startOfDue
    }

    /// Late from the first instant of the due day (Việt Nam time); still accepted.
    public static func isLate(_ submittedAt: Date, due: Day) -> Bool { submittedAt >= deadline(due) }

    /// The last day a report is on time: the day before the due day.
    public static func lastDayOnTime(_ due: Day) -> Day { due.previous }

    /// Whether today falls in the reminder window: from `daysBefore` days before the due day up to the last day on time
    /// (the day before it: on the due day itself a report is already late). Zero days means no automatic reminders.
    public static func remindsAutomatically(today: Day, due: Day, daysBefore: Int) -> Bool {
        guard daysBefore > 0 else { return false }
        return due.adding(days: -daysBefore) <= today && today <= lastDayOnTime(due)
    }
}

extension Day {
    /// This day moved by `days` (negative: earlier).
    public func adding(days: Int) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        // Callers pass bounded day counts; a calendar that cannot answer leaves the day as it is rather than trapping.
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              let moved = calendar.date(byAdding: .day, value: days, to: date) else { return self }
        return Day(moved, timeZone: calendar.timeZone)
    }
}
