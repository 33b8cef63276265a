import Fluent
import Foundation
import Planning
import SQLKit
import Vapor

/// `chitieu bench …` — for the benchmarks in `benchmarks/` only (BENCHMARKS.md): never on a database in use.
struct BenchCommand: AsyncCommandGroup {
    var help: String { "Chỉ dùng cho benchmarks/: seed, evaluation. Benchmarks only (BENCHMARKS.md)." }
    var commands: [String: any AnyAsyncCommand] { ["seed": Seed(), "evaluation": Evaluation()] }

    /// `chitieu bench seed --units N --periods P`
    struct Seed: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "units", help: "Số đơn vị (mặc định 100)") var units: Int?
            @Option(name: "periods", help: "Số kỳ báo cáo từ 2026NovS1 (mặc định 10)") var periods: Int?
        }

        var help: String { "Sinh dữ liệu thử tải: N đơn vị × P kỳ, mọi báo cáo đã duyệt. Benchmark data." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            _ = try await Setup.prepare(app)
            let units = min(max(signature.units ?? 100, 1), 100_000)
            let periods = min(max(signature.periods ?? 10, 1), 40)
            let start = ContinuousClock.now
            let values = try await BenchSeed.seed(units: units, periods: periods, on: app.db)
            let took = ContinuousClock.now - start
            context.console.print("seeded \(units) units × \(periods) periods: \(values) values in \(BenchClock.text(took))")
        }
    }

    /// `chitieu bench evaluation [--period P] [--runs R]` — the evaluation's own time against the SQL floor, same run.
    struct Evaluation: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "period", help: "Kỳ (mặc định kỳ mới nhất)") var period: String?
            @Option(name: "runs", help: "Số lần đo, lấy trung vị (mặc định 5)") var runs: Int?
        }

        var help: String { "Đo thời gian đánh giá so với truy vấn SQL sàn. Evaluation against the SQL floor." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            let db = app.db
            guard let sql = db as? any SQLDatabase else { throw AppError.databaseUnavailable }
            let period = try await EvaluationSnapshot.period(signature.period, on: db)
            let plan = try await PlanQueries.resolve(nil, on: db)
            let runs = min(max(signature.runs ?? 5, 1), 100)
            let user = CurrentUser(commandLine: "bench@chitieu.local", name: "bench", role: .admin, organisationCode: Directory.department.code)
            let query = EvaluationSnapshot.Query(period: period.code)
            let threshold = app.settings.coverageThreshold
            let rules = try await BenchClock.median(runs) { _ = try await sql.raw(BenchFloor.yearRules(plan: plan.code, period: period)).all() }
            let groupBy = try await BenchClock.median(runs) { _ = try await sql.raw(BenchFloor.groupBy(plan: plan.code, period: period)).all() }
            let cold = try await BenchClock.median(runs) {
                // A new data version: the cache cannot answer; the kept sums are read (nothing to fold).
                try await sql.raw("UPDATE data_versions SET version = version + 1 WHERE name = 'values'").run()
                _ = try await EvaluationSnapshot.load(query, user: user, on: db, coverageThreshold: threshold)
            }
            // A real change: one approved report of the period sent back and approved again (its unit's year is folded).
            let report = try await sql.raw("""
                SELECT r.id FROM reports r JOIN cycles c ON c.id = r.cycle_id
                WHERE c.plan_code = \(bind: plan.code) AND c.period_code = \(bind: period.code) AND r.state = 'approved' LIMIT 1
                """).first()?.decode(column: "id", as: UUID.self)
            let change = try await BenchClock.median(runs) {
                guard let report else { return }
                try await sql.raw("UPDATE reports SET state = 'submitted' WHERE id = \(bind: report)").run()
                try await sql.raw("UPDATE reports SET state = 'approved' WHERE id = \(bind: report)").run()
                _ = try await EvaluationSnapshot.load(query, user: user, on: db, coverageThreshold: threshold)
            }
            let warm = try await BenchClock.median(runs) { _ = try await EvaluationSnapshot.load(query, user: user, on: db, coverageThreshold: threshold) }
            let computed = try await BenchClock.median(runs) {
                _ = try await EvaluationSums.computed(plan: plan.code, upTo: period, include: .approved, on: db)
            }
            let rebuild = try await BenchClock.median(1) { try await PeriodSums.rebuild(on: db) }
            let values = try await sql.raw("SELECT COUNT(*) AS n FROM report_values").first()?.decode(column: "n", as: Int.self) ?? 0
            let database = app.settings.databaseKind
            context.console.print("evaluation \(period.code) on \(database), \(values) stored values, median of \(runs):")
            context.console.print("  floor, same year rules in SQL:       \(BenchClock.text(rules))")
            context.console.print("  floor, plain GROUP BY:                \(BenchClock.text(groupBy))")
            context.console.print("  chitieu, new data version (kept sums): \(BenchClock.text(cold))  ratio \(BenchClock.ratio(cold, rules)) × rules floor, \(BenchClock.ratio(cold, groupBy)) × GROUP BY")
            context.console.print("  chitieu, after one report changed:    \(BenchClock.text(change))  ratio \(BenchClock.ratio(change, rules)) × rules floor (two writes, a fold, the evaluation)")
            context.console.print("  chitieu, same data version (cached):  \(BenchClock.text(warm))  ratio \(BenchClock.ratio(warm, rules)) × rules floor")
            context.console.print("  sums computed straight from values:   \(BenchClock.text(computed))  ratio \(BenchClock.ratio(computed, rules)) × rules floor")
            context.console.print("  kept sums rebuilt from scratch:       \(BenchClock.text(rebuild))")
            context.console.print("RESULT evaluation db=\(database) values=\(values) floor_rules_ms=\(BenchClock.ms(rules)) floor_groupby_ms=\(BenchClock.ms(groupBy)) cold_ms=\(BenchClock.ms(cold)) change_ms=\(BenchClock.ms(change)) warm_ms=\(BenchClock.ms(warm)) computed_ms=\(BenchClock.ms(computed)) rebuild_ms=\(BenchClock.ms(rebuild))")
        }
    }
}

enum BenchClock {
    static func median(_ runs: Int, _ body: () async throws -> Void) async throws -> Duration {
        var times: [Duration] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            try await body()
            times.append(ContinuousClock.now - start)
        }
        return times.sorted()[times.count / 2]
    }

    static func ms(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.1f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }

    static func text(_ duration: Duration) -> String { ms(duration) + " ms" }

    static func ratio(_ a: Duration, _ b: Duration) -> String {
        let divisor = Double(ms(b)) ?? 0
        guard divisor > 0, let dividend = Double(ms(a)) else { return "—" }
        return String(format: "%.2f", dividend / divisor)
    }
}
