import Fluent
import Foundation
import Planning
import Vapor

/// Reporting cycles: create, change dates, open (a report for every expected organisation), close (lock them all).
enum Cycles {
    struct Draft: Content {
        var plan: String?
        var period: String
        var calendar: String?
        var start: String?
        var end: String?
        var cutoff: String?
        var due: String?
        var reminderDays: Int?
    }

    struct Change: Content {
        var start: String?
        var end: String?
        var cutoff: String?
        var due: String?
        var reminderDays: Int?
    }

    static func find(_ id: UUID?, on db: any Database) async throws -> CycleRecord {
        guard let id, let cycle = try await CycleRecord.find(id, on: db) else { throw CycleError.notFound(id?.uuidString ?? "-") }
        return cycle
    }

    /// The open cycle of a plan, else the latest.
    static func current(on db: any Database) async throws -> CycleRecord? {
        let all = try await CycleRecord.query(on: db).sort(\.$periodCode, .descending).all()
        return all.first { $0.cycleState == .open } ?? all.first
    }

    static func create(_ draft: Draft, by actor: Actor, on db: any Database) async throws -> CycleRecord {
        let plan = try await PlanQueries.resolve(draft.plan, on: db)
        let code = draft.period.trimmingCharacters(in: .whitespaces)
        guard let period = try? ReportingPeriod(code: code) else { throw CycleError.invalidPeriod(draft.period) }
        let calendarName = draft.calendar.flatMap { $0.isEmpty ? nil : $0 } ?? ReportingCalendar.november.rawValue
        guard let calendar = ReportingCalendar(rawValue: calendarName) else { throw CycleError.unknownCalendar(calendarName) }
        var dates = ReportingCycleDates(period, calendar: calendar)
        try apply(.init(start: draft.start, end: draft.end, cutoff: draft.cutoff, due: draft.due), to: &dates)
        let reminderDays = try checkReminderDays(draft.reminderDays ?? 7)
        if try await CycleRecord.query(on: db).filter(\.$planCode == plan.code).filter(\.$periodCode == period.code).first() != nil {
            throw CycleError.exists(period: period.code)
        }
        let cycle = CycleRecord()
        cycle.planCode = plan.code
        cycle.periodCode = period.code
        cycle.calendar = calendar.rawValue
        cycle.setDates(dates)
        cycle.state = CycleState.planned.rawValue
        cycle.reminderDays = reminderDays
        try await db.writing { tx in
            try await cycle.create(on: tx)
            try await Audit.record(AuditChange.diff("cycle", try cycle.requireID().uuidString, old: [:], new: fields(cycle)), by: actor, on: tx)
        }
        return cycle
    }

    static func update(_ cycle: CycleRecord, with change: Change, by actor: Actor, on db: any Database) async throws {
        guard ReportingCycleRules.mayEditDates(cycle.cycleState) else {
            throw CycleError.rule(.notFromState(action: "edit", state: cycle.cycleState))
        }
        let before = fields(cycle)
        var dates = cycle.dates
        try apply(change, to: &dates)
        if let days = change.reminderDays { cycle.reminderDays = try checkReminderDays(days) }
        cycle.setDates(dates)
        try await db.writing { tx in
            try await cycle.save(on: tx)
            try await Audit.record(AuditChange.diff("cycle", try cycle.requireID().uuidString, old: before, new: fields(cycle)), by: actor, on: tx)
        }
    }

    /// Reads typed days (dd/mm/yyyy or yyyy-mm-dd) over the preset ones and checks the result.
    private static func apply(_ change: Change, to dates: inout ReportingCycleDates) throws {
        func day(_ text: String?, _ field: String) throws -> Day? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let day = DayInput.parse(text) else { throw CycleError.invalidDay(field: field, value: text) }
            return day
        }
        if let start = try day(change.start, "start") { dates.start = start }
        if let end = try day(change.end, "end") { dates.end = end }
        if let cutoff = try day(change.cutoff, "cutoff") { dates.cutoff = cutoff }
        if let due = try day(change.due, "due") { dates.due = due }
        let problems = ReportingCycleRules.problems(dates)
        if !problems.isEmpty { throw CycleError.rules(problems) }
    }

    private static func checkReminderDays(_ days: Int) throws -> Int {
        guard ReportingCycleRules.reminderDays.contains(days) else { throw CycleError.rule(.reminderDaysOutOfRange(days)) }
        return days
    }

    static func fields(_ cycle: CycleRecord) -> [String: String?] {
        ["plan": cycle.planCode, "period": cycle.periodCode, "calendar": cycle.calendar, "start": cycle.startsOn, "end": cycle.endsOn,
         "cutoff": cycle.cutoffOn, "due": cycle.dueOn, "state": cycle.state, "reminderDays": String(cycle.reminderDays)]
    }
}
