import Planning
import SQLKit

/// The SQL floor the evaluation is measured against (BENCHMARKS.md): hand-written queries that read the same values.
enum BenchFloor {
    /// The same year rules in one query: for every year up to the period's and every indicator, each unit's latest value
    /// of the year (stocks, answers, levels — by level) and the year's sums (flows), over approved reports.
    static func yearRules(plan: String, period: ReportingPeriod) -> SQLQueryString {
        """
        WITH v AS (
          SELECT c.period_code AS p, substr(c.period_code, 1, 4) AS y, v.indicator_code AS i, r.organisation_code AS o,
                 v.numerator AS n, v.denominator AS d, v.amount AS a, CASE WHEN v.answer THEN 1 ELSE 0 END AS yes, v.level AS l
          FROM cycles c JOIN reports r ON r.cycle_id = c.id JOIN report_values v ON v.report_id = r.id
          WHERE c.plan_code = $1 AND c.period_code <= $2 AND r.state = 'approved'),
        latest AS (SELECT y, i, o, MAX(p) AS p FROM v GROUP BY y, i, o)
        SELECT v.y, v.i, v.l, SUM(v.n) AS n, SUM(v.d) AS d, SUM(v.a) AS a, SUM(v.yes) AS yes, COUNT(*) AS units
        FROM v JOIN latest ON latest.y = v.y AND latest.i = v.i AND latest.o = v.o AND latest.p = v.p
        GROUP BY v.y, v.i, v.l
        UNION ALL
        SELECT y, i, NULL, SUM(n), SUM(d), SUM(a), SUM(yes), COUNT(*) FROM v GROUP BY y, i
        """.replacingBinds(plan: plan, period: period)
    }

    /// A plain `GROUP BY` of the period's approved values by indicator.
    static func groupBy(plan: String, period: ReportingPeriod) -> SQLQueryString {
        """
        SELECT v.indicator_code, SUM(v.numerator) AS n, SUM(v.denominator) AS d, SUM(v.amount) AS a, COUNT(*) AS units
        FROM cycles c JOIN reports r ON r.cycle_id = c.id JOIN report_values v ON v.report_id = r.id
        WHERE c.plan_code = $1 AND c.period_code = $2 AND r.state = 'approved'
        GROUP BY v.indicator_code
        """.replacingBinds(plan: plan, period: period)
    }
}
