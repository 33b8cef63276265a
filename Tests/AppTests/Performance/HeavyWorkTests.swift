import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Heavy work and SQLite settings") struct HeavyWorkTests {
        @Test("heavy requests beyond the running ones and the queue are refused at once, and the slots come back")
        func limiter() async throws {
            // setup: one slot, one place in the queue
            let limiter = WorkLimiter(capacity: 1, queueLimit: 1)
            // act
            let first = await limiter.enter()
            let queued = Task { await limiter.enter() }
            while await limiter.queued == 0 { await Task.yield() }
            let refused = await limiter.enter()
            await limiter.leave()
            let second = await queued.value
            await limiter.leave()
            let again = await limiter.enter()
            // validate
            #expect(first && second && again)
            #expect(!refused, "a full queue answers at once")
            #expect(await limiter.running == 1)
        }

        @Test("a heavy page answers 503 with Retry-After when nothing may run; /health still answers")
        func busy() async throws {
            try await withApp { app in
                // setup: no slot at all for heavy work
                let blocker = HeavyWork(capacity: 1, queueLimit: 0)
                _ = await blocker.limiter.enter()
                app.heavyWork = blocker
                // act
                let dashboard = try await app.get("/dashboard", as: .leadership)
                let evaluation = try await app.get("/api/v1/evaluation", as: .leadership)
                let health = try await app.get("/health", as: nil)
                // validate
                #expect(dashboard.status == .serviceUnavailable, "a dashboard not kept yet is rendered within the limits")
                #expect(dashboard.headers.first(name: .retryAfter) == "5")
                #expect(evaluation.status == .serviceUnavailable)
                #expect(health.status == .ok)
            }
        }

        @Test("freed memory goes back to the system once, a second after the last request, and never while busy")
        func idleTrim() async throws {
            // setup
            let idle = IdleMemory(), busy = IdleMemory()
            // act: two idle moments in a row (the second replaces the first); one whose check finds a request in flight
            idle.becameIdle { true }
            idle.becameIdle { true }
            busy.becameIdle { false }
            let deadline = ContinuousClock.now + .seconds(20)
            while idle.trims == 0 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
            try await Task.sleep(for: .seconds(1.5))
            // validate
            #expect(idle.trims == 1)
            #expect(busy.trims == 0)
        }

        @Test("SQLite runs in WAL mode")
        func wal() async throws {
            try await withApp { app in
                guard app.settings.databaseURL == nil else { return }
                // act
                let sql = try #require(app.db as? any SQLDatabase)
                let mode = try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
                // validate
                #expect(mode == "wal")
            }
        }
    }
}
