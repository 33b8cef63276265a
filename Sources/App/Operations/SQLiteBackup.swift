import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

/// The SQLite half of `DatabaseBackup`.
enum SQLiteBackup {
    /// `VACUUM INTO` through the app's own connection: SQLite copies one consistent snapshot (a reader's view, so
    /// writers go on, in WAL mode too), then the copy is checked.
    static func vacuum(into partial: String, on db: any Database, app: Application) async throws -> (entries: Int, last: Int) {
        guard let sql = db as? any SQLDatabase else { throw OperationsError.badDatabaseURL }
        try await sql.raw("VACUUM INTO \(bind: partial)").run()
        return try await check(partial, app: app)
    }

    /// Opens a backup file on its own connection: `PRAGMA integrity_check` must answer ok and the change log must be
    /// there; gives its number of entries and last sequence number.
    @discardableResult
    static func check(_ path: String, app: Application) async throws -> (entries: Int, last: Int) {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: app.logger)
        do {
            let sql = connection.sql()
            let answer = try await sql.raw("PRAGMA integrity_check").all().compactMap { try? $0.decode(column: "integrity_check", as: String.self) }
            guard answer == ["ok"] else { throw OperationsError.backupDamaged(path: path, detail: answer.prefix(3).joined(separator: "; ")) }
            let end: (Int, Int)
            do { end = try await DatabaseBackup.auditEnd(on: sql) } catch {
                throw OperationsError.backupDamaged(path: path, detail: "audit_log: \(error)")
            }
            try await connection.close()
            return end
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Puts the backup at `target` if nothing is there (no file, an empty file, or no tables); with `force`, the
    /// database there is moved aside first (returned), never deleted. The server must be stopped.
    static func restore(_ source: String, into target: String, force: Bool, app: Application) async throws -> String? {
        try await check(source, app: app)
        let fileManager = FileManager.default
        let companions = ["", "-wal", "-shm", "-journal"]
        var previous: String?
        let tables = try await tableCount(target, app: app)
        if tables > 0 {
            guard force else { throw OperationsError.databaseNotEmpty(database: target, tables: tables) }
        }
        // The app's connections were opened on the file that is there (`SQLiteTuning`, at configure); they would go on
        // reading it. Closed now (SQLite ends its journal files as they close), they open on the restored file at their
        // next use, tuned again.
        await closeConnections(app)
        if tables > 0 {
            let aside = target + ".before-restore-" + stamp()
            for suffix in companions where fileManager.fileExists(atPath: target + suffix) {
                try fileManager.moveItem(atPath: target + suffix, toPath: aside + suffix)
            }
            previous = aside
        } else {
            // An empty database's journal files belong to it, not to the backup: SQLite would replay them into it.
            for suffix in companions where fileManager.fileExists(atPath: target + suffix) { try fileManager.removeItem(atPath: target + suffix) }
        }
        let folder = (target as NSString).deletingLastPathComponent
        let partial = folder + "/.\((target as NSString).lastPathComponent).\(UUID().uuidString).partial"
        defer { try? fileManager.removeItem(atPath: partial) }
        try fileManager.copyItem(atPath: source, toPath: partial)
        try fileManager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: partial)
        try fileManager.moveItem(atPath: partial, toPath: target)
        try await SQLiteTuning.apply(app)
        return previous
    }

    /// Closes every pooled SQLite connection of `app` (off the cooperative pool: Fluent's shutdown waits).
    private static func closeConnections(_ app: Application) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                app.databases.reinitialize(.sqlite)
                done.resume()
            }
        }
    }

    /// Tables in the SQLite file at `path` (0 when there is no file or it is empty), read without creating it.
    static func tableCount(_ path: String, app: Application) async throws -> Int {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size > 0 else { return 0 }
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: app.logger)
        let tables: Int
        do {
            let row = try await connection.sql().raw("SELECT COUNT(*) AS tables FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").first()
            tables = try row?.decode(column: "tables", as: Int.self) ?? 0
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
        return tables
    }

    static func stamp(_ date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }
}
