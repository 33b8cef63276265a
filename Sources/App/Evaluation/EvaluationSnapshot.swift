import Fluent
import Foundation
import Planning
import Vapor

/// One evaluation view — a plan, a period, a scope, approved or provisional values — read once from the stored
/// values. The dashboards, the API and the documents (DOCX, XLSX, CSV) all take their figures from here, so they
/// cannot disagree.
struct EvaluationSnapshot: Sendable {
    /// What a view asks for, from the URL (`?period=2026NovS2&org=SYT&kind=&lead=&include=provisional`).
    struct Query: Content {
        var period: String?
        var org: String?
        var kind: String?
        /// A lead office: only the indicators it leads.
        var lead: String?
        var include: String?
        var plan: String?
    }

    let plan: PlanRecord
    let period: ReportingPeriod
    let include: EvaluationQueries.Include
    let scope: EvaluationQueries.Scope
    /// The lead office the indicators are narrowed to, if any.
    let lead: Organisation?
    let indicators: [Indicator]
    let groups: [IndicatorGroup]
    /// The periods of the plan's cycles up to `period`, oldest first (the trend's points).
    let periods: [ReportingPeriod]
    /// The counted values summed by the database (the scope's assessments and trend come from these).
    let sums: EvaluationSums
    /// Counted values by indicator, organisation and period of the organisations assessed one by one: the scope's
    /// single organisation, or with `perUnit` every organisation in scope (a dashboard's unit rows).
    let unitValues: [String: [String: [ReportingPeriod: ReportedValue]]]
    /// Whether `unitValues` holds every organisation in scope (`units(_:)` reads them).
    let hasUnitValues: Bool
    /// Each unit's own milestone targets (its unit plan) by indicator and organisation.
    let ownTargets: [String: [String: [MilestoneTarget]]]
    /// The coverage, in percent, below which a verdict is provisional (`COVERAGE_THRESHOLD`).
    let coverageThreshold: Double
    /// One per indicator, in plan order.
    let assessments: [Assessment]
    /// The baselines lead offices entered, by indicator code: they win over the first reported year in every assessment.
    let baselines: [String: Baseline]
    /// The scope's organisations grouped by class, for the inputs read from `sums`.
    let classes: EvaluationSums.Classes

    /// - Parameters:
    ///   - perUnit: also read each organisation's values, for `units(_:)`.
    ///   - unitIndicators: over whole classes of units, only these indicators' values per organisation (an indicator's
    ///     page needs one of 37; the scope's own assessments come from the sums). Narrower scopes read them all: their
    ///     assessments are computed from these values.
    static func load(_ query: Query, user: CurrentUser, on db: any Database, coverageThreshold: Double, perUnit: Bool = false,
                     unitIndicators: Set<String>? = nil) async throws -> EvaluationSnapshot {
        let include = try include(query.include)
        let period = try await period(query.period, on: db)
        let scope = try await scope(query, user: user, on: db)
        let (plan, all) = try await IndicatorQueries.list(.init(plan: query.plan), on: db)
        let lead = try await leadOffice(query.lead, on: db)
        let indicators = visible(lead.map { office in all.filter { $0.leadOffices.contains(office.code) } } ?? all, org: query.org, to: user)
        let groups = try await plan.$groups.get(on: db).sorted { $0.position < $1.position }.map { IndicatorGroup(code: $0.code, name: $0.name) }
        let periods = try await CycleRecord.query(on: db).filter(\.$planCode == plan.code).all().compactMap(\.period).filter { $0 <= period }.sorted()
        let sums = try await EvaluationSums.cached(plan: plan.code, upTo: period, include: include, on: db)
        let hasUnitValues = perUnit || !scope.isWholeClasses
        let unitValues = hasUnitValues ? try await Self.unitValues(plan: plan.code, period: period, include: include, scope: scope,
                                                                   indicators: indicators.filter { !scope.isWholeClasses || (unitIndicators?.contains($0.code) ?? true) },
                                                                   on: db) : [:]
        let ownTargets = try await UnitPlans.milestones(plan: plan.code, indicators: indicators, on: db)
        let baselines = try await Baselines.entered(plan: plan.code, indicators: indicators, on: db)
        var snapshot = EvaluationSnapshot(plan: plan, period: period, include: include, scope: scope, lead: lead, indicators: indicators,
                                          groups: groups, periods: periods, sums: sums, unitValues: unitValues, hasUnitValues: hasUnitValues, ownTargets: ownTargets,
                                          coverageThreshold: coverageThreshold, assessments: [], baselines: baselines,
                                          classes: EvaluationSums.Classes(scope.organisations))
        snapshot = snapshot.with(assessments: indicators.map { snapshot.assess($0) })
        return snapshot
    }

    static func unitValues(plan: String, period: ReportingPeriod, include: EvaluationQueries.Include, scope: EvaluationQueries.Scope,
                           indicators: [Indicator], on db: any Database) async throws -> [String: [String: [ReportingPeriod: ReportedValue]]] {
        try await EvaluationQueries.values(plan: plan, upTo: period, include: include,
                                           organisations: scope.isSector ? nil : scope.organisations.map(\.code),
                                           indicators: indicators.map(\.code), on: db)
    }

    /// The snapshot with every organisation's own values read, for `units(_:)`.
    func withUnits(on db: any Database) async throws -> EvaluationSnapshot {
        if hasUnitValues { return self }
        let unitValues = try await Self.unitValues(plan: plan.code, period: period, include: include, scope: scope, indicators: indicators, on: db)
        return EvaluationSnapshot(plan: plan, period: period, include: include, scope: scope, lead: lead, indicators: indicators, groups: groups,
                                  periods: periods, sums: sums, unitValues: unitValues, hasUnitValues: true, ownTargets: ownTargets,
                                  coverageThreshold: coverageThreshold, assessments: assessments, baselines: baselines, classes: classes)
    }

    private func with(assessments: [Assessment]) -> EvaluationSnapshot {
        EvaluationSnapshot(plan: plan, period: period, include: include, scope: scope, lead: lead, indicators: indicators, groups: groups,
                           periods: periods, sums: sums, unitValues: unitValues, hasUnitValues: hasUnitValues, ownTargets: ownTargets, coverageThreshold: coverageThreshold, assessments: assessments,
                           baselines: baselines, classes: classes)
    }

    /// `indicator` assessed in another period or over other organisations (a unit's row, a trend's point): one
    /// organisation against its own plan or what applies to a unit, several against what applies to a group, the
    /// sector against the plan (`AssessmentScope`).
    func assess(_ indicator: Indicator, in period: ReportingPeriod? = nil, organisations: [Organisation]? = nil) -> Assessment {
        let organisations = organisations ?? scope.organisations
        let assessmentScope: AssessmentScope = if scope.isSector && organisations.count == scope.organisations.count {
            .sector
        } else if organisations.count == 1, let only = organisations.first {
            .unit(own: ownTargets[indicator.code]?[only.code] ?? [])
        } else {
            .group
        }
        let period = period ?? self.period
        let input: AssessmentInput
        if scope.isWholeClasses && organisations.count == scope.organisations.count {
            input = sums.input(indicator, in: period, classes: classes)
        } else {
            // The forecast's years are those with data anywhere, as for the whole scope.
            input = AssessmentInput(indicator, in: period, organisations: organisations.filter { indicator.reporters.includes($0) },
                                    values: unitValues[indicator.code] ?? [:], yearsWithData: sums.yearsWithData[indicator.code] ?? [])
        }
        return Assessment.assess(indicator, in: period, milestoneYears: plan.milestoneYears, input: input,
                                 baseline: baselines[indicator.code], scope: assessmentScope, coverageThreshold: coverageThreshold)
    }

    /// The indicator's assessments along the snapshot's periods.
    func series(_ indicator: Indicator, organisations: [Organisation]? = nil) -> [Assessment] {
        periods.map { assess(indicator, in: $0, organisations: organisations) }
    }

    func group(_ code: String) -> IndicatorGroup { groups.first { $0.code == code } ?? IndicatorGroup(code: code, name: code) }

    var statusCounts: [EvaluationStatus: Int] {
        assessments.reduce(into: [:]) { $0[$1.evaluation.status, default: 0] += 1 }
    }

    // MARK: - Reading the query

    /// The period asked for; by default the latest cycle's, else the one running today.
    static func period(_ code: String?, on db: any Database) async throws -> ReportingPeriod {
        if let code, !code.isEmpty {
            guard let period = try? ReportingPeriod(code: code) else { throw CycleError.invalidPeriod(code) }
            return period
        }
        if let latest = try await CycleRecord.query(on: db).sort(\.$periodCode, .descending).first()?.period { return latest }
        return ReportingCalendar.november.period(containing: Day(Date()))
    }

    /// A lead office looking at one other organisation's figures sees only the indicators it leads, as in that
    /// organisation's report (`AccessPolicy.readsWholeReport`); the sector's totals it sees whole.
    static func visible(_ indicators: [Indicator], org: String?, to user: CurrentUser) -> [Indicator] {
        guard let org, !org.isEmpty, org != Directory.department.code else { return indicators }
        return AccessPolicy.visibleIndicators(indicators, role: user.role, own: user.organisationCode, report: org)
    }

    /// A unit reporter or head sees its own organisation and the sector's totals, nothing of another unit.
    static func scope(_ query: Query, user: CurrentUser, on db: any Database) async throws -> EvaluationQueries.Scope {
        let kind = query.kind.flatMap { $0.isEmpty ? nil : $0 }
        let org = query.org.flatMap { $0.isEmpty ? nil : $0 }
        if user.role.readsOwnOrganisationOnly, kind != nil || (org.map { $0 != user.organisationCode && $0 != Directory.department.code } ?? false) {
            throw AppError.forbidden
        }
        return try await EvaluationQueries.scope(org: org, kind: kind, on: db)
    }

    static func include(_ text: String?) throws -> EvaluationQueries.Include {
        guard let text, !text.isEmpty else { return .approved }
        guard let include = EvaluationQueries.Include(rawValue: text) else {
            throw AppError.invalidQuery(parameter: "include", value: text, allowed: ["approved", "provisional"])
        }
        return include
    }

    static func leadOffice(_ code: String?, on db: any Database) async throws -> Organisation? {
        guard let code, !code.isEmpty else { return nil }
        let offices = try await Directory.active(on: db).filter { $0.kind == .office }
        guard let office = offices.first(where: { $0.code == code }) else {
            throw AppError.invalidQuery(parameter: "lead", value: code, allowed: offices.map(\.code))
        }
        return office
    }
}

extension EvaluationSnapshot {
    /// Each organisation in scope that reports `indicator`, assessed on its own.
    func units(_ indicator: Indicator) -> [(organisation: Organisation, assessment: Assessment)] {
        scope.organisations.filter { indicator.reporters.includes($0) }.map { ($0, assess(indicator, organisations: [$0])) }
    }
}
