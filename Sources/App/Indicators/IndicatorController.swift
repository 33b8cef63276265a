import Fluent
import Planning
import Vapor

struct IndicatorController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let routes = routes.requiring(.readPlan)
        let api = routes.grouped("api", "v1", "indicators")
        api.get(use: list)
        api.get(":code", use: show)
        api.get(":code", "trajectory", use: trajectory)
        routes.get("indicators", use: registerPage)
        routes.get("indicators", ":code", use: indicatorPage)
    }

    @Sendable func list(req: Request) async throws -> [IndicatorDTO] {
        let offices = try await Self.officeNames(on: req.db)
        let (plan, indicators) = try await IndicatorQueries.list(try await Self.filter(req, offices: offices), on: req.db)
        return indicators.map { IndicatorDTO($0, plan: plan.code, offices: offices) }
    }

    @Sendable func show(req: Request) async throws -> IndicatorDTO {
        let (plan, indicator) = try await IndicatorQueries.find(req.parameters.get("code") ?? "", plan: req.query["plan"], on: req.db)
        return IndicatorDTO(indicator, plan: plan.code, offices: try await Self.officeNames(on: req.db))
    }

    @Sendable func trajectory(req: Request) async throws -> [TrajectoryYearDTO] {
        let (plan, indicator) = try await IndicatorQueries.find(req.parameters.get("code") ?? "", plan: req.query["plan"], on: req.db)
        return IndicatorPage.years(plan: plan, indicator: indicator).map {
            TrajectoryYearDTO(year: $0.year, milestone: $0.isMilestone, target: TargetDTO($0.target, year: $0.year, text: $0.text))
        }
    }

    @Sendable func registerPage(req: Request) async throws -> Response {
        let offices = try await Self.officeNames(on: req.db)
        let (plan, indicators) = try await IndicatorQueries.list(try await Self.filter(req, offices: offices), on: req.db)
        let groups = try await plan.$groups.get(on: req.db)
        return try await req.page("register", RegisterPage(req, plan: plan, groups: groups, indicators: indicators, offices: offices))
    }

    @Sendable func indicatorPage(req: Request) async throws -> Response {
        let (plan, indicator) = try await IndicatorQueries.find(req.parameters.get("code") ?? "", plan: req.query["plan"], on: req.db)
        let groups = try await plan.$groups.get(on: req.db)
        var page = IndicatorPage(req, plan: plan, groups: groups, indicator: indicator, offices: try await Self.officeNames(on: req.db))
        page.directives = try await DirectiveBlock(req, kind: "indicator", code: indicator.code)
        return try await req.page("indicator", page)
    }

    /// Reads `plan`, `group` and `leadOffice`, refusing values the plan does not have.
    static func filter(_ req: Request, offices: [String: String]) async throws -> IndicatorQueries.Filter {
        // An empty parameter (a form's blank choice) means no filter.
        let filter = IndicatorQueries.Filter(plan: try req.queryText("plan"), group: try req.queryText("group"),
                                             leadOffice: try req.queryText("leadOffice"))
        let plan = try await PlanQueries.resolve(filter.plan, on: req.db)
        if let group = filter.group {
            let codes = try await plan.$groups.get(on: req.db).sorted { $0.position < $1.position }.map(\.code)
            guard codes.contains(group) else { throw AppError.invalidQuery(parameter: "group", value: group, allowed: codes) }
        }
        if let office = filter.leadOffice {
            let codes = offices.keys.sorted()
            guard codes.contains(office) else { throw AppError.invalidQuery(parameter: "leadOffice", value: office, allowed: codes) }
        }
        return filter
    }

    static func officeNames(on db: any Database) async throws -> [String: String] {
        let offices = try await OrganisationRecord.query(on: db).filter(\.$kind == OrganisationKind.office.rawValue).all()
        return Dictionary(offices.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    }
}
