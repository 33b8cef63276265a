import Fluent
import Foundation
import Planning
import SQLKit

/// Tổng theo kỳ được duy trì — the sums an evaluation needs, kept per plan, period, indicator, class of organisation,
/// include mode (approved / provisional) and kind of term (reported in the period, or carried from the first half into
/// the second), so that a view reads a few hundred rows whatever the number of units.
///
/// How they stay right: every change to a report's values, its state (submitted, approved, returned, reopened,
/// locked) or its organisation's class marks the report in `sums_dirty`, by trigger, in the changing transaction.
/// Before sums are read, `fold` brings the marked units' years up to date: it takes out each unit's old part
/// (`unit_terms`), computes its new part from the data, and adds it — one small transaction, whatever the number of
/// units. `rebuild` computes everything afresh; `verify` compares the kept sums with a fresh computation (the floor).
enum PeriodSums {
    /// Whether any report waits for a fold.
    static func hasPending(on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT 1 AS pending FROM sums_dirty LIMIT 1").first() != nil
    }

    /// Brings the sums of every marked unit and year up to date, in one transaction (several processes: one at a time).
    static func fold(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw AppError.databaseUnavailable }
        guard try await hasPending(on: sql) else { return }
        try await db.writing { tx in
            guard let sql = tx as? any SQLDatabase else { throw AppError.databaseUnavailable }
            let postgres = sql.dialect.name == "postgresql"
            if postgres { try await sql.raw("SELECT pg_advisory_xact_lock(4243)").run() }
            // The first statement writes, so SQLite takes its write lock at once (no read-then-write upgrade to fail).
            try await sql.raw("UPDATE sums_dirty SET taken = 1 WHERE taken = 0").run()
            try await sql.raw("""
                INSERT INTO sums_pending (organisation_code, plan_code, year_code)
                SELECT r.organisation_code, c.plan_code, substr(c.period_code, 1, 4) FROM sums_dirty d
                  CROSS JOIN reports r CROSS JOIN cycles c WHERE r.id = d.report_id AND c.id = r.cycle_id AND d.taken = 1
                UNION SELECT t.organisation_code, t.plan_code, t.year_code FROM sums_dirty d CROSS JOIN unit_terms t
                WHERE t.report_id = d.report_id AND d.taken = 1
                """).run()
            // The planner's figure for the pending units (a handful, or every unit when a cycle opens).
            if postgres { try await sql.raw("ANALYZE sums_pending").run() }
            try await apply(sign: -1, from: pendingTerms, on: sql)
            if postgres {
                try await sql.raw("""
                    DELETE FROM unit_terms t USING sums_pending p
                    WHERE t.plan_code = p.plan_code AND t.organisation_code = p.organisation_code AND t.year_code = p.year_code
                    """).run()
            } else {
                try await sql.execute(text: "DELETE FROM unit_terms WHERE rowid IN (SELECT t.rowid FROM \(pendingTerms.tables) WHERE \(pendingTerms.condition))")
            }
            try await sql.execute(text: "INSERT INTO unit_terms \(terms(pendingOnly: true))")
            try await apply(sign: 1, from: pendingTerms, on: sql)
            try await sql.raw("DELETE FROM period_sums WHERE ratios = 0 AND counts = 0 AND answers = 0 AND levels = 0").run()
            try await sql.raw("DELETE FROM sums_pending").run()
            try await sql.raw("DELETE FROM sums_dirty WHERE taken = 1").run()
        }
    }

    /// The kept terms of the units and years waiting in `sums_pending` (as `t`), read through the unit-year index: a
    /// `CROSS JOIN` keeps SQLite's planner from scanning every term and probing the few pending units (it did, at
    /// 1,000 units a fold took 150 ms instead of a few); PostgreSQL plans it as the join it is.
    private static let pendingTerms = Source(
        tables: "sums_pending p CROSS JOIN unit_terms t",
        condition: "t.plan_code = p.plan_code AND t.organisation_code = p.organisation_code AND t.year_code = p.year_code")

    /// Where `apply` reads terms (as `t`), and how they join.
    struct Source {
        let tables: String
        let condition: String
    }

    /// Computes every term and sum afresh from the values (after a bulk load with the triggers off; `chitieu
    /// aggregates rebuild`; the migration that made the tables).
    static func rebuild(on db: any Database) async throws {
        try await db.writing { tx in
            guard let sql = tx as? any SQLDatabase else { throw AppError.databaseUnavailable }
            if sql.dialect.name == "postgresql" { try await sql.raw("SELECT pg_advisory_xact_lock(4243)").run() }
            try await sql.raw("DELETE FROM sums_dirty").run()
            try await sql.raw("DELETE FROM unit_terms").run()
            try await sql.raw("DELETE FROM period_sums").run()
            try await sql.execute(text: "INSERT INTO unit_terms \(terms(pendingOnly: false))")
            try await apply(sign: 1, from: Source(tables: "unit_terms t", condition: "1 = 1"), on: sql)
        }
    }

    /// Each counted value (of the units and years in `sums_pending` only, or of all), as a unit term:
    /// its shape and numbers, whether it counts approved (`in_a`) and provisionally (`in_p`), and whether a first
    /// half's value also stands for its unit in the second half, silent there (`carry_a`, `carry_p`).
    static func terms(pendingOnly: Bool) -> String {
        let shape = EvaluationSums.shape(value: "v")
        let approved = EvaluationSums.counted(.approved, report: "r")
        let provisional = EvaluationSums.counted(.provisional, report: "r")
        func silent(_ include: EvaluationQueries.Include) -> String {
            """
            NOT EXISTS (SELECT 1 FROM cycles c2 JOIN reports r2 ON r2.cycle_id = c2.id JOIN report_values v2 ON v2.report_id = r2.id
              WHERE c2.plan_code = c.plan_code AND c2.period_code = substr(c.period_code, 1, 8) || '2'
                AND r2.organisation_code = r.organisation_code AND v2.indicator_code = v.indicator_code
                AND \(EvaluationSums.counted(include, report: "r2")) AND \(EvaluationSums.shape(value: "v2")) IS NOT NULL)
            """
        }
        return """
            (report_id, organisation_code, plan_code, year_code, period_code, indicator_code, kind, medical, shape, lvl, numerator,
             denominator, amount, yes, in_a, in_p, carry_a, carry_p)
            SELECT r.id, r.organisation_code, c.plan_code, substr(c.period_code, 1, 4), c.period_code, v.indicator_code,
              COALESCE(o.kind, ''), CASE WHEN o.is_medical THEN 1 ELSE 0 END, \(shape),
              CASE WHEN \(shape) = 'l' THEN v.level ELSE '' END,
              v.numerator, v.denominator, v.amount, CASE WHEN v.answer THEN 1 ELSE 0 END,
              CASE WHEN \(approved) THEN 1 ELSE 0 END, 1,
              CASE WHEN c.period_code LIKE '%S1' AND \(approved) AND \(silent(.approved)) THEN 1 ELSE 0 END,
              CASE WHEN c.period_code LIKE '%S1' AND \(silent(.provisional)) THEN 1 ELSE 0 END
            FROM \(pendingOnly ? """
                sums_pending p JOIN cycles c ON c.plan_code = p.plan_code AND substr(c.period_code, 1, 4) = p.year_code
                  JOIN reports r ON r.cycle_id = c.id AND r.organisation_code = p.organisation_code
                """ : "cycles c JOIN reports r ON r.cycle_id = c.id")
              JOIN report_values v ON v.report_id = r.id
              LEFT JOIN organisations o ON o.code = r.organisation_code AND o.is_active = true
            WHERE \(shape) IS NOT NULL AND \(provisional)
            """
    }

    /// Adds (`sign` 1) or takes out (-1) the terms read `from` (as `t`) to / from `period_sums`.
    private static func apply(sign: Int, from source: Source, on sql: any SQLDatabase) async throws {
        let columns = "t.plan_code, t.organisation_code, t.year_code, t.indicator_code, t.kind, t.medical, t.lvl, t.shape, t.numerator, t.denominator, t.amount, t.yes"
        let expanded = """
            SELECT \(columns), t.period_code AS key_period, 'a' AS include_mode, 0 AS carried FROM \(source.tables) WHERE \(source.condition) AND t.in_a = 1
            UNION ALL SELECT \(columns), t.period_code, 'p', 0 FROM \(source.tables) WHERE \(source.condition) AND t.in_p = 1
            UNION ALL SELECT \(columns), substr(t.period_code, 1, 8) || '2', 'a', 1 FROM \(source.tables) WHERE \(source.condition) AND t.carry_a = 1
            UNION ALL SELECT \(columns), substr(t.period_code, 1, 8) || '2', 'p', 1 FROM \(source.tables) WHERE \(source.condition) AND t.carry_p = 1
            """
        let s = sign < 0 ? "-" : ""
        try await sql.execute(text: """
            INSERT INTO period_sums (plan_code, period_code, indicator_code, kind, medical, include_mode, carried, lvl,
              ratios, numerator, denominator, counts, amount, answers, yes, levels)
            SELECT e.plan_code, e.key_period, e.indicator_code, e.kind, e.medical, e.include_mode, e.carried, e.lvl,
              \(s)SUM(CASE WHEN e.shape = 'r' THEN 1 ELSE 0 END), \(s)SUM(CASE WHEN e.shape = 'r' THEN e.numerator ELSE 0.0 END),
              \(s)SUM(CASE WHEN e.shape = 'r' THEN e.denominator ELSE 0.0 END), \(s)SUM(CASE WHEN e.shape = 'c' THEN 1 ELSE 0 END),
              \(s)SUM(CASE WHEN e.shape = 'c' THEN e.amount ELSE 0.0 END), \(s)SUM(CASE WHEN e.shape = 'y' THEN 1 ELSE 0 END),
              \(s)SUM(CASE WHEN e.shape = 'y' THEN e.yes ELSE 0 END), \(s)SUM(CASE WHEN e.shape = 'l' THEN 1 ELSE 0 END)
            FROM (\(expanded)) e WHERE 1 = 1
            GROUP BY e.plan_code, e.key_period, e.indicator_code, e.kind, e.medical, e.include_mode, e.carried, e.lvl
            ON CONFLICT (plan_code, period_code, indicator_code, kind, medical, include_mode, carried, lvl) DO UPDATE SET
              ratios = period_sums.ratios + excluded.ratios, numerator = period_sums.numerator + excluded.numerator,
              denominator = period_sums.denominator + excluded.denominator, counts = period_sums.counts + excluded.counts,
              amount = period_sums.amount + excluded.amount, answers = period_sums.answers + excluded.answers,
              yes = period_sums.yes + excluded.yes, levels = period_sums.levels + excluded.levels
            """)
    }
}

extension SQLDatabase {
    /// Runs SQL written as text (no binds): statements assembled from fixed parts in this module.
    func execute(text: String) async throws {
        try await raw(SQLQueryString(text)).run()
    }
}
