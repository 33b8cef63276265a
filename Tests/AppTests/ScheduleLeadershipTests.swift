import Foundation
import Testing
@testable import App

extension AppTests {
    /// Several processes on one PostgreSQL: one leads the automatic reminders (an advisory lock), the others wait.
    /// Two `ScheduleLeadership` of one app stand for two processes: each holds its own connection, outside the pool.
    @Suite("Leading the reminder schedule") struct ScheduleLeadershipTests {
        @Test("on PostgreSQL one process leads and, once it resigns, another takes over; on SQLite every process leads")
        func oneLeads() async throws {
            try await withApp { app in
                // setup
                let first = try ScheduleLeadership(app: app, announces: false)
                let second = try ScheduleLeadership(app: app, announces: false)
                let postgres = app.settings.databaseURL != nil
                // act
                let firstLeads = await first.leads()
                let secondLeads = await second.leads()
                let firstStillLeads = await first.leads()
                await first.resign()
                let secondLeadsAfter = await second.leads()
                await second.resign()
                // validate
                #expect(firstLeads && firstStillLeads)
                #expect(secondLeads == !postgres)
                #expect(secondLeadsAfter)
            }
        }

        @Test("on PostgreSQL two processes starting together on an empty database prepare it one after the other",
              .enabled(if: ProcessInfo.processInfo.environment["DATABASE_URL"].map { !$0.isEmpty } ?? false))
        func setupInTurn() async throws {
            try await withApp(prepare: false) { app in
                // setup: an empty database
                try await app.autoRevert()
                // act: two preparations at once
                async let one = Setup.prepare(app)
                async let two = Setup.prepare(app)
                let reports = try await [one, two]
                // validate: one loaded the plan and made the first administrator, the other found them
                #expect(reports.filter { $0.planLoaded != nil }.count == 1)
                #expect(reports.filter { $0.firstAdmin != nil }.count == 1)
            }
        }
    }
}
