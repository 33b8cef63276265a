import FluentPostgresDriver
import Vapor

/// PostgreSQL advisory locks for what must happen in one process at a time when several `chitieu serve` share one
/// database: preparing the database at start, and running the automatic reminders. Each lock lives on a connection of
/// its own, outside the pool (a pooled connection goes back to the pool; a lock must stay with its holder), so a
/// process that dies loses its connection and with it the lock. On SQLite (one process per file) every lock is owned.
enum AdvisoryLock {
    /// The keys (the change log's chain uses 4242 in transactions).
    static let setupKey: Int64 = 4240
    static let reminderScheduleKey: Int64 = 4241

    static func configuration(_ databaseURL: String?) throws -> PostgresConnection.Configuration? {
        guard let databaseURL else { return nil }
        return try SQLPostgresConfiguration(url: databaseURL).coreConfiguration
    }

    /// Runs `body` holding the lock `key`, waiting for another process that holds it; on SQLite just runs it.
    static func holding<T: Sendable>(_ key: Int64, app: Application, _ body: @Sendable () async throws -> T) async throws -> T {
        guard let configuration = try configuration(app.settings.databaseURL) else { return try await body() }
        let connection = try await PostgresConnection.connect(on: app.eventLoopGroup.any(), configuration: configuration, id: 1, logger: app.logger)
        do {
            try await connection.query("SELECT pg_advisory_lock(\(key))", logger: app.logger)
            let result = try await body()
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

/// Whether this process runs the automatic reminders: it leads while it holds `AdvisoryLock.reminderScheduleKey`.
/// A process that does not lead asks again at each check, so when the leader stops, another takes over.
actor ScheduleLeadership {
    private let configuration: PostgresConnection.Configuration?
    private let eventLoop: any EventLoop
    private let logger: Logger
    private let announces: Bool
    private var connection: PostgresConnection?
    /// The answer of the last check, to log changes only.
    private(set) var leading: Bool?

    /// `announces`: log each change of leadership (a server does; a one-off command does not).
    init(app: Application, announces: Bool = true) throws {
        configuration = try AdvisoryLock.configuration(app.settings.databaseURL)
        eventLoop = app.eventLoopGroup.any()
        logger = app.logger
        self.announces = announces
    }

    /// Keeps the lock this process holds (its connection still answers), or tries to take it.
    func leads() async -> Bool {
        let now = await check()
        if now != leading, announces {
            logger.notice(now ? "Tiến trình này chạy lịch nhắc tự động (giữ khoá PostgreSQL \(AdvisoryLock.reminderScheduleKey))."
                              : "Lịch nhắc tự động đang chạy ở tiến trình khác dùng chung cơ sở dữ liệu: tiến trình này không nhắc.")
            leading = now
        }
        return now
    }

    private func check() async -> Bool {
        guard let configuration else { return true }
        if let connection {
            do {
                try await connection.query("SELECT 1", logger: logger)
                return true
            } catch {
                self.connection = nil
                try? await connection.close()
            }
        }
        do {
            let candidate = try await PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 2, logger: logger)
            var held = false
            for try await value in try await candidate.query("SELECT pg_try_advisory_lock(\(AdvisoryLock.reminderScheduleKey))", logger: logger)
                .decode(Bool.self) { held = value }
            if held {
                connection = candidate
            } else {
                try? await candidate.close()
            }
            return held
        } catch {
            logger.warning("Không kiểm tra được khoá của lịch nhắc tự động: \(String(reflecting: error))")
            return false
        }
    }

    /// Lets another process take over (at shutdown).
    func resign() async {
        if let connection { try? await connection.close() }
        connection = nil
    }
}
