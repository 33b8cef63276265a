import Fluent
import Foundation
import SQLKit
import Vapor

/// The PostgreSQL half of `DatabaseBackup`: `pg_dump` and `pg_restore` with the app's `DATABASE_URL`.
enum PostgresBackup {
    /// `pg_dump -Fc` on a snapshot exported from a REPEATABLE READ transaction, in which the change log is counted:
    /// the counts printed are exactly those of the file, however many writes go on meanwhile.
    static func dump(_ url: String, to path: String, on db: any Database) async throws -> (entries: Int, last: Int) {
        guard let info = PostgresConnectionInfo(url) else { throw OperationsError.badDatabaseURL }
        guard let tool = ExternalTool.find("pg_dump", environmentOverride: "PG_DUMP") else { throw OperationsError.toolMissing("pg_dump") }
        return try await db.transaction { tx in
            guard let sql = tx as? any SQLDatabase else { throw OperationsError.badDatabaseURL }
            try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").run()
            let snapshot = try await sql.raw("SELECT pg_export_snapshot() AS snapshot").first()?.decode(column: "snapshot", as: String.self) ?? ""
            let end = try await DatabaseBackup.auditEnd(on: sql)
            let outcome = try await tool.run(["--format=custom", "--no-owner", "--no-privileges", "--snapshot=\(snapshot)",
                                              "--file=\(path)", "--dbname=\(info.uri)"], environment: info.environment)
            guard outcome.status == 0 else { throw OperationsError.toolFailed(tool: "pg_dump", status: outcome.status, errors: outcome.errors) }
            return end
        }
    }

    /// `pg_restore` in one transaction (all or nothing) into a database without tables; with `force` into one with
    /// tables, dropping the backup's own tables first (`--clean --if-exists`).
    static func restore(_ path: String, into url: String, force: Bool, on db: any Database) async throws {
        guard let info = PostgresConnectionInfo(url) else { throw OperationsError.badDatabaseURL }
        guard let tool = ExternalTool.find("pg_restore", environmentOverride: "PG_RESTORE") else { throw OperationsError.toolMissing("pg_restore") }
        let tables = try await tableCount(on: db)
        guard tables == 0 || force else { throw OperationsError.databaseNotEmpty(database: info.database, tables: tables) }
        let clean = tables > 0 ? ["--clean", "--if-exists"] : []
        let outcome = try await tool.run(["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"] + clean
                                         + ["--dbname=\(info.uri)", path], environment: info.environment)
        guard outcome.status == 0 else { throw OperationsError.toolFailed(tool: "pg_restore", status: outcome.status, errors: outcome.errors) }
    }

    /// Tables in the database's current schema.
    static func tableCount(on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        let row = try await sql.raw("SELECT COUNT(*) AS tables FROM information_schema.tables WHERE table_schema = current_schema()").first()
        return try row?.decode(column: "tables", as: Int.self) ?? 0
    }
}
