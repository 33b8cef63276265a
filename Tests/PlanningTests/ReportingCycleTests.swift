import Foundation
import Testing
@testable import Planning

@Suite("Reporting cycles") struct ReportingCycleTests {
    @Test("preset dates: the plan's November calendar, cut-off on the period's last day")
    func presets() throws {
        let s1 = ReportingCycleDates(try ReportingPeriod(code: "2026NovS1"), calendar: .november)
        #expect(s1 == ReportingCycleDates(start: Day(2025, 11, 1), end: Day(2026, 4, 30), cutoff: Day(2026, 4, 30), due: Day(2026, 6, 1)))
        let s2 = ReportingCycleDates(try ReportingPeriod(code: "2026NovS2"), calendar: .november)
        #expect(s2.due == Day(2026, 11, 15) && s2.cutoff == Day(2026, 10, 31))
        #expect(ReportingCycleRules.problems(s1).isEmpty && ReportingCycleRules.problems(s2).isEmpty)
    }

    @Test("incoherent dates are named", arguments: [
        (ReportingCycleDates(start: Day(2026, 5, 1), end: Day(2026, 4, 30), cutoff: Day(2026, 4, 30), due: Day(2026, 6, 1)),
         [ReportingCycleRules.Problem.endBeforeStart, .cutoffOutsidePeriod]),
        (ReportingCycleDates(start: Day(2025, 11, 1), end: Day(2026, 4, 30), cutoff: Day(2026, 5, 2), due: Day(2026, 6, 1)), [.cutoffOutsidePeriod]),
        (ReportingCycleDates(start: Day(2025, 11, 1), end: Day(2026, 4, 30), cutoff: Day(2026, 4, 30), due: Day(2026, 4, 29)), [.dueBeforeCutoff]),
        (ReportingCycleDates(start: Day(2025, 11, 1), end: Day(2026, 4, 30), cutoff: Day(2026, 4, 30), due: Day(2026, 4, 30)), []),
    ])
    func dateProblems(dates: ReportingCycleDates, expected: [ReportingCycleRules.Problem]) {
        #expect(ReportingCycleRules.problems(dates) == expected)
    }

    @Test("planned → open → closed, and nothing else")
    func states() {
        #expect(ReportingCycleRules.open(.planned) == .success(.open))
        #expect(ReportingCycleRules.open(.open) == .failure(.notFromState(action: "open", state: .open)))
        #expect(ReportingCycleRules.open(.closed) == .failure(.notFromState(action: "open", state: .closed)))
        #expect(ReportingCycleRules.close(.open) == .success(.closed))
        #expect(ReportingCycleRules.close(.planned) == .failure(.notFromState(action: "close", state: .planned)))
        #expect(ReportingCycleRules.close(.closed) == .failure(.notFromState(action: "close", state: .closed)))
        #expect(ReportingCycleRules.mayEditDates(.planned) && ReportingCycleRules.mayEditDates(.open) && !ReportingCycleRules.mayEditDates(.closed))
    }

    /// "Trước ngày 01 tháng 6": on time through 31 May in Việt Nam (UTC+7), late from 00:00 on 1 June there —
    /// which is 17:00 UTC on 31 May.
    @Test("a report is on time until the due day begins in Việt Nam (UTC+7), late from its first instant", arguments: [
        // 23:59:59.999 on 31/05/2026 in Hà Nội = 2026-05-31T16:59:59.999Z: on time.
        (Day(2026, 6, 1), 1_780_246_799.999, false),
        // 00:00:00 on 01/06/2026 in Hà Nội = 2026-05-31T17:00:00Z: late.
        (Day(2026, 6, 1), 1_780_246_800, true),
        // 07:00 on 01/06/2026 in Hà Nội = 2026-06-01T00:00:00Z, the start of the due day in UTC: late already.
        (Day(2026, 6, 1), 1_780_272_000, true),
        // A month early: on time.
        (Day(2026, 6, 1), 1_780_246_800 - 86_400 * 30, false),
        // "trước ngày 15 tháng 11": 23:59:59.999 on 14/11/2026 in Hà Nội = 2026-11-14T16:59:59.999Z on time, 17:00Z late.
        (Day(2026, 11, 15), 1_794_675_599.999, false),
        (Day(2026, 11, 15), 1_794_675_600, true),
    ] as [(Day, Double, Bool)])
    func lateness(due: Day, submittedAt seconds: Double, late: Bool) {
        let submittedAt = Date(timeIntervalSince1970: seconds)
        #expect(ReportingCycleRules.isLate(submittedAt, due: due) == late)
    }

    @Test("the deadline is the due day's first instant in Việt Nam, and the last day on time the day before")
    func deadline() {
        #expect(ReportingCycleRules.deadline(Day(2026, 6, 1)) == Date(timeIntervalSince1970: 1_780_246_800))
        #expect(Day(ReportingCycleRules.deadline(Day(2026, 6, 1))) == Day(2026, 6, 1))
        #expect(Day(ReportingCycleRules.deadline(Day(2026, 6, 1)).addingTimeInterval(-0.001)) == Day(2026, 5, 31))
        #expect(ReportingCycleRules.lastDayOnTime(Day(2026, 6, 1)) == Day(2026, 5, 31))
        #expect(ReportingCycleRules.lastDayOnTime(Day(2027, 1, 1)) == Day(2026, 12, 31))
    }

    @Test("automatic reminders run from N days before the due day up to the day before it; zero days means none", arguments: [
        (Day(2026, 5, 24), 7, false), (Day(2026, 5, 25), 7, true), (Day(2026, 5, 31), 7, true), (Day(2026, 6, 1), 7, false),
        (Day(2026, 6, 2), 7, false), (Day(2026, 5, 31), 0, false), (Day(2026, 5, 31), 1, true), (Day(2026, 5, 30), 1, false),
    ])
    func reminders(today: Day, days: Int, expected: Bool) {
        #expect(ReportingCycleRules.remindsAutomatically(today: today, due: Day(2026, 6, 1), daysBefore: days) == expected)
    }

    @Test("days move across months and years", arguments: [
        (Day(2026, 3, 1), -1, Day(2026, 2, 28)), (Day(2024, 3, 1), -1, Day(2024, 2, 29)), (Day(2025, 12, 31), 1, Day(2026, 1, 1)),
        (Day(2026, 6, 1), -7, Day(2026, 5, 25)), (Day(2026, 6, 1), 0, Day(2026, 6, 1)),
    ])
    func adding(day: Day, days: Int, expected: Day) {
        #expect(day.adding(days: days) == expected)
    }
}
