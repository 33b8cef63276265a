import Fluent
import Foundation
import Planning
import SQLKit
import Vapor

/// A report with everything needed to show, check and change it.
struct ReportContext: Sendable {
    let report: ReportRecord
    let cycle: CycleRecord
    let organisation: Organisation
    /// The indicators this organisation reports, in plan order.
    let indicators: [Indicator]
    let values: [String: ReportValueRecord]
    /// The organisation's values of the previous period, by indicator code.
    let previous: [String: ReportedValue]
    /// Group names by code (I–IV).
    let groupNames: [String: String]
    /// False when the reader may not see the narrative (a lead office reading another organisation's report).
    var showsNarrative = true

    var period: ReportingPeriod? { cycle.period }
    var key: String { "\(organisation.code)/\(cycle.periodCode)" }
    var names: [String: String] { Dictionary(uniqueKeysWithValues: indicators.map { ($0.code, $0.name) }) }
}

/// Unit reports: who may do what to them, loading, saving, the workflow.
enum Reports {
    static func load(_ id: UUID?, on db: any Database) async throws -> ReportContext {
        guard let id, let report = try await ReportRecord.query(on: db).filter(\.$id == id).with(\.$cycle).with(\.$values).first() else {
            throw ReportError.notFound(id?.uuidString ?? "-")
        }
        return try await context(report, on: db)
    }

    static func context(_ report: ReportRecord, on db: any Database) async throws -> ReportContext {
        let cycle = report.cycle
        guard let organisation = try await OrganisationRecord.query(on: db).filter(\.$code == report.organisationCode).first()?.toDomain() else {
            throw AppError.organisationNotFound(report.organisationCode)
        }
        let (plan, all) = try await IndicatorQueries.list(.init(plan: cycle.planCode), on: db)
        let indicators = ReportingScope.indicators(all, reportedBy: organisation)
        let groups = try await IndicatorGroupRecord.query(on: db).filter(\.$plan.$id == plan.requireID()).all()
        return ReportContext(report: report, cycle: cycle, organisation: organisation, indicators: indicators,
                             values: Dictionary(report.values.map { ($0.indicatorCode, $0) }) { first, _ in first },
                             previous: try await previousValues(of: organisation.code, before: cycle, on: db),
                             groupNames: Dictionary(groups.map { ($0.code, $0.name) }) { first, _ in first })
    }

    /// The values the organisation reported in the cycle of the period before (any state but an empty draft).
    static func previousValues(of organisation: String, before cycle: CycleRecord, on db: any Database) async throws -> [String: ReportedValue] {
        guard let period = cycle.period,
              let earlier = try await CycleRecord.query(on: db).filter(\.$planCode == cycle.planCode)
                .filter(\.$periodCode == period.previous.code).first(),
              let report = try await ReportRecord.query(on: db).filter(\.$cycle.$id == earlier.requireID())
                .filter(\.$organisationCode == organisation).with(\.$values).first() else { return [:] }
        return report.values.reduce(into: [:]) { all, value in all[value.indicatorCode] = value.value }
    }

    // MARK: who may do what

    /// A unit reporter or head reads only its own organisation's reports; everyone else reads all.
    static func authorizeRead(_ context: ReportContext, by user: CurrentUser) throws {
        guard AccessPolicy.mayReadData(role: user.role, own: user.organisationCode, other: context.organisation.code) else {
            throw AppError.forbidden
        }
    }

    /// The report is the user's to fill in: its own organisation's, or — for a lead office — the Department's
    /// report when it leads one of its indicators.
    static func isOwn(_ context: ReportContext, by user: CurrentUser) -> Bool {
        if context.organisation.kind == .department { return leadsAnIndicator(context, user) }
        return user.organisationCode == context.organisation.code
    }

    static func leadsAnIndicator(_ context: ReportContext, _ user: CurrentUser) -> Bool {
        user.role == .leadOffice && context.indicators.contains { $0.leadOffices.contains(user.organisationCode) }
    }

    /// The indicators whose values the user may enter: all of its own report's, or, in the Department's report,
    /// those its office leads.
    static func writableIndicators(_ context: ReportContext, by user: CurrentUser) -> Set<String> {
        // A unit head reads and signs his unit's report; he enters no values.
        guard isOwn(context, by: user), AccessPolicy.allows(user.role, .writeReports) else { return [] }
        let mine = context.organisation.kind == .department
            ? context.indicators.filter { $0.leadOffices.contains(user.organisationCode) } : context.indicators
        return Set(mine.map(\.code))
    }

    /// Lead offices comment on the values of the indicators they lead; the coordinator on any.
    static func mayReview(_ indicator: Indicator, by user: CurrentUser) -> Bool {
        user.role == .coordinator || (user.role == .leadOffice && indicator.leadOffices.contains(user.organisationCode))
    }

    /// - Parameter unitHasHead: the organisation has an active unit head (`UnitHeads.exists`): a submission goes to him.
    static func workflow(_ action: ReportAction, _ context: ReportContext, by user: CurrentUser, unitHasHead: Bool = false,
                         reason: String? = nil) throws -> ReportState {
        switch ReportWorkflow.apply(action, to: context.report.reportState, by: user.role, ownReport: isOwn(context, by: user),
                                    leadsAnIndicator: leadsAnIndicator(context, user), unitHasHead: unitHasHead, reason: reason) {
        case .success(let state): return state
        case .failure(let refusal): throw ReportError.workflow(refusal)
        }
    }

    /// Raises the version if it is still `expected`, atomically: of two people saving the same version, the
    /// second finds no row to update and gets a conflict, and its transaction writes nothing.
    static func claim(_ report: ReportRecord, version expected: Int, on db: any Database) async throws {
        guard report.version == expected else { throw ReportError.versionConflict(current: report.version, yours: expected) }
        guard let sql = db as? any SQLDatabase else { throw AppError.databaseUnavailable }
        let rows = try await sql.update(ReportRecord.schema).set("version", to: expected + 1)
            .where("id", .equal, try report.requireID()).where("version", .equal, expected)
            .returning("version").all()
        guard rows.count == 1 else {
            let current = try await ReportRecord.find(report.requireID(), on: db)?.version ?? expected
            throw ReportError.versionConflict(current: current, yours: expected)
        }
        report.version = expected + 1
    }

    static func recordEvent(_ context: ReportContext, _ action: ReportAction, from: ReportState, to: ReportState, actor: Actor,
                            reason: String?, at: Date, on db: any Database) async throws {
        let id = try context.report.requireID()
        try await ReportEventRecord(reportID: id, action: action, from: from, to: to, actor: actor.name, reason: reason, at: at).create(on: db)
        if from != to {
            try await Audit.record([AuditChange("report", context.key, "state", old: from.rawValue, new: to.rawValue)], by: actor, reason: reason, on: db)
        }
    }
}
