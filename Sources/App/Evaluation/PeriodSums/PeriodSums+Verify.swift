import Fluent
import Foundation
import Planning
import SQLKit

extension PeriodSums {
    /// One difference between the kept sums and those computed from the values.
    struct Difference: Sendable, CustomStringConvertible {
        let plan: String
        let period: String
        let include: String
        let what: String

        var description: String { "\(plan) \(period) (\(include)): \(what)" }
    }

    /// Compares, for every plan and every period that has a cycle, in both include modes, the sums an evaluation reads
    /// (`EvaluationSums.load`, kept) with the same computed straight from the values (`EvaluationSums.computed`).
    static func verify(on db: any Database) async throws -> (checked: Int, differences: [Difference]) {
        guard let sql = db as? any SQLDatabase else { throw AppError.databaseUnavailable }
        try await fold(on: db)
        let cycles = try await sql.raw("SELECT DISTINCT plan_code, period_code FROM cycles ORDER BY plan_code, period_code").all()
        var differences: [Difference] = []
        var checked = 0
        for row in cycles {
            let plan = try row.decode(column: "plan_code", as: String.self)
            guard let period = try? ReportingPeriod(code: try row.decode(column: "period_code", as: String.self)) else { continue }
            for include in [EvaluationQueries.Include.approved, .provisional] {
                let kept = try await EvaluationSums.load(plan: plan, upTo: period, include: include, on: db)
                let fresh = try await EvaluationSums.computed(plan: plan, upTo: period, include: include, on: db)
                checked += 1
                for what in kept.differences(from: fresh, at: period) {
                    differences.append(Difference(plan: plan, period: period.code, include: "\(include)", what: what))
                }
            }
        }
        return (checked, differences)
    }
}

extension EvaluationSums {
    /// What differs between two sums, as an evaluation of `period` reads them (numbers to 1e-9 of their size).
    func differences(from other: EvaluationSums, at period: ReportingPeriod) -> [String] {
        var found: [String] = []
        func compare(_ name: String, _ a: [Key: ValueSums], _ b: [Key: ValueSums]) {
            let keys = Set(a.keys).union(b.keys).filter { (a[$0]?.organisations ?? 0) > 0 || (b[$0]?.organisations ?? 0) > 0 }
            for key in keys.sorted(by: { ($0.period.code, $0.indicator) < ($1.period.code, $1.indicator) })
            where !(a[key] ?? ValueSums()).isClose(to: b[key] ?? ValueSums()) {
                found.append("\(name) \(key.period.code) \(key.indicator) \(key.organisations.kind ?? "-")/\(key.organisations.isMedical): "
                             + "\(String(describing: a[key])) ≠ \(String(describing: b[key]))")
            }
        }
        compare("reported", reported, other.reported)
        compare("carried", carried, other.carried)
        if yearsWithData != other.yearsWithData { found.append("years with data differ") }
        let codes = { (sums: EvaluationSums) in sums.carriedCodes.filter { $0.key.period == period && !$0.value.isEmpty } }
        if codes(self) != codes(other) { found.append("units carried into \(period.code) differ") }
        return found
    }
}

extension ValueSums {
    /// Equal counts, and sums equal to 1e-9 of their size (sums kept by adding and taking out may round differently).
    func isClose(to other: ValueSums) -> Bool {
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }
        return ratios == other.ratios && counts == other.counts && answers == other.answers && yes == other.yes
            && levels.filter { $0.value != 0 } == other.levels.filter { $0.value != 0 }
            && close(numerator, other.numerator) && close(denominator, other.denominator) && close(amount, other.amount)
    }
}
