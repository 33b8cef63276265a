import Fluent
import Foundation
import Planning
import SQLKit
import Testing
import VaporTesting
@testable import App

extension AppTests {
    /// `chitieu backup` / `chitieu restore` on the database the tests run on (SQLite, or PostgreSQL with DATABASE_URL).
    @Suite("Backup and restore") struct BackupTests {
        @Test("a backup restored into an empty database gives back every row of every table, and its change log verifies")
        func roundTrip() async throws {
            try await withTemporaryFolder { folder in
                try await withApp { app in
                    // setup: two cycles of demo reports, accounts, the change log behind them
                    _ = try await DemoReports.load(app)
                    _ = try await app.session(.coordinator)
                    let before = try await DataFingerprint.of(on: app.db)
                    // act
                    let summary = try await DatabaseBackup.backup(to: folder + "/chitieu.backup", app: app)
                    let after = try await restoreIntoEmptyDatabase(summary.path, from: app, folder: folder)
                    // validate
                    #expect(summary.auditEntries == before["audit_log"]?.rows)
                    #expect(summary.auditEntries > 100 && (before["report_values"]?.rows ?? 0) > 100)
                    for table in DataFingerprint.tables { #expect(after.fingerprint[table] == before[table], "\(table)") }
                    #expect(after.verified, "the restored change log verifies with the key and the reset anchor")
                }
            }
        }

        @Test("restore refuses a database that is not empty, and names it; a backup never overwrites a file")
        func refusals() async throws {
            try await withTemporaryFolder { folder in
                try await withApp { app in
                    // setup
                    let summary = try await DatabaseBackup.backup(to: folder + "/first.backup", app: app)
                    // act
                    let overwrite = await #expect(throws: OperationsError.self) { try await DatabaseBackup.backup(to: summary.path, app: app) }
                    let refused = await #expect(throws: OperationsError.self) { try await DatabaseBackup.restore(from: summary.path, force: false, app: app) }
                    let notABackup = try temporaryFile("hello", suffix: ".backup")
                    let wrong = await #expect(throws: OperationsError.self) { try await DatabaseBackup.restore(from: notABackup, force: false, app: app) }
                    // validate
                    #expect(overwrite?.message(.vietnamese).contains("đã có") == true)
                    guard case .databaseNotEmpty(_, let tables)? = refused else { Issue.record("not refused as not empty: \(String(describing: refused))"); return }
                    #expect(tables >= 20)
                    #expect(refused?.message(.vietnamese).contains("--force") == true)
                    guard case .notABackup? = wrong else { Issue.record("a text file was taken for a backup"); return }
                }
            }
        }

        @Test("a backup taken while writes go on holds whole transactions only: each write's row and its change-log entry, or neither")
        func consistentUnderWrites() async throws {
            try await withTemporaryFolder { folder in
                try await withApp { app in
                    // setup: a writer that, in one transaction each, adds a setting and the change-log entry for it
                    let writes = 150
                    let writer = Task {
                        for index in 0..<writes {
                            try await app.db.transaction { tx in
                                let setting = SiteSettingRecord()
                                setting.key = "backup-test-\(index)"
                                setting.value = "\(index)"
                                try await setting.create(on: tx)
                                try await Audit.record([AuditChange("setting", "backup-test-\(index)", "value", old: nil, new: "\(index)")], by: .system, on: tx)
                            }
                        }
                    }
                    // act: back up while it writes
                    try await Task.sleep(for: .milliseconds(50))
                    let summary = try await DatabaseBackup.backup(to: folder + "/busy.backup", app: app)
                    try await writer.value
                    let restored = try await restoreIntoEmptyDatabase(summary.path, from: app, folder: folder, tables: ["site_settings", "audit_log"])
                    // validate
                    let settings = restored.fingerprint["site_settings"]?.rows ?? -1
                    let entries = restored.testEntries
                    #expect(settings == entries, "settings \(settings) vs their change-log entries \(entries)")
                    #expect(restored.fingerprint["audit_log"]?.rows == summary.auditEntries)
                    #expect(restored.verified)
                }
            }
        }
    }
}

struct Restored {
    let fingerprint: [String: TableFingerprint]
    let verified: Bool
    let testEntries: Int
}

/// Restores `backup` with `chitieu restore`'s code into an empty database of the same kind as `app`'s — a new SQLite
/// file (with a copy of the key) or, on PostgreSQL, the test database emptied first — and reads it back.
func restoreIntoEmptyDatabase(_ backup: String, from app: Application, folder: String,
                              tables: [String] = DataFingerprint.tables) async throws -> Restored {
    let key = folder + "/restored-audit.key"
    try? FileManager.default.removeItem(atPath: key)
    try FileManager.default.copyItem(atPath: app.settings.auditKeyPath, toPath: key)
    var restored: Restored?
    let url = app.settings.databaseURL
    if url != nil { try await DataFingerprint.emptyPostgres(app.db) }
    try await withConfiguredApp(databasePath: folder + "/restored-\(UUID().uuidString).sqlite", databaseURL: url, keyFile: key) { target in
        _ = try await DatabaseBackup.restore(from: backup, force: false, app: target)
        let (_, found) = try await Audit.verify(on: target.db)
        let testEntries = try await AuditEntryRecord.query(on: target.db).filter(\.$entityID, .contains(inverse: false, .prefix), "backup-test-").count()
        restored = Restored(fingerprint: try await DataFingerprint.of(tables, on: target.db), verified: found == nil, testEntries: testEntries)
    }
    AuditSeal.current = try AuditSeal(keyPath: app.settings.auditKeyPath)
    return try #require(restored)
}
