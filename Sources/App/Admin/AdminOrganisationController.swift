import Fluent
import Planning
import Vapor

/// Organisations, for administrators: create, edit, deactivate (never delete).
struct AdminOrganisationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.requiring(.manageOrganisations)
        admin.get("admin", "organisations", use: listPage)
        admin.post("admin", "organisations", use: createFromPage)
        admin.get("admin", "organisations", ":code", use: editPage)
        admin.post("admin", "organisations", ":code", use: updateFromPage)
        admin.post("admin", "organisations", ":code", "active", use: activeFromPage)
        admin.post("api", "v1", "organisations", use: create)
        admin.patch("api", "v1", "organisations", ":code", use: update)
    }

    @Sendable func listPage(req: Request) async throws -> Response {
        try await req.page("admin-organisations", try await OrganisationsAdminPage(req, error: nil))
    }

    @Sendable func createFromPage(req: Request) async throws -> Response {
        do {
            _ = try await OrganisationAdmin.create(req.content.decode(OrganisationAdmin.Form.self), by: req.actor, on: req.db)
        } catch let error as AppError {
            return try await req.page("admin-organisations", try await OrganisationsAdminPage(req, error: error.message(req.language)), status: error.status)
        }
        return req.redirect(to: "/admin/organisations")
    }

    @Sendable func editPage(req: Request) async throws -> Response {
        let record = try await OrganisationAdmin.find(addressed: req.parameters.get("code"), on: req.db)
        return try await req.page("admin-organisation", OrganisationEditPage(req, record: record, error: nil))
    }

    @Sendable func updateFromPage(req: Request) async throws -> Response {
        let record = try await OrganisationAdmin.find(addressed: req.parameters.get("code"), on: req.db)
        var form = try req.content.decode(OrganisationAdmin.Form.self)
        form.code = nil
        if form.medical == nil { form.medical = "no" }   // an unticked checkbox sends nothing
        do {
            try await OrganisationAdmin.update(record, with: form, by: req.actor, on: req.db)
        } catch let error as AppError {
            return try await req.page("admin-organisation", OrganisationEditPage(req, record: record, error: error.message(req.language)), status: error.status)
        }
        return req.redirect(to: "/admin/organisations")
    }

    @Sendable func activeFromPage(req: Request) async throws -> Response {
        let record = try await OrganisationAdmin.find(addressed: req.parameters.get("code"), on: req.db)
        struct Form: Content { var active: String }
        try await OrganisationAdmin.setActive(record, try AdminUserController.boolean(req.content.decode(Form.self).active), by: req.actor, on: req.db)
        return req.redirect(to: "/admin/organisations")
    }

    @Sendable func create(req: Request) async throws -> Response {
        let record = try await OrganisationAdmin.create(req.content.decode(OrganisationAdmin.Form.self), by: req.actor, on: req.db)
        return try await OrganisationDTO(record).encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> OrganisationDTO {
        let record = try await OrganisationAdmin.find(addressed: req.parameters.get("code"), on: req.db)
        struct Patch: Content { var name: String?; var kind: String?; var medical: Bool?; var parent: String?; var active: Bool? }
        let patch = try req.content.decode(Patch.self)
        try await OrganisationAdmin.update(record, with: .init(name: patch.name, kind: patch.kind, medical: patch.medical.map { $0 ? "yes" : "no" },
                                                               parent: patch.parent), by: req.actor, on: req.db)
        if let active = patch.active { try await OrganisationAdmin.setActive(record, active, by: req.actor, on: req.db) }
        return OrganisationDTO(record)
    }
}
