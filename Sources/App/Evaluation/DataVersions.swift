import Fluent
import Foundation
import SQLKit

/// A data version as `CreateDataVersions` keeps it: the database's token and the counter of one kind of data.
struct DataVersion: Hashable, Sendable {
    let token: String
    let version: Int64

    /// The current version of `name` (`values`, `plan`), as committed (or as changed by the transaction `db` runs).
    static func current(_ name: String, on db: any Database) async throws -> DataVersion? {
        guard let sql = db as? any SQLDatabase,
              let row = try await sql.raw("SELECT version, token FROM data_versions WHERE name = \(bind: name)").first() else { return nil }
        return DataVersion(token: try row.decode(column: "token", as: String.self), version: try row.decode(column: "version", as: Int64.self))
    }
}

/// Values computed from the data as it was at one version. A value is served only for the version it was computed at,
/// and entries of a database's older versions are dropped as soon as a newer one is stored: never stale, bounded.
final class VersionedCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private struct Entry: Sendable {
        let version: DataVersion
        let value: Value
    }

    private let lock = NSLock()
    /// Guarded by `lock`.
    private var entries: [Key: Entry] = [:]
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func value(_ key: Key, at version: DataVersion) -> Value? {
        lock.withLock { entries[key].flatMap { $0.version == version ? $0.value : nil } }
    }

    func store(_ value: Value, _ key: Key, at version: DataVersion) {
        lock.withLock {
            entries = entries.filter { $0.value.version.token != version.token || $0.value.version.version >= version.version }
            if entries.count >= capacity { entries.removeAll() }
            entries[key] = Entry(version: version, value: value)
        }
    }

    /// The value for `key` at the current version of `name`, computed by `compute` when not cached.
    func get(_ key: Key, version name: String, on db: any Database, compute: () async throws -> Value) async throws -> Value {
        // Inside a transaction the data may differ from what its version says until it commits (or rolls back).
        guard !db.inTransaction, let version = try await DataVersion.current(name, on: db) else { return try await compute() }
        if let cached = value(key, at: version) { return cached }
        let value = try await compute()
        store(value, key, at: version)
        return value
    }
}
