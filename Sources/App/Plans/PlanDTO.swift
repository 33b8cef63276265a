import Vapor

struct PlanDTO: Content {
    struct Group: Content {
        let code: String
        let name: String
        let indicatorCount: Int
    }

    let code: String
    let title: String
    let issuer: String
    let issuedOn: String
    let milestoneYears: [Int]
    let groups: [Group]
    let indicatorCount: Int
    @Nullable var note: String?

    init(_ plan: PlanRecord) {
        code = plan.code
        title = plan.title
        issuer = plan.issuer
        issuedOn = plan.issuedOn
        milestoneYears = plan.milestoneYears
        groups = plan.groups.sorted { $0.position < $1.position }.map { group in
            Group(code: group.code, name: group.name, indicatorCount: plan.indicators.filter { $0.groupCode == group.code }.count)
        }
        indicatorCount = plan.indicators.count
        note = plan.note
    }


}

struct PlanController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.requiring(.readPlan).get("api", "v1", "plans", use: list)
    }

    @Sendable func list(req: Request) async throws -> [PlanDTO] {
        try await PlanQueries.all(on: req.db).map(PlanDTO.init)
    }
}
