import Foundation
import Planning
import Vapor

/// Automatic reminders while the server runs: the automatic pass soon after start, then every
/// `REMINDER_CHECK_MINUTES`. `Reminders.runAutomatic` sends at most one automatic reminder per organisation
/// and cycle a day, so a restart or a second pass on the same day sends nothing twice. With several processes on one
/// PostgreSQL, only the one that leads (`ScheduleLeadership`, an advisory lock) runs the passes.
struct ReminderSchedule: LifecycleHandler {
    let task: Task<Void, Never>
    let leadership: ScheduleLeadership

    /// Starts the checks (from `serve`, once the server listens) and stops them when the app shuts down.
    static func start(on app: Application, firstAfter delay: Duration = .seconds(10), every interval: Duration) throws {
        let leadership = try ScheduleLeadership(app: app)
        let task = Task {
            do {
                try await Task.sleep(for: delay)
                while true {
                    if await leadership.leads() { await check(app) }
                    try await Task.sleep(for: interval)
                }
            } catch {
                // Cancelled: the app is shutting down.
            }
        }
        app.lifecycle.use(ReminderSchedule(task: task, leadership: leadership))
    }

    /// One automatic pass; a failure is logged and the next pass tries again.
    static func check(_ app: Application) async {
        do {
            for (period, outcome) in try await Reminders.automaticPass(app: app, today: Day(Date())) {
                app.logger.notice("Nhắc tự động kỳ \(period): \(outcome.organisations.joined(separator: ", ")) — \(outcome.recipients) người nhận (\(outcome.channel)).")
            }
        } catch {
            let reason = (error as? any FeatureError)?.message(.vietnamese) ?? String(describing: error)
            app.logger.error("Nhắc tự động không chạy được: \(reason)")
        }
    }

    func shutdownAsync(_ application: Application) async {
        task.cancel()
        await task.value
        await leadership.resign()
    }

    func shutdown(_ application: Application) {
        task.cancel()
    }
}
