import Fluent
import Foundation
import Planning
@testable import App

/// Cycles and reports made directly in the database, in a given state, for tests that act on them.
enum ReportFixtures {
    nonisolated(unsafe) private static var counter = 0

    /// A fresh period code no other test uses (years far ahead).
    static func freshPeriod() -> String {
        counter += 1
        return "\(2200 + counter)NovS1"
    }

    static func planCode(on db: any Database) async throws -> String {
        try await PlanQueries.resolve(nil, on: db).code
    }

    /// A cycle in `state` with the November calendar's dates for `period`.
    static func cycle(_ state: CycleState, period: String? = nil, due: Day? = nil, reminderDays: Int = 7, on db: any Database) async throws -> CycleRecord {
        let code = period ?? freshPeriod()
        let cycle = CycleRecord()
        cycle.planCode = try await planCode(on: db)
        cycle.periodCode = code
        cycle.calendar = "november"
        var dates = ReportingCycleDates(try ReportingPeriod(code: code), calendar: .november)
        if let due { dates.due = due }
        cycle.setDates(dates)
        cycle.state = state.rawValue
        cycle.reminderDays = reminderDays
        try await cycle.create(on: db)
        return cycle
    }

    /// A report of `organisation` in `state` in a fresh cycle (closed for locked reports, open otherwise); `filled` gives every
    /// indicator the organisation reports a valid value.
    static func report(_ organisation: String, _ state: ReportState = .draft, filled: Bool = false, cycleState: CycleState? = nil,
                       on db: any Database) async throws -> ReportRecord {
        let cycle = try await cycle(cycleState ?? (state == .locked ? .closed : .open), on: db)
        let report = ReportRecord(cycleID: try cycle.requireID(), organisationCode: organisation)
        report.state = state.rawValue
        if state != .draft && state != .awaitingHead { report.submittedAt = Date() }
        try await report.create(on: db)
        if filled || state != .draft { try await fill(report, on: db) }
        return report
    }

    /// A valid value for every indicator the report's organisation reports.
    static func fill(_ report: ReportRecord, on db: any Database) async throws {
        guard let organisation = try await OrganisationRecord.query(on: db).filter(\.$code == report.organisationCode).first()?.toDomain() else { throw MissingFixture() }
        let (_, all) = try await IndicatorQueries.list(.init(plan: nil), on: db)
        for indicator in ReportingScope.indicators(all, reportedBy: organisation) {
            let value = ReportValueRecord(reportID: try report.requireID(), indicatorCode: indicator.code)
            value.set(entry(for: indicator))
            try await value.create(on: db)
        }
    }

    static func entry(for indicator: Indicator) -> ValueEntry {
        switch indicator.measure {
        case .ratio: ValueEntry(numerator: 40, denominator: 50)
        case .count: ValueEntry(amount: 2)
        case .shareOfUnits: ValueEntry(answer: true)
        case .level: ValueEntry(level: indicator.scale.last)
        }
    }
}

private struct MissingFixture: Error {}

