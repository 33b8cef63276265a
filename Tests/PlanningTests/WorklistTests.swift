import Testing
@testable import Planning

@Suite("Home worklists") struct WorklistTests {
    @Test("days left count today; the due day itself is already late (\"trước ngày\")", arguments: [
        (Day(2026, 11, 10), Day(2026, 11, 15), Worklist.Standing.daysLeft(5)),
        (Day(2026, 11, 14), Day(2026, 11, 15), .daysLeft(1)),
        (Day(2026, 11, 15), Day(2026, 11, 15), .overdue(1)),
        (Day(2026, 11, 20), Day(2026, 11, 15), .overdue(6)),
        (Day(2026, 12, 31), Day(2027, 1, 1), .daysLeft(1)),
        (Day(2028, 2, 28), Day(2028, 3, 1), .daysLeft(2)),
        (Day(2027, 2, 28), Day(2027, 3, 1), .daysLeft(1)),
        (Day(2026, 5, 1), Day(2026, 6, 1), .daysLeft(31)),
    ])
    func standing(today: Day, due: Day, expected: Worklist.Standing) {
        #expect(Worklist.standing(today: today, due: due) == expected)
    }

    @Test("day counts agree with adding days across years, leap years and centuries")
    func daysBetweenAgreesWithAdding() {
        // setup
        let starts = [Day(1999, 12, 31), Day(2000, 2, 28), Day(2024, 2, 29), Day(2100, 2, 27), Day(2045, 6, 1)]
        for start in starts {
            for offset in [-400, -31, -1, 0, 1, 29, 365, 366, 1461] {
                // act
                let other = start.adding(days: offset)
                // validate
                #expect(Day.daysBetween(start, other) == offset, "\(start) + \(offset) = \(other)")
            }
        }
    }

    @Test("the unit's next step by state and role", arguments: [
        (ReportState.draft, Role.unitReporter, Worklist.Step.fill),
        (.returned, .unitReporter, .fix),
        (.awaitingHead, .unitReporter, .awaitHead),
        (.submitted, .unitReporter, .awaitReview),
        (.approved, .unitReporter, .done),
        (.locked, .unitReporter, .done),
        (.draft, .unitHead, .awaitReporter),
        (.returned, .unitHead, .awaitReporter),
        (.awaitingHead, .unitHead, .sign),
        (.submitted, .unitHead, .awaitReview),
        (.draft, .leadOffice, .fill),
    ])
    func step(state: ReportState, role: Role, expected: Worklist.Step) {
        #expect(Worklist.step(state, role: role) == expected)
    }

    @Test("only drafts, returned reports and reports awaiting the head are outstanding; the chase names them")
    func outstandingAndChase() {
        for state in ReportState.allCases {
            #expect(Worklist.isOutstanding(state) == (Worklist.chase(state, version: 2) != nil), "\(state)")
        }
        #expect(Worklist.chase(.draft, version: 1) == .notStarted)
        #expect(Worklist.chase(.draft, version: 3) == .inProgress)
        #expect(Worklist.chase(.returned, version: 1) == .returned)
        #expect(Worklist.chase(.awaitingHead, version: 4) == .awaitingHead)
        #expect(Worklist.chase(.submitted, version: 4) == nil)
    }

    @Test("first-run steps in order, each done by its own fact", arguments: [
        (Worklist.SetupFacts(plans: 0, realUnits: 0, accounts: 0, openCycles: 0), [false, false, false, false]),
        (Worklist.SetupFacts(plans: 1, realUnits: 0, accounts: 0, openCycles: 0), [true, false, false, false]),
        (Worklist.SetupFacts(plans: 1, realUnits: 12, accounts: 0, openCycles: 0), [true, true, false, false]),
        (Worklist.SetupFacts(plans: 1, realUnits: 0, accounts: 3, openCycles: 1), [true, false, true, true]),
        (Worklist.SetupFacts(plans: 2, realUnits: 5, accounts: 40, openCycles: 2), [true, true, true, true]),
    ])
    func setup(facts: Worklist.SetupFacts, done: [Bool]) {
        let steps = Worklist.setup(facts)
        #expect(steps.map(\.step) == [.plan, .units, .accounts, .cycle])
        #expect(steps.map(\.done) == done)
    }
}
