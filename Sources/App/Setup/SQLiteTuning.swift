import FluentSQLiteDriver
import SQLKit
import Vapor

/// SQLite in WAL mode (readers and a writer no longer block each other; the mode is stored in the file), with
/// `synchronous = FULL` (the figures are official: a save answered 200 survives a power cut, not only a killed process;
/// NORMAL would be faster and may lose the last commits on a power cut) and a busy timeout that waits instead of
/// spinning. fluent-sqlite-driver has no on-connect hook and keeps one connection per event loop, so
/// the per-connection settings are given to each event loop's connection when the app is configured on an existing
/// database (for `serve`, every command and the tests alike), after `Setup.prepare` has made a new one, and again after
/// `chitieu restore` reopens them.
enum SQLiteTuning {
    static let pragmas = ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA busy_timeout = 5000"]

    static func apply(_ app: Application) async throws {
        for eventLoop in app.eventLoopGroup.makeIterator() {
            guard let sql = app.databases.database(.sqlite, logger: app.logger, on: eventLoop) as? any SQLDatabase else { continue }
            for pragma in Self.pragmas { try await sql.raw(SQLQueryString(pragma)).run() }
        }
    }
}
