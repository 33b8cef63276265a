import Fluent
import Foundation
import Planning
import SQLKit
import Vapor

/// `chitieu backup FILE` / `chitieu restore FILE`: a consistent copy of the database taken while the server serves,
/// and its return into an empty database, with the change log checked and its anchor set to the restored end.
///
/// SQLite: `VACUUM INTO` on the app's own connection (a consistent snapshot, also in WAL mode), checked with
/// `PRAGMA integrity_check`. PostgreSQL: `pg_dump -Fc` on a snapshot exported from a REPEATABLE READ transaction,
/// so that the figures printed are those of the file; `pg_restore --single-transaction` (all or nothing).
enum DatabaseBackup {
    /// What a backup holds, printed so that a restore can be compared with it.
    struct Summary: Sendable, Equatable {
        let path: String
        let bytes: Int
        let auditEntries: Int
        let lastSequence: Int
    }

    struct RestoreSummary: Sendable {
        let auditEntries: Int
        let lastSequence: Int
        /// Where the database that was there before went (`--force` on SQLite), if anywhere.
        let previousDatabase: String?
    }

    static func backup(to destination: String, app: Application) async throws -> Summary {
        let path = absolute(destination)
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw OperationsError.folderMissing(folder)
        }
        guard !FileManager.default.fileExists(atPath: path) else { throw OperationsError.backupExists(path) }
        // Written beside the destination and renamed at the end: a half-written backup never carries the name.
        let partial = folder + "/.\((path as NSString).lastPathComponent).\(UUID().uuidString).partial"
        defer { try? FileManager.default.removeItem(atPath: partial) }
        let counts: (entries: Int, last: Int)
        if let url = app.settings.databaseURL {
            counts = try await PostgresBackup.dump(url, to: partial, on: app.db)
        } else {
            counts = try await SQLiteBackup.vacuum(into: partial, on: app.db, app: app)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: partial)
        try FileManager.default.moveItem(atPath: partial, toPath: path)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return Summary(path: path, bytes: bytes, auditEntries: counts.entries, lastSequence: counts.last)
    }

    static func restore(from source: String, force: Bool, app: Application) async throws -> RestoreSummary {
        let path = absolute(source)
        guard let handle = FileHandle(forReadingAtPath: path) else { throw AppError.fileNotReadable(path) }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        let kind = BackupKind(header: head)
        var previous: String?
        switch (kind, app.settings.databaseURL) {
        case (.none, _): throw OperationsError.notABackup(path)
        case (.postgres, nil): throw OperationsError.wrongKindOfBackup(path: path, isPostgres: true)
        case (.sqlite, .some): throw OperationsError.wrongKindOfBackup(path: path, isPostgres: false)
        case (.postgres, .some(let url)): try await PostgresBackup.restore(path, into: url, force: force, on: app.db)
        case (.sqlite, nil): previous = try await SQLiteBackup.restore(path, into: absolute(app.settings.databasePath), force: force, app: app)
        }
        let (entries, last) = try await resetAnchor(on: app.db)
        return RestoreSummary(auditEntries: entries, lastSequence: last, previousDatabase: previous)
    }

    /// The restored change log must verify with this server's key; then its end becomes the anchor (the anchor of
    /// the server before the restore is kept beside it as `.before-restore`).
    private static func resetAnchor(on db: any Database) async throws -> (Int, Int) {
        let entries = try await AuditEntryRecord.query(on: db).sort(\.$sequence).all().map { $0.toDomain() }
        guard let seal = AuditSeal.current else { return (entries.count, entries.last?.sequence ?? 0) }
        if let found = AuditChain.verify(entries, anchor: nil, plain: Audit.hash, keyed: seal.hash) {
            throw OperationsError.restoredChainBroken(found, keyPath: seal.keyPath)
        }
        let end = entries.last.map { AuditAnchor(sequence: $0.sequence, hash: $0.hash) } ?? AuditAnchor(sequence: 0, hash: AuditChain.genesis)
        try seal.replaceAfterRestore(with: end)
        return (entries.count, end.sequence)
    }

    static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        return ((FileManager.default.currentDirectoryPath + "/" + expanded) as NSString).standardizingPath
    }

    /// How the file begins: SQLite's 16-byte header or pg_dump's custom format.
    enum BackupKind {
        case sqlite, postgres

        init?(header: Data) {
            if header.starts(with: Data("SQLite format 3\0".utf8)) { self = .sqlite }
            else if header.starts(with: Data("PGDMP".utf8)) { self = .postgres }
            else { return nil }
        }
    }

    /// The number of entries of the change log and the last one's sequence number.
    static func auditEnd(on sql: any SQLDatabase) async throws -> (Int, Int) {
        let row = try await sql.raw("SELECT COUNT(*) AS entries, COALESCE(MAX(sequence), 0) AS last FROM audit_log").first()
        return (try row?.decode(column: "entries", as: Int.self) ?? 0, try row?.decode(column: "last", as: Int.self) ?? 0)
    }
}
