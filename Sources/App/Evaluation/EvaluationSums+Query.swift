import Fluent
import Foundation
import Planning
import SQLKit

/// The set-based SQL behind `EvaluationSums` and the per-unit values (SQLite and PostgreSQL alike).
extension EvaluationSums {
    /// The sums of `plan` up to `period` as `PeriodSums` keeps them (a fold first brings any changed unit up to
    /// date): a few hundred rows, and for a second half the codes of the units carried into it.
    static func load(plan: String, upTo period: ReportingPeriod, include: EvaluationQueries.Include,
                     on db: any Database) async throws -> EvaluationSums {
        guard let sql = db as? any SQLDatabase else { throw AppError.databaseUnavailable }
        try await PeriodSums.fold(on: db)
        var sums = EvaluationSums()
        let mode = include == .approved ? "a" : "p"
        let rows = try await sql.raw("""
            SELECT period_code, indicator_code, kind, medical, carried, lvl, ratios, numerator, denominator, counts, amount, answers, yes, levels
            FROM period_sums WHERE plan_code = \(bind: plan) AND period_code <= \(bind: period.code) AND include_mode = \(bind: mode)
            """).all()
        for row in rows {
            guard let key = try keptKey(row) else { continue }
            let part = try Self.sums(row)
            if try row.decode(column: "carried", as: Int.self) != 0 {
                sums.carried[key, default: ValueSums()] += part
            } else {
                sums.reported[key, default: ValueSums()] += part
                if part.organisations > 0 { sums.yearsWithData[key.indicator, default: []].insert(key.period.year) }
            }
        }
        // A few of the units carried into each second half up to the one asked for (an assessment names them; the
        // kept sums count them all): the first codes of each indicator and class, found through a partial index of
        // the carried terms — never every carried term (at the opening of a national second half, half a million).
        let carry = include == .approved ? "carry_a" : "carry_p"
        let named = Coverage.namedCarried
        let classes = """
            SELECT DISTINCT period_code, indicator_code, kind, medical FROM unit_terms
            WHERE plan_code = $1 AND period_code <= $2 AND \(carry) = 1
            """
        let firstCodes = sql.dialect.name == "postgresql" ? """
            SELECT u.organisation_code, p.indicator_code, p.period_code, p.kind, p.medical FROM (\(classes)) p
            CROSS JOIN LATERAL (SELECT t.organisation_code FROM unit_terms t WHERE t.plan_code = $1 AND t.period_code = p.period_code
              AND t.indicator_code = p.indicator_code AND t.kind = p.kind AND t.medical = p.medical AND t.\(carry) = 1
              ORDER BY t.organisation_code LIMIT \(named)) u
            """ : """
            SELECT u.organisation_code, u.indicator_code, u.period_code, u.kind, u.medical FROM (\(classes)) p
            JOIN unit_terms u ON u.rowid IN (SELECT t.rowid FROM unit_terms t WHERE t.plan_code = $1 AND t.period_code = p.period_code
              AND t.indicator_code = p.indicator_code AND t.kind = p.kind AND t.medical = p.medical AND t.\(carry) = 1
              ORDER BY t.organisation_code LIMIT \(named))
            """
        for row in try await sql.raw(firstCodes.replacingBinds(plan: plan, period: period)).all() {
            guard let firstHalf = try keptKey(row) else { continue }
            let secondHalf = ReportingPeriod(year: firstHalf.period.year, half: .second)
            guard secondHalf <= period else { continue }
            sums.noteCarried(try row.decode(column: "organisation_code", as: String.self),
                             Key(period: secondHalf, indicator: firstHalf.indicator, organisations: firstHalf.organisations))
        }
        return sums
    }

    /// The sums of one grouped row (`period_sums`, or the grouped query over the values): the same columns.
    private static func sums(_ row: any SQLRow) throws -> ValueSums {
        let levels = try row.decode(column: "levels", as: Int.self)
        return ValueSums(ratios: try row.decode(column: "ratios", as: Int.self),
                         numerator: try row.decode(column: "numerator", as: Double.self),
                         denominator: try row.decode(column: "denominator", as: Double.self),
                         counts: try row.decode(column: "counts", as: Int.self),
                         amount: try row.decode(column: "amount", as: Double.self),
                         answers: try row.decode(column: "answers", as: Int.self),
                         yes: try row.decode(column: "yes", as: Int.self),
                         levels: levels > 0 ? [try row.decode(column: "lvl", as: String?.self) ?? "": levels] : [:])
    }

    /// The key of a `period_sums` row (kind '' for an organisation no longer active).
    private static func keptKey(_ row: any SQLRow) throws -> Key? {
        guard let period = try? ReportingPeriod(code: try row.decode(column: "period_code", as: String.self)) else { return nil }
        let kind = try row.decode(column: "kind", as: String.self)
        let group = OrganisationClass(kind: kind.isEmpty ? nil : kind, isMedical: try row.decode(column: "medical", as: Int.self) != 0)
        return Key(period: period, indicator: try row.decode(column: "indicator_code", as: String.self), organisations: group)
    }

    /// Sums every counted value of `plan` up to `period` straight from the values: one grouped query, one query for
    /// the organisations silent in a second half. The reference the kept sums are checked against (`PeriodSums.verify`).
    static func computed(plan: String, upTo period: ReportingPeriod, include: EvaluationQueries.Include,
                         on db: any Database) async throws -> EvaluationSums {
        guard let sql = db as? any SQLDatabase else { throw AppError.databaseUnavailable }
        var sums = EvaluationSums()
        let grouped = try await sql.raw("""
            SELECT t.period, t.indicator, t.kind, t.medical, CASE WHEN t.shape = 'l' THEN t.level ELSE '' END AS lvl,
              SUM(CASE WHEN t.shape = 'r' THEN 1 ELSE 0 END) AS ratios,
              SUM(CASE WHEN t.shape = 'r' THEN t.numerator ELSE 0.0 END) AS numerator,
              SUM(CASE WHEN t.shape = 'r' THEN t.denominator ELSE 0.0 END) AS denominator,
              SUM(CASE WHEN t.shape = 'c' THEN 1 ELSE 0 END) AS counts,
              SUM(CASE WHEN t.shape = 'c' THEN t.amount ELSE 0.0 END) AS amount,
              SUM(CASE WHEN t.shape = 'y' THEN 1 ELSE 0 END) AS answers,
              SUM(CASE WHEN t.shape = 'y' AND t.answer THEN 1 ELSE 0 END) AS yes,
              SUM(CASE WHEN t.shape = 'l' THEN 1 ELSE 0 END) AS levels
            FROM (\(Self.countedValues(include))) t
            WHERE t.shape IS NOT NULL
            GROUP BY t.period, t.indicator, t.kind, t.medical, CASE WHEN t.shape = 'l' THEN t.level ELSE '' END
            """.replacingBinds(plan: plan, period: period)).all()
        for row in grouped {
            guard let key = try key(row) else { continue }
            let part = try Self.sums(row)
            sums.reported[key, default: ValueSums()] += part
            if part.organisations > 0 { sums.yearsWithData[key.indicator, default: []].insert(key.period.year) }
        }
        let silent = try await sql.raw("""
            SELECT t.period, t.indicator, t.organisation, t.kind, t.medical, t.numerator, t.denominator, t.amount,
              CASE WHEN t.answer IS NULL THEN NULL WHEN t.answer THEN 1 ELSE 0 END AS answer, t.level
            FROM (\(Self.countedValues(include))) t
            WHERE t.shape IS NOT NULL AND t.period LIKE '%S1' AND substr(t.period, 1, 8) || '2' <= $2
              AND NOT EXISTS (SELECT 1 FROM report_values v2 JOIN reports r2 ON r2.id = v2.report_id JOIN cycles c2 ON c2.id = r2.cycle_id
                WHERE c2.plan_code = $1 AND c2.period_code = substr(t.period, 1, 8) || '2'
                  AND r2.organisation_code = t.organisation AND v2.indicator_code = t.indicator
                  AND \(Self.counted(include, report: "r2")) AND \(Self.shape(value: "v2")) IS NOT NULL)
            """.replacingBinds(plan: plan, period: period)).all()
        for row in silent {
            guard let firstHalf = try key(row), let value = try storedValue(row) else { continue }
            let key = Key(period: ReportingPeriod(year: firstHalf.period.year, half: .second), indicator: firstHalf.indicator,
                          organisations: firstHalf.organisations)
            sums.carried[key, default: ValueSums()].add(value)
            sums.noteCarried(try row.decode(column: "organisation", as: String.self), key)
        }
        return sums
    }

    /// Every counted value of a plan's cycles up to a period, each with its shape: 'r' ratio, 'c' count, 'y' yes/no,
    /// 'l' level, NULL when incomplete or out of `NumberDomain.quantity` (as `ReportValueRecord.value` reads it).
    /// `$1` is the plan, `$2` the period.
    static func countedValues(_ include: EvaluationQueries.Include) -> String {
        """
        SELECT c.period_code AS period, v.indicator_code AS indicator, r.organisation_code AS organisation, o.kind AS kind,
          CASE WHEN o.is_medical THEN 1 ELSE 0 END AS medical, \(shape(value: "v")) AS shape,
          v.numerator, v.denominator, v.amount, v.answer, v.level
        FROM cycles c JOIN reports r ON r.cycle_id = c.id JOIN report_values v ON v.report_id = r.id
          LEFT JOIN organisations o ON o.code = r.organisation_code AND o.is_active = true
        WHERE c.plan_code = $1 AND c.period_code <= $2 AND \(counted(include, report: "r"))
        """
    }

    /// `EvaluationQueries.counts` in SQL.
    static func counted(_ include: EvaluationQueries.Include, report r: String) -> String {
        switch include {
        case .approved:
            "(\(r).state = 'approved' OR (\(r).state = 'locked' AND \(r).approved_at IS NOT NULL))"
        case .provisional:
            "(\(r).state IN ('approved', 'submitted') OR (\(r).state = 'locked' AND (\(r).approved_at IS NOT NULL OR \(r).submitted_at IS NOT NULL)))"
        }
    }

    static func shape(value v: String) -> String {
        let limit = "1e12"
        return """
        (CASE WHEN \(v).numerator IS NOT NULL AND \(v).denominator IS NOT NULL THEN
                (CASE WHEN abs(\(v).numerator) <= \(limit) AND abs(\(v).denominator) <= \(limit) THEN 'r' END)
              WHEN \(v).amount IS NOT NULL THEN (CASE WHEN abs(\(v).amount) <= \(limit) THEN 'c' END)
              WHEN \(v).answer IS NOT NULL THEN 'y' WHEN \(v).level IS NOT NULL THEN 'l' END)
        """
    }

    private static func key(_ row: any SQLRow) throws -> Key? {
        guard let period = try? ReportingPeriod(code: try row.decode(column: "period", as: String.self)) else { return nil }
        let group = OrganisationClass(kind: try row.decode(column: "kind", as: String?.self),
                                      isMedical: try row.decode(column: "medical", as: Int.self) != 0)
        return Key(period: period, indicator: try row.decode(column: "indicator", as: String.self), organisations: group)
    }

    /// A stored value as `ReportValueRecord.value` reads it.
    static func storedValue(_ row: any SQLRow) throws -> ReportedValue? {
        let value = ReportValueRecord.stored(numerator: try row.decode(column: "numerator", as: Double?.self),
                                             denominator: try row.decode(column: "denominator", as: Double?.self),
                                             amount: try row.decode(column: "amount", as: Double?.self),
                                             answer: try row.decode(column: "answer", as: Int?.self).map { $0 != 0 },
                                             level: try row.decode(column: "level", as: String?.self))
        return value.flatMap { $0.isWithinDomain ? $0 : nil }
    }
}

extension String {
    /// `$1` / `$2` placeholders as SQLKit binds: the same text runs on SQLite and PostgreSQL.
    func replacingBinds(plan: String, period: ReportingPeriod) -> SQLQueryString {
        let parts = components(separatedBy: "$")
        var query = SQLQueryString(parts[0])
        for part in parts.dropFirst() {
            if part.hasPrefix("1") {
                query.appendInterpolation(bind: plan)
                query.appendLiteral(String(part.dropFirst()))
            } else if part.hasPrefix("2") {
                query.appendInterpolation(bind: period.code)
                query.appendLiteral(String(part.dropFirst()))
            } else {
                query.appendLiteral("$" + part)
            }
        }
        return query
    }
}
