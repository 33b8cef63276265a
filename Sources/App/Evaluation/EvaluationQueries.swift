import Fluent
import Foundation
import Planning
import Vapor

/// Reads what the assessment needs, live from the stored values: no copy to regenerate.
enum EvaluationQueries {
    struct Scope: Sendable {
        /// The organisations whose values count (one unit, a kind of unit, or all).
        let organisations: [Organisation]
        /// The Department, its offices and units (the sector) when the scope is the Department.
        let isSector: Bool
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
        let all = try await Directory.all(on: db).map { $0.toDomain() }
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
        return Scope(organisations: [organisation], isSector: false)
    }

    /// Every counted value of the plan up to `period`, by indicator, organisation and period.
    static func values(plan: String, upTo period: ReportingPeriod, include: Include, on db: any Database) async throws
        -> [String: [String: [ReportingPeriod: ReportedValue]]] {
        let cycles = try await CycleRecord.query(on: db).filter(\.$planCode == plan).all()
            .filter { ($0.period.map { $0 <= period }) ?? false }
        guard !cycles.isEmpty else { return [:] }
        let periods = Dictionary(uniqueKeysWithValues: try cycles.compactMap { cycle in try cycle.period.map { (try cycle.requireID(), $0) } })
        let reports = try await ReportRecord.query(on: db).filter(\.$cycle.$id ~~ Array(periods.keys)).with(\.$values).all()
            .filter { counts($0, include) }
        var result: [String: [String: [ReportingPeriod: ReportedValue]]] = [:]
        for report in reports {
            guard let reportPeriod = periods[report.$cycle.id] else { continue }
            for value in report.values {
                guard let reported = value.value else { continue }
                result[value.indicatorCode, default: [:]][report.organisationCode, default: [:]][reportPeriod] = reported
            }
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
