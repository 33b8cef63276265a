import ConsoleKit
import Fluent
import Foundation
import Planning
import Vapor
@testable import App

/// A mailer that keeps the mails instead of sending them.
final class RecordingMailer: Mailer, @unchecked Sendable {
    private let lock = NSLock()
    private var _mails: [Mail] = []

    var channel: String { "log" }
    var mails: [Mail] { lock.withLock { _mails } }

    func send(_ mails: [Mail], logger: Logger) async { lock.withLock { _mails += mails } }
}

/// A console that keeps the printed lines.
final class RecordingConsole: Console, @unchecked Sendable {
    private let lock = NSLock()
    private var _lines: [String] = []
    var lines: [String] { lock.withLock { _lines } }
    var userInfo: [AnySendableHashable: any Sendable] = [:]
    var size: (width: Int, height: Int) { (120, 40) }

    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) { lock.withLock { _lines.append(text.description) } }
    func clear(_ type: ConsoleClear) {}
    func report(error: String, newLine: Bool) { lock.withLock { _lines.append(error) } }
}

extension Application {
    /// A cycle of the bundled plan, opened (a draft report for every expected organisation) unless `open` is false.
    func reminderCycle(_ period: String = "2026NovS2", reminderDays: Int = 7, open: Bool = true) async throws -> CycleRecord {
        let cycle = try await Cycles.create(.init(period: period, reminderDays: reminderDays), by: .system, on: db)
        if open { try await Cycles.open(cycle, by: .system, on: db) }
        return cycle
    }

    /// Marks `organisation`'s report in `cycle` submitted, as if it had sent it.
    func submit(_ organisation: String, in cycle: CycleRecord) async throws {
        guard let found = try await ReportRecord.query(on: db).filter(\.$cycle.$id == cycle.requireID())
            .filter(\.$organisationCode == organisation).first() else { throw AppError.organisationNotFound(organisation) }
        found.state = ReportState.submitted.rawValue
        found.submittedAt = Date()
        try await found.save(on: db)
    }

    func reminders(automatic: Bool? = nil) async throws -> [ReminderRecord] {
        let query = ReminderRecord.query(on: db).sort(\.$organisationCode)
        if let automatic { query.filter(\.$automatic == automatic) }
        return try await query.all()
    }

    /// Runs `chitieu reminders ARGUMENTS…` and returns the printed lines.
    func runReminders(_ arguments: String...) async throws -> [String] {
        let console = RecordingConsole()
        var context = CommandContext(console: console, input: CommandInput(arguments: ["chitieu"] + arguments))
        context.application = self
        try await RemindersCommand().run(using: &context)
        return console.lines
    }
}

/// The Vietnamese message of an error the app would show.
func vietnameseMessage(_ error: any Error) -> String {
    (error as? AppError)?.message(.vietnamese) ?? (error as? any FeatureError)?.message(.vietnamese) ?? String(describing: error)
}
