import Fluent
import Planning
import Vapor

/// Units' own plans: pages under `/unit-plans`, API under `/api/v1/unit-plans`.
struct UnitPlanController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let read = routes.requiring(.readReports)
        let write = routes.requiring(.writeReports)
        let monitor = routes.requiring(.monitorReporting)
        read.get("unit-plans", use: index)
        monitor.get("unit-plans", "flags", use: flagsPage)
        read.get("unit-plans", ":org", use: page)
        write.post("unit-plans", ":org", use: saveFromPage)
        monitor.get("api", "v1", "unit-plans", "flags", use: flags)
        read.get("api", "v1", "unit-plans", ":org", use: show)
        write.put("api", "v1", "unit-plans", ":org", use: save)
    }

    /// The organisation of the path, after checking the user may read its plan.
    private func organisation(_ req: Request) async throws -> Organisation {
        let organisation = try await UnitPlans.organisation(req.parameters.get("org"), on: req.db)
        let user = try req.requireUser()
        guard AccessPolicy.mayReadData(role: user.role, own: user.organisationCode, other: organisation.code) else { throw AppError.forbidden }
        return organisation
    }

    @Sendable func index(req: Request) async throws -> Response {
        let user = try req.requireUser()
        if user.role.readsOwnOrganisationOnly { return req.redirect(to: "/unit-plans/\(user.organisationCode)") }
        return try await req.page("unit-plans", try await UnitPlansPage(req))
    }

    @Sendable func page(req: Request) async throws -> Response {
        let organisation = try await organisation(req)
        return try await req.page("unit-plan", UnitPlanPage(req, try await UnitPlans.sheet(organisation, for: req.requireUser(), on: req.db)))
    }

    @Sendable func saveFromPage(req: Request) async throws -> Response {
        let organisation = try await organisation(req)
        struct Form: Content { var t: [String: String]? }
        let typed = try req.content.decode(Form.self).t ?? [:]
        let entries = typed.compactMap { key, text -> UnitPlans.Entry? in
            let parts = key.split(separator: "/")
            guard parts.count == 2, let year = Int(parts[1]) else { return nil }
            return UnitPlans.Entry(indicator: String(parts[0]), year: year, target: text)
        }
        do {
            try await UnitPlans.save(entries, for: organisation, by: req.requireUser(), actor: req.actor, on: req.db)
        } catch let error as UnitPlanError {
            guard case .problems(let list) = error else { throw error }
            let problems = Dictionary(list.map { ("\($0.indicator)/\($0.year)", UnitPlanError.describe($0, req.language)) }) { first, _ in first }
            let sheet = try await UnitPlans.sheet(organisation, for: req.requireUser(), on: req.db)
            return try await req.page("unit-plan", UnitPlanPage(req, sheet, typed: typed, problems: problems,
                                                                error: Localizer.text("report.notSaved", req.language)), status: error.status)
        }
        return req.redirect(to: "/unit-plans/\(organisation.code)?saved=1")
    }

    @Sendable func flagsPage(req: Request) async throws -> Response {
        try await req.page("unit-plan-flags", try await UnitPlanFlagsPage(req))
    }

    // MARK: API

    struct RowDTO: Content {
        let indicator: String
        let year: Int
        @Nullable var target: String?
        let sectorTarget: String
        /// `below` (lower than the sector's), `missing` (none set where the sector has one), or null.
        @Nullable var flag: String?
        @Nullable var organisation: String?
    }

    struct SheetDTO: Content {
        let organisation: String
        let targets: [RowDTO]
    }

    static func dto(_ row: UnitPlans.Row, organisation: String? = nil) -> RowDTO {
        let kind = FlagText.kind(row.flag)
        return RowDTO(indicator: row.indicator.code, year: row.year, target: row.text, sectorTarget: row.sectorText,
                      flag: kind.isEmpty ? nil : kind, organisation: organisation)
    }

    @Sendable func show(req: Request) async throws -> SheetDTO {
        let organisation = try await organisation(req)
        let sheet = try await UnitPlans.sheet(organisation, for: req.requireUser(), on: req.db)
        return SheetDTO(organisation: organisation.code, targets: sheet.rows.map { Self.dto($0) })
    }

    @Sendable func save(req: Request) async throws -> SheetDTO {
        let organisation = try await organisation(req)
        struct Body: Content { var targets: [UnitPlans.Entry] }
        try await UnitPlans.save(try req.content.decode(Body.self).targets, for: organisation, by: req.requireUser(), actor: req.actor, on: req.db)
        return try await show(req: req)
    }

    @Sendable func flags(req: Request) async throws -> [RowDTO] {
        let missing = req.query[String.self, at: "missing"] ?? ""
        guard ["", "yes", "no"].contains(missing) else { throw AppError.invalidQuery(parameter: "missing", value: missing, allowed: ["yes", "no"]) }
        let includeMissing = missing == "yes"
        return try await UnitPlans.flags(includeMissing: includeMissing, on: req.db).map { Self.dto($0.row, organisation: $0.organisation.code) }
    }
}
