import Fluent
import Foundation
import Planning
import Vapor

/// Reminders to organisations that have not submitted: an in-app notice to each of their people, and an
/// e-mail when SMTP is configured (otherwise the e-mail is written to the log).
enum Reminders {
    struct Outcome: Content {
        var organisations: [String]
        var recipients: Int
        /// Organisations that have no account to receive the reminder: nobody was reached there.
        var unreached: [String]
        var channel: String
    }

    /// Reports still waiting for the unit: never submitted, returned and not yet sent again, or awaiting the unit
    /// head's signature (not yet with the Department).
    static func pending(_ cycle: CycleRecord, on db: any Database) async throws -> [ReportRecord] {
        try await ReportRecord.query(on: db).filter(\.$cycle.$id == cycle.requireID())
            .filter(\.$state ~~ [ReportState.draft, .awaitingHead, .returned].map(\.rawValue)).sort(\.$organisationCode).all()
    }

    /// Sends reminders for `cycle` to `organisations` (nil: every one that has not submitted). They count for
    /// `day` (default: today in Việt Nam).
    static func send(_ cycle: CycleRecord, to organisations: [String]?, automatic: Bool, by actor: Actor, app: Application,
                     on db: any Database, now: Date = Date(), day: Day? = nil) async throws -> Outcome {
        guard cycle.cycleState == .open else { throw ReminderError.cycleNotOpen(period: cycle.periodCode, state: cycle.cycleState) }
        let reports = try await pending(cycle, on: db)
        let waiting = reports.map(\.organisationCode)
        let awaitingHead = Set(reports.filter { $0.reportState == .awaitingHead }.map(\.organisationCode))
        if let organisations, let done = organisations.first(where: { !waiting.contains($0) }) {
            throw ReminderError.notWaiting(done)
        }
        let targets = organisations ?? waiting
        let mailer = app.mailer
        let due = cycle.dates.due.vietnamese
        let (mails, count, unreached) = try await db.writing { tx -> ([Mail], Int, [String]) in
            var mails: [Mail] = []
            var count = 0
            var unreached: [String] = []
            for code in targets {
                // Whoever holds the report: its reporters, or the unit head when it awaits his signature.
                let users = awaitingHead.contains(code) ? try await UnitHeads.of(code, on: tx)
                    : try await Notifications.recipients(of: code, offices: try await departmentOffices(code, cycle, on: tx), on: tx)
                let vi = "Nhắc nộp báo cáo kỳ \(cycle.periodCode): hạn nộp trước ngày \(due). Đơn vị chưa gửi báo cáo."
                let en = "Reminder: the \(cycle.periodCode) report is due before \(due) and has not been submitted."
                try await Notifications.notify(users, kind: "reminder", vietnamese: vi, english: en, link: "/reports?cycle=\(try cycle.requireID())", on: tx, now: now)
                let record = ReminderRecord()
                record.cycleID = try cycle.requireID()
                record.organisationCode = code
                record.sentOn = (day ?? Day(now)).iso
                record.sentAt = now
                record.automatic = automatic
                record.actor = actor.name
                record.recipients = users.count
                record.channel = mailer.channel
                try await record.create(on: tx)
                count += users.count
                if users.isEmpty { unreached.append(code) }
                mails += users.map { Mail(to: $0.email, subject: "[chitieu] " + vi, body: vi + "\n\n" + en) }
            }
            return (mails, count, unreached)
        }
        await mailer.send(mails, logger: app.logger)
        return Outcome(organisations: targets, recipients: count, unreached: unreached, channel: mailer.channel)
    }

    /// The Department's report is filled in by the lead offices of its indicators: they get its reminders.
    private static func departmentOffices(_ code: String, _ cycle: CycleRecord, on db: any Database) async throws -> [String] {
        guard code == Directory.department.code else { return [] }
        let (_, indicators) = try await IndicatorQueries.list(.init(plan: cycle.planCode), on: db)
        return Array(Set(indicators.filter { $0.reporters == .department }.flatMap(\.leadOffices))).sorted()
    }

    /// The automatic pass: for each open cycle inside its reminder window, remind every organisation that has not
    /// submitted and was not reminded automatically today. Returns how many organisations were reminded.
    @discardableResult
    static func runAutomatic(app: Application, today: Day = Day(Date()), now: Date = Date()) async throws -> Int {
        try await automaticPass(app: app, today: today, now: now).reduce(0) { $0 + $1.outcome.organisations.count }
    }

    /// The automatic pass, cycle by cycle: what was sent for which period.
    static func automaticPass(app: Application, today: Day = Day(Date()), now: Date = Date()) async throws -> [(period: String, outcome: Outcome)] {
        var sent: [(period: String, outcome: Outcome)] = []
        for cycle in try await CycleRecord.query(on: app.db).filter(\.$state == CycleState.open.rawValue).all() {
            guard ReportingCycleRules.remindsAutomatically(today: today, due: cycle.dates.due, daysBefore: cycle.reminderDays) else { continue }
            let already = Set(try await ReminderRecord.query(on: app.db).filter(\.$cycleID == cycle.requireID())
                .filter(\.$automatic == true).filter(\.$sentOn == today.iso).all().map(\.organisationCode))
            let due = try await pending(cycle, on: app.db).map(\.organisationCode).filter { !already.contains($0) }
            guard !due.isEmpty else { continue }
            let outcome = try await send(cycle, to: due, automatic: true, by: .system, app: app, on: app.db, now: now, day: today)
            sent.append((cycle.periodCode, outcome))
        }
        return sent
    }
}

enum ReminderError: FeatureError {
    case notWaiting(String)
    case cycleNotOpen(period: String, state: CycleState)

    var status: HTTPResponseStatus { .conflict }

    func message(_ language: Language) -> String {
        switch self {
        case .notWaiting(let code):
            language == .vietnamese ? "\(code) không có báo cáo đang chờ gửi trong đợt này: không cần nhắc."
                                    : "\(code) has no report waiting to be submitted in this cycle: no reminder needed."
        case .cycleNotOpen(let period, let state):
            language == .vietnamese ? "Đợt báo cáo \(period) không đang mở (trạng thái «\(Localizer.text("cycle.state.\(state.rawValue)", language))»): không gửi được lời nhắc."
                                    : "The \(period) cycle is not open (it is «\(Localizer.text("cycle.state.\(state.rawValue)", language))»): no reminders can be sent."
        }
    }
}
