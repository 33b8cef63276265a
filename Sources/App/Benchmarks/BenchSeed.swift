import Fluent
import Foundation
import Planning
import SQLKit

/// The benchmarks' data: `units` units (`BENCH-000001` …, marked demo) and `periods` closed cycles from 2026NovS1 on,
/// every unit's report approved with a value for every indicator it reports — written by the database itself
/// (`INSERT … SELECT`), so 13,000 units × 10 periods take seconds. The values are a fixed function of the unit's number,
/// the indicator and the period: the same data on every run and on both databases. Synthetic data, not audit-logged.
enum BenchSeed {
    static let prefix = "BENCH-"
    static let first = ReportingPeriod(year: 2026, half: .first)

    static func periods(_ count: Int) -> [ReportingPeriod] {
        Array(sequence(first: first) { $0.next }.prefix(max(0, count)))
    }

    static func seed(units: Int, periods count: Int, on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { throw AppError.databaseUnavailable }
        let plan = try await PlanQueries.resolve(nil, on: db)
        let indicators = try await IndicatorQueries.indicators(of: plan, on: db)
        let existing = try await sql.raw("SELECT COUNT(*) AS n FROM organisations WHERE code LIKE '\(unsafeRaw: prefix)%'").first()
        guard try existing?.decode(column: "n", as: Int.self) == 0 else { throw BenchError.alreadySeeded }
        try await db.writing { db in
            guard let sql = db as? any SQLDatabase else { throw AppError.databaseUnavailable }
            var records: [OrganisationRecord] = []
            for number in 1...max(1, units) {
                // Mostly district centres and other units, a few hospitals: the reporting scopes all have units.
                let kind: OrganisationKind = switch number % 20 {
                case 0: .provincialHospital
                case 1: .specialisedHospital
                case 2...9: .districtHealthCentre
                default: .otherUnit
                }
                let code = prefix + String(format: "%06d", number)
                records.append(OrganisationRecord(Organisation(code: code, name: "Đơn vị thử tải \(number)", kind: kind, isMedical: number % 3 != 0,
                                                               parentCode: Directory.department.code), isDemo: true))
            }
            for chunk in stride(from: 0, to: records.count, by: 1000) {
                try await Array(records[chunk..<min(chunk + 1000, records.count)]).create(on: db)
            }
            for period in periods(count) {
                if try await CycleRecord.query(on: db).filter(\.$planCode == plan.code).filter(\.$periodCode == period.code).first() != nil { continue }
                let cycle = CycleRecord()
                cycle.planCode = plan.code
                cycle.periodCode = period.code
                cycle.calendar = "november"
                cycle.setDates(ReportingCycleDates(period, calendar: .november))
                cycle.state = CycleState.closed.rawValue
                cycle.reminderDays = 7
                try await cycle.create(on: db)
            }
            let codes = periods(count).map(\.code)
            let postgres = sql.dialect.name == "postgresql"
            let unit = "CAST(substr(o.code, \(prefix.count + 1)) AS INTEGER)"
            let period = "(CAST(substr(c.period_code, 1, 4) AS INTEGER) * 2 + CAST(substr(c.period_code, 9, 1) AS INTEGER))"
            let now = sql.dialect.name == "postgresql" ? "now()" : "CAST(strftime('%s', 'now') AS REAL)"
            let reports = """
                INSERT INTO reports (id, cycle_id, organisation_code, state, version, submitted_at, last_submitted_at, approved_at, submitted_by, approved_by)
                SELECT \(Self.uuid(period, "0", unit, postgres: postgres)), c.id, o.code, 'approved', 1, \(now), \(now), \(now), 'bench', 'bench'
                FROM cycles c CROSS JOIN organisations o
                WHERE c.plan_code = 
                """
            var insert = SQLQueryString(reports)
            insert.appendInterpolation(bind: plan.code)
            insert.appendLiteral(" AND c.period_code IN (")
            insert.appendInterpolation(binds: codes)
            insert.appendLiteral(") AND o.code LIKE '\(prefix)%'")
            try await sql.raw(insert).run()
            // Millions of rows: the version is raised once at the end instead of once per row.
            try await CreateDataVersions.dropTriggers(on: sql)
            try await CreatePeriodSums.dropTriggers(on: sql)
            for indicator in indicators {
                guard let units = unitFilter(indicator.reporters) else { continue }
                let text = """
                    INSERT INTO report_values (id, report_id, indicator_code, numerator, denominator, amount, answer, level)
                    SELECT \(Self.uuid("t.k", "\(indicator.number)", "t.u", postgres: postgres)), t.id, '\(indicator.code)', \(columns(indicator))
                    FROM (SELECT r.id, \(period) AS k, \(unit) AS u, \(unit) * 7919 + \(indicator.number * 104_729) + \(period) * 1009 AS h
                          FROM reports r JOIN cycles c ON c.id = r.cycle_id JOIN organisations o ON o.code = r.organisation_code
                          WHERE o.code LIKE '\(prefix)%' AND \(units) AND c.plan_code = 
                    """
                var values = SQLQueryString(text)
                values.appendInterpolation(bind: plan.code)
                values.appendLiteral(") t")
                try await sql.raw(values).run()
            }
            try await CreateDataVersions.createTriggers(on: sql)
            try await CreatePeriodSums.createTriggers(on: sql)
            try await sql.raw("UPDATE data_versions SET version = version + 1").run()
            try await PeriodSums.rebuild(on: db)
        }
        // The planner's statistics for the new rows (PostgreSQL's autovacuum would take its time; SQLite has none).
        try await sql.raw("ANALYZE").run()
        return try await sql.raw("SELECT COUNT(*) AS n FROM report_values").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// An id made of three numbers (period, indicator, unit), so rows go into the indexes in order: a bulk load of
    /// random ids spends its time moving about the index. SQLite holds Fluent's ids as text, PostgreSQL as uuid.
    static func uuid(_ first: String, _ second: String, _ third: String, postgres: Bool) -> String {
        postgres
            ? "CAST(lpad(to_hex(\(first)), 8, '0') || '-' || lpad(to_hex(\(second)), 4, '0') || '-4000-8000-' || lpad(to_hex(\(third)), 12, '0') AS uuid)"
            : "printf('%08X-%04X-4000-8000-%012X', \(first), \(second), \(third))"
    }

    /// `ReportingScope.includes` for the benchmark's units (never the Department or an office).
    static func unitFilter(_ scope: ReportingScope) -> String? {
        switch scope {
        case .allOrganisations, .affiliatedUnits: "1 = 1"
        case .medicalUnits: "o.is_medical = true"
        case .department: nil
        }
    }

    /// numerator, denominator, amount, answer, level from the hash `t.h`: whole numbers, ratios within 0–100 %.
    static func columns(_ indicator: Indicator) -> String {
        switch indicator.measure {
        case .ratio: "CAST(t.h % 41 + 10 AS DOUBLE PRECISION), CAST(t.h % 13 + 51 AS DOUBLE PRECISION), NULL, NULL, NULL"
        case .count: "NULL, NULL, CAST(t.h % 17 AS DOUBLE PRECISION), NULL, NULL"
        case .shareOfUnits: "NULL, NULL, NULL, (t.h % 4 <> 0), NULL"
        case .level:
            "NULL, NULL, NULL, NULL, CASE " + indicator.scale.enumerated().map { index, level in
                "WHEN t.h % \(max(1, indicator.scale.count)) = \(index) THEN '\(level.replacingOccurrences(of: "'", with: "''"))'"
            }.joined(separator: " ") + " END"
        }
    }
}

enum BenchError: Error, CustomStringConvertible {
    case alreadySeeded
    case noCycle

    var description: String {
        switch self {
        case .alreadySeeded: "Cơ sở dữ liệu đã có dữ liệu thử tải (BENCH-…): dùng một cơ sở dữ liệu mới. The database already holds benchmark data."
        case .noCycle: "Chưa có đợt báo cáo nào: chạy chitieu bench seed trước. No cycle: run chitieu bench seed first."
        }
    }
}
