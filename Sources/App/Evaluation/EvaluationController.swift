import Fluent
import Planning
import Vapor

/// Evaluation against targets, computed live: `GET /api/v1/evaluation`, `GET /api/v1/indicators/{code}/series`.
struct EvaluationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let read = routes.requiring(.readReports)
        read.get("dashboard", use: dashboard)
        read.get("api", "v1", "evaluation", use: evaluation)
        read.get("api", "v1", "indicators", ":code", "series", use: series)
    }

    struct Query: Content {
        var period: String?
        var org: String?
        var kind: String?
        var include: String?
        var plan: String?
    }

    /// The period asked for; by default the latest cycle's, else the one running today.
    static func period(_ code: String?, on db: any Database) async throws -> ReportingPeriod {
        if let code {
            guard let period = try? ReportingPeriod(code: code) else { throw CycleError.invalidPeriod(code) }
            return period
        }
        if let latest = try await CycleRecord.query(on: db).sort(\.$periodCode, .descending).first()?.period { return latest }
        return ReportingCalendar.november.period(containing: Day(Date()))
    }

    /// A unit reporter sees its own organisation and the sector's totals, nothing of another unit.
    static func scope(_ query: Query, user: CurrentUser, on db: any Database) async throws -> EvaluationQueries.Scope {
        if user.role == .unitReporter, query.kind != nil || (query.org.map { $0 != user.organisationCode && $0 != Directory.department.code } ?? false) {
            throw AppError.forbidden
        }
        return try await EvaluationQueries.scope(org: query.org, kind: query.kind, on: db)
    }

    static func include(_ text: String?) throws -> EvaluationQueries.Include {
        guard let text else { return .approved }
        guard let include = EvaluationQueries.Include(rawValue: text) else {
            throw AppError.invalidQuery(parameter: "include", value: text, allowed: ["approved", "provisional"])
        }
        return include
    }

    @Sendable func dashboard(req: Request) async throws -> Response {
        try await req.page("dashboard", try await DashboardPage(req))
    }

    @Sendable func evaluation(req: Request) async throws -> [EvaluationDTO] {
        let query = try req.query.decode(Query.self)
        let include = try Self.include(query.include)
        let period = try await Self.period(query.period, on: req.db)
        let scope = try await Self.scope(query, user: req.requireUser(), on: req.db)
        let (plan, indicators) = try await IndicatorQueries.list(.init(plan: query.plan), on: req.db)
        let values = try await EvaluationQueries.values(plan: plan.code, upTo: period, include: include, on: req.db)
        return indicators.map { indicator in
            EvaluationDTO(Assessment.assess(indicator, in: period, milestoneYears: plan.milestoneYears, organisations: scope.organisations,
                                            values: values[indicator.code] ?? [:]), indicator: indicator)
        }
    }

    @Sendable func series(req: Request) async throws -> SeriesDTO {
        let query = try req.query.decode(Query.self)
        let include = try Self.include(query.include)
        let scope = try await Self.scope(query, user: req.requireUser(), on: req.db)
        let (plan, indicator) = try await IndicatorQueries.find(req.parameters.get("code") ?? "", plan: query.plan, on: req.db)
        let periods = try await CycleRecord.query(on: req.db).filter(\.$planCode == plan.code).all().compactMap(\.period).sorted()
        guard let last = periods.last else { return SeriesDTO(code: indicator.code, organisation: query.org ?? Directory.department.code, points: []) }
        let values = try await EvaluationQueries.values(plan: plan.code, upTo: last, include: include, on: req.db)[indicator.code] ?? [:]
        let points = periods.map { period in
            let assessment = Assessment.assess(indicator, in: period, milestoneYears: plan.milestoneYears, organisations: scope.organisations, values: values)
            return SeriesDTO.Point(period: period.code, value: EvaluationDTO(assessment, indicator: indicator).value,
                                   status: assessment.evaluation.status.rawValue, expected: NumberStyle.english.describe(assessment.expected),
                                   reportingUnits: assessment.reportingUnits)
        }
        return SeriesDTO(code: indicator.code, organisation: query.org ?? Directory.department.code, points: points)
    }
}
