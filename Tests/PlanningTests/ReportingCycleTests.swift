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

    @Test("a report is late from the first second after the due day ends in Việt Nam (UTC+7)")
    func lateness() {
        let due = Day(2026, 6, 1)
        // 23:59:59 on 1 June in Hà Nội is 16:59:59 UTC.
        let lastSecond = Date(timeIntervalSince1970: 1_780_333_199)
        #expect(Day(lastSecond) == due)
        #expect(!ReportingCycleRules.isLate(lastSecond, due: due))
        #expect(ReportingCycleRules.isLate(lastSecond.addingTimeInterval(1), due: due))
        #expect(!ReportingCycleRules.isLate(lastSecond.addingTimeInterval(-86_400 * 30), due: due))
    }

    @Test("automatic reminders run from N days before the due day up to it; zero days means none", arguments: [
        (Day(2026, 5, 24), 7, false), (Day(2026, 5, 25), 7, true), (Day(2026, 6, 1), 7, true), (Day(2026, 6, 2), 7, false),
        (Day(2026, 6, 1), 0, false), (Day(2026, 5, 31), 1, true),
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
