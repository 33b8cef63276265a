import Fluent
import Foundation
import Planning
import SQLKit
import Vapor

/// Reads what the assessment needs, live from the stored values: no copy to regenerate.
enum EvaluationQueries {
    struct Scope: Sendable {
        /// The organisations whose values count (one unit, a kind of unit, or all).
        let organisations: [Organisation]
        /// The Department, its offices and units (the sector) when the scope is the Department.
        let isSector: Bool
        /// Every active organisation of each kind it holds (the sector, a kind): its sums come from `EvaluationSums`.
        var isWholeClasses: Bool = true
    }

    enum Include: String, Sendable {
        /// Approved values only.
        case approved
        /// Submitted values too, marked provisional.
        case provisional
    }

    /// `org` nil or the Department: the whole sector; a unit or office code: that organisation; `kind`: every
    /// organisation of that kind.
    static func scope(org: String?, kind: String?, on db: any Database) async throws -> Scope {
        let all = try await Directory.active(on: db)
        if let kind {
            guard let kind = OrganisationKind(rawValue: kind) else {
                throw AppError.invalidQuery(parameter: "kind", value: kind, allowed: OrganisationKind.allCases.map(\.rawValue))
            }
            return Scope(organisations: all.filter { $0.kind == kind }, isSector: false)
        }
        guard let org, org != Directory.department.code else { return Scope(organisations: all, isSector: true) }
        guard let organisation = all.first(where: { $0.code == org }) else {
            throw AppError.invalidQuery(parameter: "org", value: org, allowed: all.map(\.code))
        }
        return Scope(organisations: [organisation], isSector: false, isWholeClasses: false)
    }

    /// Every counted value of the plan up to `period`, by indicator, organisation and period — one query of plain
    /// rows (no models), narrowed to some organisations and indicators when given.
    static func values(plan: String, upTo period: ReportingPeriod, include: Include, organisations: [String]? = nil,
                       indicators: [String]? = nil, on db: any Database) async throws
        -> [String: [String: [ReportingPeriod: ReportedValue]]] {
        guard let sql = db as? any SQLDatabase else { throw AppError.databaseUnavailable }
        if organisations?.isEmpty == true || indicators?.isEmpty == true { return [:] }
        var query = """
            SELECT t.period, t.indicator, t.organisation, t.numerator, t.denominator, t.amount,
              CASE WHEN t.answer IS NULL THEN NULL WHEN t.answer THEN 1 ELSE 0 END AS answer, t.level
            FROM (\(EvaluationSums.countedValues(include))) t WHERE t.shape IS NOT NULL
            """.replacingBinds(plan: plan, period: period)
        // A long list of organisations is filtered here instead (a database takes a bounded number of parameters).
        if let organisations, organisations.count <= 500 {
            query.appendLiteral(" AND t.organisation IN (")
            query.appendInterpolation(binds: organisations)
            query.appendLiteral(")")
        }
        if let indicators {
            query.appendLiteral(" AND t.indicator IN (")
            query.appendInterpolation(binds: indicators)
            query.appendLiteral(")")
        }
        let wanted = organisations.map(Set.init)
        var result: [String: [String: [ReportingPeriod: ReportedValue]]] = [:]
        // A few period codes over millions of rows: each parsed once.
        var periods: [String: ReportingPeriod?] = [:]
        for row in try await sql.raw(query).all() {
            let organisation = try row.decode(column: "organisation", as: String.self)
            if let wanted, !wanted.contains(organisation) { continue }
            let code = try row.decode(column: "period", as: String.self)
            if periods[code] == nil { periods[code] = .some(try? ReportingPeriod(code: code)) }
            guard let reportPeriod = periods[code] ?? nil, let value = try EvaluationSums.storedValue(row) else { continue }
            result[try row.decode(column: "indicator", as: String.self), default: [:]][organisation, default: [:]][reportPeriod] = value
        }
        return result
    }

    /// Approved reports (also once locked); with `provisional`, submitted ones too.
    static func counts(_ report: ReportRecord, _ include: Include) -> Bool {
        switch report.reportState {
        case .approved: return true
        case .locked: return report.approvedAt != nil || (include == .provisional && report.submittedAt != nil)
        case .submitted: return include == .provisional
        case .draft, .awaitingHead, .returned: return false
        }
    }
}
