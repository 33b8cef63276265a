import Fluent
import Foundation
import Planning
import SQLKit
import Testing
import VaporTesting
@testable import App

extension AppTests {
    /// A database made by the previous release (Tests/Fixtures/upgrade) is migrated by this one with nothing lost.
    @Suite("Upgrades keep data") struct UpgradeTests {
        static let fixtures = packageRoot + "Tests/Fixtures/upgrade/"

        @Test("the migrations released so far keep their names and order; new ones only come after them")
        func migrationsAreAppendOnly() async throws {
            try await withTemporaryFolder { folder in
                try await withConfiguredApp(databasePath: folder + "/fresh.sqlite", databaseURL: nil, keyFile: folder + "/fresh-audit.key") { app in
                    // setup
                    let released = try String(contentsOfFile: Self.fixtures + "released-migrations.txt", encoding: .utf8)
                        .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    // act: every migration this release would run on an empty database, in order
                    try await app.migrator.setupIfNeeded().get()
                    let current = try await app.migrator.previewPrepareBatch().get().map { $0.0.name }
                    // validate
                    #expect(released.count >= 20)
                    #expect(Array(current.prefix(released.count)) == released, "a released migration was renamed, removed or moved")
                    #expect(Set(current).count == current.count, "two migrations share a name")
                }
            }
        }

        @Test("the previous release's database is migrated with every row kept, the same checksums and a change log that verifies")
        func previousReleaseIsMigrated() async throws {
            try await withTemporaryFolder { folder in
                // setup: the fixture of this database kind, with its own key and anchor
                let kind = testDatabaseURL == nil ? "sqlite" : "postgres"
                let key = folder + "/fixture-audit.key"
                try FileManager.default.copyItem(atPath: Self.fixtures + "\(kind).fixture-key", toPath: key)
                try FileManager.default.copyItem(atPath: Self.fixtures + "\(kind).fixture-anchor", toPath: folder + "/fixture-audit.anchor")
                let database = folder + "/fixture.sqlite"
                if testDatabaseURL == nil { try FileManager.default.copyItem(atPath: Self.fixtures + "sqlite.db", toPath: database) }
                let expectedData = try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "expected.json"))
                let expected = try #require(try JSONDecoder().decode([String: [String: Int]].self, from: expectedData)[kind])
                try await withConfiguredApp(databasePath: database, databaseURL: testDatabaseURL, keyFile: key) { app in
                    if let url = testDatabaseURL { try await Self.loadPostgresFixture(url, on: app.db) }
                    let tables = expected.keys.filter { $0 != "_fluent_migrations" }.sorted()
                    let before = try await DataFingerprint.of(tables, on: app.db)
                    // act: what `chitieu serve` does at its first start on the new release
                    _ = try await Setup.prepare(app)
                    let after = try await DataFingerprint.of(tables, on: app.db, columns: before.mapValues(\.columns))
                    // validate
                    for table in tables {
                        #expect(before[table]?.rows == expected[table], "\(table) before: \(String(describing: before[table]))")
                        #expect(after[table] == before[table], "\(table) changed by the upgrade")
                    }
                    #expect((expected["report_values"] ?? 0) > 500 && (expected["audit_log"] ?? 0) > 2000)
                    let (entries, found) = try await Audit.verify(on: app.db)
                    #expect(found == nil, "the change log after the upgrade: \(String(describing: found))")
                    #expect(entries == expected["audit_log"])
                    let pending = try await app.migrator.previewPrepareBatch().get()
                    #expect(pending.isEmpty)
                    // and the new release reads the old data: the older period's evaluation and the reports list
                    let period = try #require(try await CycleRecord.query(on: app.db).sort(\.$periodCode).first()).periodCode
                    let evaluation = try await app.get("/api/v1/evaluation?period=\(period)")
                    #expect(evaluation.status == .ok)
                    let reports = try await app.get("/api/v1/reports")
                    #expect(reports.status == .ok && reports.body.string.contains("\"state\":\"locked\""))
                }
                if testDatabaseURL != nil { try await Self.leaveEmpty() }
            }
        }

        /// The PostgreSQL fixture into the (emptied) test database, as an operator would load a dump.
        static func loadPostgresFixture(_ url: String, on db: any Database) async throws {
            try await DataFingerprint.emptyPostgres(db)
            let info = try #require(PostgresConnectionInfo(url))
            let tool = try #require(ExternalTool.find("pg_restore", environmentOverride: "PG_RESTORE"), "pg_restore is needed for the PostgreSQL upgrade test")
            let outcome = try await tool.run(["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                                              "--dbname=\(info.uri)", fixtures + "postgres.dump"], environment: info.environment)
            #expect(outcome.status == 0, "pg_restore: \(outcome.errors)")
        }

        /// The next test's `withApp` starts from an empty database, not from the fixture's.
        static func leaveEmpty() async throws {
            try await withTemporaryFolder { folder in
                try await withConfiguredApp(databasePath: folder + "/unused.sqlite", databaseURL: testDatabaseURL, keyFile: folder + "/k-audit.key") { app in
                    try await DataFingerprint.emptyPostgres(app.db)
                }
            }
        }
    }
}
