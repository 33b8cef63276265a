import Fluent
import Planning
import Vapor

struct OrganisationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let routes = routes.requiring(.readPlan)
        routes.get("api", "v1", "organisations", use: list)
        routes.get("organisations", use: page)
    }

    @Sendable func list(req: Request) async throws -> [OrganisationDTO] {
        var organisations = try await Directory.all(on: req.db)
        if let kind = try req.queryText("kind", allowed: OrganisationKind.allCases.map(\.rawValue)) {
            organisations = organisations.filter { $0.kind == kind }
        }
        return organisations.map(OrganisationDTO.init)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let language = req.language
        let all = try await Directory.all(on: req.db)
        let kind = try req.queryText("kind", allowed: OrganisationKind.allCases.map(\.rawValue))
        let organisations = kind.map { kind in all.filter { $0.kind == kind } } ?? all
        return try await req.page("organisations", OrganisationsPage(
            layout: Layout(req, title: Localizer.text("orgs.title", language)),
            hasDemo: all.contains { $0.isDemo }, kinds: AdminChoices.kinds(language, selected: kind),
            rows: organisations.map { record in
                OrganisationsPage.Row(code: record.code, name: record.name,
                                      kind: Localizer.kindLabel(OrganisationKind(rawValue: record.kind) ?? .otherUnit, language),
                                      medical: Localizer.text(record.isMedical ? "yes" : "no", language),
                                      parent: record.parentCode ?? "", demo: record.isDemo)
            }))
    }
}

struct OrganisationsPage: Encodable {
    struct Row: Encodable {
        let code: String
        let name: String
        let kind: String
        let medical: String
        let parent: String
        let demo: Bool
    }

    let layout: Layout
    let hasDemo: Bool
    /// The kind filter ("any" when empty).
    let kinds: [Choice]
    let rows: [Row]
}
