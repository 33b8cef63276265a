import Fluent
import SQLKit

extension Database {
    /// A transaction that writes. On SQLite its first statement takes the write lock (a write that changes nothing),
    /// waiting for it up to the busy timeout: a transaction that first reads and only then writes would fail at once
    /// with "database is locked" if another connection — a second event loop, `chitieu import`, another command —
    /// committed in between (WAL cannot move a reader's snapshot forward). The crash-safety check found it: an
    /// import started while the server saved reports failed by itself. On PostgreSQL: `transaction` as it is.
    func writing<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await transaction { tx in
            if let sql = tx as? any SQLDatabase, sql.dialect.name == "sqlite" {
                try await sql.raw("DELETE FROM _fluent_migrations WHERE 1 = 0").run()
            }
            return try await body(tx)
        }
    }
}
