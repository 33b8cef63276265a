import Fluent
import Planning
import Vapor

/// Evaluation against targets, computed live: the dashboards (`/dashboard…`) and `GET /api/v1/evaluation`,
/// `GET /api/v1/indicators/{code}/series`.
struct EvaluationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let read = routes.requiring(.readReports)
        let monitor = routes.requiring(.monitorReporting)
        read.get("dashboard", use: dashboard)
        read.get("dashboard", "indicators", ":code", use: indicatorPage)
        read.get("dashboard", "units", ":org", use: unitPage)
        monitor.get("dashboard", "offices", ":org", use: officePage)
        read.get("api", "v1", "evaluation", use: evaluation)
        read.get("api", "v1", "indicators", ":code", "series", use: series)
    }

    @Sendable func dashboard(req: Request) async throws -> Response {
        try await req.keptPage("dashboard") { try await DashboardPage($0) }
    }

    @Sendable func indicatorPage(req: Request) async throws -> Response {
        try await req.keptPage("dashboard-indicator") { try await IndicatorDashboardPage($0) }
    }

    @Sendable func unitPage(req: Request) async throws -> Response {
        try await req.page("dashboard-unit", try await UnitDashboardPage(req))
    }

    @Sendable func officePage(req: Request) async throws -> Response {
        try await req.page("dashboard-office", try await OfficeDashboardPage(req))
    }

    @Sendable func evaluation(req: Request) async throws -> [EvaluationDTO] {
        let snapshot = try await EvaluationSnapshot.load(try req.query.decode(EvaluationSnapshot.Query.self), user: req.requireUser(), on: req.db, coverageThreshold: req.application.settings.coverageThreshold)
        return zip(snapshot.assessments, snapshot.indicators).map { EvaluationDTO($0, indicator: $1) }
    }

    @Sendable func series(req: Request) async throws -> SeriesDTO {
        var query = try req.query.decode(EvaluationSnapshot.Query.self)
        let (plan, indicator) = try await IndicatorQueries.find(req.parameters.get("code") ?? "", plan: query.plan, on: req.db)
        let last = try await CycleRecord.query(on: req.db).filter(\.$planCode == plan.code).all().compactMap(\.period).max()
        let organisation = query.org ?? Directory.department.code
        guard !EvaluationSnapshot.visible([indicator], org: query.org, to: try req.requireUser()).isEmpty else { throw AppError.forbidden }
        guard let last else { return SeriesDTO(code: indicator.code, organisation: organisation, points: []) }
        query.period = last.code
        query.lead = nil
        let snapshot = try await EvaluationSnapshot.load(query, user: req.requireUser(), on: req.db, coverageThreshold: req.application.settings.coverageThreshold)
        let points = snapshot.series(indicator).map { assessment in
            SeriesDTO.Point(period: assessment.period.code, value: EvaluationDTO(assessment, indicator: indicator).value,
                            status: assessment.evaluation.status.rawValue, expected: NumberStyle.english.describe(assessment.expected),
                            reportingUnits: assessment.reportingUnits, expectedUnits: assessment.expectedUnits, provisional: assessment.isProvisional)
        }
        return SeriesDTO(code: indicator.code, organisation: organisation, points: points)
    }
}
