import Fluent
import Foundation
import SQLKit

/// The maintained per-period sums (`PeriodSums`): `period_sums` (what an evaluation reads: a few hundred rows),
/// `unit_terms` (each counted value's part in them, so that a unit's old part can be taken out exactly), `sums_dirty`
/// (reports whose values, state or organisation changed, written by triggers in the changing transaction) and
/// `sums_pending` (the units and years a fold is bringing up to date). Fills them from the data already there.
struct CreatePeriodSums: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw AppError.databaseUnavailable }
        let postgres = sql.dialect.name == "postgresql"
        let real = postgres ? "DOUBLE PRECISION" : "REAL"
        let serial = postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
        let sums = "ratios BIGINT NOT NULL, numerator \(real) NOT NULL, denominator \(real) NOT NULL, counts BIGINT NOT NULL, amount \(real) NOT NULL, answers BIGINT NOT NULL, yes BIGINT NOT NULL, levels BIGINT NOT NULL"
        try await sql.execute(text: """
            CREATE TABLE period_sums (plan_code VARCHAR(64) NOT NULL, period_code VARCHAR(16) NOT NULL, indicator_code VARCHAR(64) NOT NULL,
              kind VARCHAR(64) NOT NULL, medical INTEGER NOT NULL, include_mode CHAR(1) NOT NULL, carried INTEGER NOT NULL, lvl TEXT NOT NULL,
              \(sums),
              PRIMARY KEY (plan_code, period_code, indicator_code, kind, medical, include_mode, carried, lvl))
            """)
        try await sql.execute(text: """
            CREATE TABLE unit_terms (report_id UUID NOT NULL, organisation_code VARCHAR(64) NOT NULL, plan_code VARCHAR(64) NOT NULL,
              year_code VARCHAR(4) NOT NULL, period_code VARCHAR(16) NOT NULL, indicator_code VARCHAR(64) NOT NULL, kind VARCHAR(64) NOT NULL,
              medical INTEGER NOT NULL, shape CHAR(1) NOT NULL, lvl TEXT NOT NULL, numerator \(real), denominator \(real), amount \(real),
              yes INTEGER NOT NULL, in_a INTEGER NOT NULL, in_p INTEGER NOT NULL, carry_a INTEGER NOT NULL, carry_p INTEGER NOT NULL)
            """)
        try await sql.raw("CREATE INDEX unit_terms_unit_year ON unit_terms (plan_code, organisation_code, year_code)").run()
        try await sql.raw("CREATE INDEX unit_terms_report ON unit_terms (report_id)").run()
        try await sql.raw("CREATE INDEX unit_terms_carried ON unit_terms (plan_code, period_code, carry_a, carry_p)").run()
        try await sql.execute(text: "CREATE TABLE sums_dirty (id \(serial), report_id UUID NOT NULL, taken INTEGER NOT NULL DEFAULT 0)")
        try await sql.raw("""
            CREATE TABLE sums_pending (organisation_code VARCHAR(64) NOT NULL, plan_code VARCHAR(64) NOT NULL, year_code VARCHAR(4) NOT NULL,
              PRIMARY KEY (plan_code, organisation_code, year_code))
            """).run()
        try await Self.createTriggers(on: sql)
        try await PeriodSums.rebuild(on: database)
    }

    /// What marks a report for the next fold: a value of it written or removed; its state, submission or approval
    /// changed; its organisation's kind, medical flag or activity changed.
    static func createTriggers(on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            // Values: once per statement, from its transition tables (an import writes thousands of rows at once).
            for (event, tables, select) in [
                ("INSERT", "NEW TABLE AS new_rows", "SELECT DISTINCT report_id FROM new_rows"),
                ("DELETE", "OLD TABLE AS old_rows", "SELECT DISTINCT report_id FROM old_rows"),
                ("UPDATE", "NEW TABLE AS new_rows OLD TABLE AS old_rows", "SELECT report_id FROM new_rows UNION SELECT report_id FROM old_rows"),
            ] {
                let name = "chitieu_sums_values_\(event.lowercased())"
                try await sql.execute(text: """
                    CREATE FUNCTION \(name)() RETURNS trigger AS $$
                    BEGIN INSERT INTO sums_dirty (report_id) \(select); RETURN NULL; END $$ LANGUAGE plpgsql
                    """)
                try await sql.execute(text: """
                    CREATE TRIGGER \(name) AFTER \(event) ON report_values REFERENCING \(tables) FOR EACH STATEMENT EXECUTE FUNCTION \(name)()
                    """)
            }
            try await sql.raw("""
                CREATE FUNCTION chitieu_sums_reports() RETURNS trigger AS $$
                BEGIN
                  IF TG_OP = 'DELETE' THEN INSERT INTO sums_dirty (report_id) VALUES (OLD.id); RETURN NULL; END IF;
                  INSERT INTO sums_dirty (report_id) VALUES (NEW.id);
                  RETURN NULL;
                END $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER chitieu_sums_reports AFTER INSERT OR DELETE OR UPDATE OF state, submitted_at, approved_at, cycle_id, organisation_code
                ON reports FOR EACH ROW EXECUTE FUNCTION chitieu_sums_reports()
                """).run()
            try await sql.raw("""
                CREATE FUNCTION chitieu_sums_organisations() RETURNS trigger AS $$
                BEGIN
                  INSERT INTO sums_dirty (report_id) SELECT id FROM reports WHERE organisation_code IN (NEW.code, OLD.code);
                  RETURN NULL;
                END $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER chitieu_sums_organisations AFTER UPDATE OF code, kind, is_medical, is_active ON organisations
                FOR EACH ROW EXECUTE FUNCTION chitieu_sums_organisations()
                """).run()
        } else {
            try await sql.raw("""
                CREATE TRIGGER chitieu_sums_values_insert AFTER INSERT ON report_values
                BEGIN INSERT INTO sums_dirty (report_id) VALUES (NEW.report_id); END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER chitieu_sums_values_update AFTER UPDATE ON report_values
                BEGIN INSERT INTO sums_dirty (report_id) VALUES (NEW.report_id);
                  INSERT INTO sums_dirty (report_id) SELECT OLD.report_id WHERE OLD.report_id <> NEW.report_id; END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER chitieu_sums_values_delete AFTER DELETE ON report_values
                BEGIN INSERT INTO sums_dirty (report_id) VALUES (OLD.report_id); END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER chitieu_sums_reports_insert AFTER INSERT ON reports
                BEGIN INSERT INTO sums_dirty (report_id) VALUES (NEW.id); END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER chitieu_sums_reports_update AFTER UPDATE OF state, submitted_at, approved_at, cycle_id, organisation_code ON reports
                BEGIN INSERT INTO sums_dirty (report_id) VALUES (NEW.id); END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER chitieu_sums_reports_delete AFTER DELETE ON reports
                BEGIN INSERT INTO sums_dirty (report_id) VALUES (OLD.id); END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER chitieu_sums_organisations AFTER UPDATE OF code, kind, is_medical, is_active ON organisations
                BEGIN INSERT INTO sums_dirty (report_id) SELECT id FROM reports WHERE organisation_code IN (NEW.code, OLD.code); END
                """).run()
        }
    }

    static func dropTriggers(on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            for event in ["insert", "delete", "update"] {
                try await sql.execute(text: "DROP TRIGGER IF EXISTS chitieu_sums_values_\(event) ON report_values")
                try await sql.execute(text: "DROP FUNCTION IF EXISTS chitieu_sums_values_\(event)()")
            }
            try await sql.raw("DROP TRIGGER IF EXISTS chitieu_sums_reports ON reports").run()
            try await sql.raw("DROP FUNCTION IF EXISTS chitieu_sums_reports()").run()
            try await sql.raw("DROP TRIGGER IF EXISTS chitieu_sums_organisations ON organisations").run()
            try await sql.raw("DROP FUNCTION IF EXISTS chitieu_sums_organisations()").run()
        } else {
            for name in ["values_insert", "values_update", "values_delete", "reports_insert", "reports_update", "reports_delete", "organisations"] {
                try await sql.execute(text: "DROP TRIGGER IF EXISTS chitieu_sums_\(name)")
            }
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw AppError.databaseUnavailable }
        try await Self.dropTriggers(on: sql)
        for table in ["sums_pending", "sums_dirty", "unit_terms", "period_sums"] {
            try await sql.execute(text: "DROP TABLE IF EXISTS \(table)")
        }
    }
}

/// Partial indexes of the carried terms (approved / provisional), in the order an assessment names carried units: the
/// first codes of each indicator and class are read without visiting every carried term (`EvaluationSums.load`).
struct IndexCarriedTerms: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw AppError.databaseUnavailable }
        for flag in ["carry_a", "carry_p"] {
            try await sql.raw("""
                CREATE INDEX unit_terms_\(unsafeRaw: flag) ON unit_terms (plan_code, period_code, indicator_code, kind, medical, organisation_code)
                WHERE \(unsafeRaw: flag) = 1
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw AppError.databaseUnavailable }
        for flag in ["carry_a", "carry_p"] { try await sql.raw("DROP INDEX IF EXISTS unit_terms_\(unsafeRaw: flag)").run() }
    }
}
