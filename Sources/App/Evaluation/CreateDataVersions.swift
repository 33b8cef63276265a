import Fluent
import Foundation
import SQLKit

/// Data versions: a counter per kind of data, raised by triggers in the same transaction as every change to it, so a
/// cache keyed by the counter can never serve a figure older than the data (`DataVersions`). `values`: reports, their
/// values, cycles and organisations (what the evaluation sums); `plan`: plans, groups, indicators and their targets;
/// `organisations`: the directory.
/// Each row also holds a random token naming this database, so caches of two databases never mix.
/// Also the index the evaluation's grouped query reads reports by.
struct CreateDataVersions: AsyncMigration {
    static let watched: [(table: String, version: String)] = [
        ("reports", "values"), ("report_values", "values"), ("cycles", "values"), ("organisations", "values"),
        ("plans", "plan"), ("indicator_groups", "plan"), ("indicators", "plan"), ("indicator_targets", "plan"),
        ("organisations", "organisations"),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw AppError.databaseUnavailable }
        try await sql.raw("CREATE TABLE data_versions (name VARCHAR(32) PRIMARY KEY, version BIGINT NOT NULL, token VARCHAR(64) NOT NULL)").run()
        for name in ["values", "plan", "organisations"] {
            try await sql.raw("INSERT INTO data_versions (name, version, token) VALUES (\(bind: name), 0, \(bind: UUID().uuidString))").run()
        }
        try await sql.raw("CREATE INDEX reports_cycle_state ON reports (cycle_id, state)").run()
        try await Self.createTriggers(on: sql)
    }

    /// The triggers that raise the versions (also dropped and made again around the benchmark's bulk load).
    static func createTriggers(on sql: any SQLDatabase, watched: [(table: String, version: String)] = watched) async throws {
        if sql.dialect.name == "postgresql" {
            // Raised once per transaction, at commit (a deferred trigger): the counter's row is the last lock a
            // transaction takes, so two writers never wait on each other in opposite orders.
            try await sql.raw("""
                CREATE OR REPLACE FUNCTION chitieu_bump_data_version() RETURNS trigger AS $$
                BEGIN
                  IF coalesce(current_setting('chitieu.bumped_' || TG_ARGV[0], true), '') = 'yes' THEN RETURN NULL; END IF;
                  PERFORM set_config('chitieu.bumped_' || TG_ARGV[0], 'yes', true);
                  UPDATE data_versions SET version = version + 1 WHERE name = TG_ARGV[0];
                  RETURN NULL;
                END $$ LANGUAGE plpgsql
                """).run()
            for (table, version) in watched {
                try await sql.raw("""
                    CREATE CONSTRAINT TRIGGER data_version_\(unsafeRaw: table)_\(unsafeRaw: version) AFTER INSERT OR UPDATE OR DELETE ON \(unsafeRaw: table)
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION chitieu_bump_data_version('\(unsafeRaw: version)')
                    """).run()
            }
        } else {
            for (table, version) in watched {
                for operation in ["INSERT", "UPDATE", "DELETE"] {
                    try await sql.raw("""
                        CREATE TRIGGER data_version_\(unsafeRaw: table)_\(unsafeRaw: version)_\(unsafeRaw: operation.lowercased()) AFTER \(unsafeRaw: operation) ON \(unsafeRaw: table)
                        BEGIN UPDATE data_versions SET version = version + 1 WHERE name = '\(unsafeRaw: version)'; END
                        """).run()
                }
            }
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw AppError.databaseUnavailable }
        try await Self.dropTriggers(on: sql)
        if sql.dialect.name == "postgresql" { try await sql.raw("DROP FUNCTION IF EXISTS chitieu_bump_data_version()").run() }
        try await sql.raw("DROP INDEX IF EXISTS reports_cycle_state").run()
        try await sql.raw("DROP TABLE data_versions").run()
    }

    /// The triggers only: the function they call stays for the other migrations' triggers.
    static func dropTriggers(on sql: any SQLDatabase, watched: [(table: String, version: String)] = watched) async throws {
        if sql.dialect.name == "postgresql" {
            for (table, version) in watched {
                try await sql.raw("DROP TRIGGER IF EXISTS data_version_\(unsafeRaw: table)_\(unsafeRaw: version) ON \(unsafeRaw: table)").run()
            }
        } else {
            for (table, version) in watched {
                for operation in ["insert", "update", "delete"] {
                    try await sql.raw("DROP TRIGGER IF EXISTS data_version_\(unsafeRaw: table)_\(unsafeRaw: version)_\(unsafeRaw: operation)").run()
                }
            }
        }
    }
}

/// The `views` data version: what a dashboard or an indicator's page shows besides the figures — units' own targets,
/// the baselines and the lead offices' assessments (`PageCache` keeps pages per every version together).
struct CreateViewsVersion: AsyncMigration {
    static let watched: [(table: String, version: String)] = [
        ("unit_targets", "views"), ("indicator_baselines", "views"), ("lead_assessments", "views"),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw AppError.databaseUnavailable }
        try await sql.raw("INSERT INTO data_versions (name, version, token) VALUES ('views', 0, \(bind: UUID().uuidString))").run()
        try await CreateDataVersions.createTriggers(on: sql, watched: Self.watched)
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw AppError.databaseUnavailable }
        try await CreateDataVersions.dropTriggers(on: sql, watched: Self.watched)
        try await sql.raw("DELETE FROM data_versions WHERE name = 'views'").run()
    }
}
