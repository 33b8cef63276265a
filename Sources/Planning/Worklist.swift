import Foundation

/// Việc cần làm — what each role's home page puts in front of it. The page gathers the facts; these rules decide
/// what they mean (how long is left, what the unit's next step is, which set-up steps remain).
public enum Worklist {
    /// Where a report stands against its due day ("trước ngày": on time until the end of the day before).
    public enum Standing: Sendable, Equatable {
        /// `days` whole days left, counting today (1: today is the last day on time).
        case daysLeft(Int)
        /// Late by `days` days (1: the due day itself).
        case overdue(Int)
    }

    /// - Parameters:
    ///   - today: the current day in Việt Nam.
    ///   - due: the cycle's due day; a report is late from its first instant.
    public static func standing(today: Day, due: Day) -> Standing {
        let left = Day.daysBetween(today, due)
        return left > 0 ? .daysLeft(left) : .overdue(1 - left)
    }

    /// The next thing a unit's account does with its report.
    public enum Step: String, Sendable, Equatable, CaseIterable {
        /// Enter the values (a draft) and send.
        case fill
        /// Correct what was sent back, then send again.
        case fix
        /// The unit head reads, signs and sends (or returns it to the reporter).
        case sign
        /// Waiting for the head's signature (the reporter has nothing to do).
        case awaitHead
        /// The head waits for the reporter to fill or fix it and send it up.
        case awaitReporter
        /// With the Department: nothing to do until it is approved or returned.
        case awaitReview
        /// Approved or locked: done.
        case done
    }

    /// What the unit does next: a reporter fills or fixes; a head signs what waits for it.
    public static func step(_ state: ReportState, role: Role) -> Step {
        switch state {
        case .draft: role == .unitHead ? .awaitReporter : .fill
        case .returned: role == .unitHead ? .awaitReporter : .fix
        case .awaitingHead: role == .unitHead ? .sign : .awaitHead
        case .submitted: .awaitReview
        case .approved, .locked: .done
        }
    }

    /// Whether the unit still has to act on it before the due day (so the days left matter).
    public static func isOutstanding(_ state: ReportState) -> Bool {
        state == .draft || state == .returned || state == .awaitingHead
    }

    /// A report the Department is still waiting for: not sent (draft, returned, awaiting the head's signature).
    /// "Not started" is a draft nobody has saved yet.
    public enum Chase: String, Sendable, Equatable {
        case notStarted, inProgress, returned, awaitingHead
    }

    public static func chase(_ state: ReportState, version: Int) -> Chase? {
        switch state {
        case .draft: version <= 1 ? .notStarted : .inProgress
        case .returned: .returned
        case .awaitingHead: .awaitingHead
        case .submitted, .approved, .locked: nil
        }
    }

    /// Bước khởi đầu — the administrator's first-run steps, in order.
    public enum SetupStep: String, Sendable, CaseIterable {
        /// The plan (Appendix I) is loaded.
        case plan
        /// The real units are loaded (not only the demo list).
        case units
        /// Accounts exist beyond the first administrator.
        case accounts
        /// A reporting cycle is open.
        case cycle
    }

    public struct SetupFacts: Sendable, Equatable {
        public var plans: Int
        /// Active organisations that are not demo data, beyond the Department and its offices.
        public var realUnits: Int
        /// Active accounts other than administrators.
        public var accounts: Int
        public var openCycles: Int

        public init(plans: Int, realUnits: Int, accounts: Int, openCycles: Int) {
            self.plans = plans
            self.realUnits = realUnits
            self.accounts = accounts
            self.openCycles = openCycles
        }
    }

    /// Each set-up step and whether it is done, in the order they should be taken.
    public static func setup(_ facts: SetupFacts) -> [(step: SetupStep, done: Bool)] {
        SetupStep.allCases.map { step in
            switch step {
            case .plan: (step, facts.plans > 0)
            case .units: (step, facts.realUnits > 0)
            case .accounts: (step, facts.accounts > 0)
            case .cycle: (step, facts.openCycles > 0)
            }
        }
    }
}

extension Day {
    /// Whole days from `a` to `b` (negative when `b` is earlier); 0 for the same day.
    public static func daysBetween(_ a: Day, _ b: Day) -> Int {
        b.ordinal - a.ordinal
    }

    /// Days since 1 March of year 0 in the proleptic Gregorian calendar (a civil-from-days count, no calendar object).
    var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shifted = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shifted + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra
    }
}
