import Fluent
import Planning
import Vapor

/// Reporting cycles: pages under `/cycles`, API under `/api/v1/cycles`.
struct CycleController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let read = routes.requiring(.readReports)
        let manage = routes.requiring(.manageCycles)
        let monitor = routes.requiring(.monitorReporting)
        read.get("cycles", use: listPage)
        manage.post("cycles", use: createFromPage)
        read.get("cycles", ":id", use: cyclePage)
        manage.post("cycles", ":id", use: updateFromPage)
        manage.post("cycles", ":id", "open", use: openFromPage)
        manage.post("cycles", ":id", "close", use: closeFromPage)
        monitor.get("cycles", ":id", "follow-up", use: followUpPage)
        manage.post("cycles", ":id", "reminders", use: remindFromPage)
        read.get("api", "v1", "cycles", use: list)
        manage.post("api", "v1", "cycles", use: create)
        read.get("api", "v1", "cycles", ":id", use: show)
        manage.patch("api", "v1", "cycles", ":id", use: update)
        manage.post("api", "v1", "cycles", ":id", "open", use: open)
        manage.post("api", "v1", "cycles", ":id", "close", use: close)
        monitor.get("api", "v1", "cycles", ":id", "follow-up", use: followUp)
        manage.post("api", "v1", "cycles", ":id", "reminders", use: remind)
    }

    private func cycle(_ req: Request) async throws -> CycleRecord {
        try await Cycles.find(req.parameters.get("id", as: UUID.self), on: req.db)
    }

    // MARK: pages

    @Sendable func listPage(req: Request) async throws -> Response {
        try await req.page("cycles", try await CyclesPage(req))
    }

    @Sendable func createFromPage(req: Request) async throws -> Response {
        do {
            let created = try await Cycles.create(try req.content.decode(Cycles.Draft.self), by: req.actor, on: req.db)
            return req.redirect(to: "/cycles/\(try created.requireID())")
        } catch let error as any FeatureError {
            return try await req.page("cycles", try await CyclesPage(req, error: error.message(req.language)), status: error.status)
        }
    }

    @Sendable func cyclePage(req: Request) async throws -> Response {
        try await req.page("cycle", try await CyclePage(req, cycle: try await cycle(req)))
    }

    @Sendable func updateFromPage(req: Request) async throws -> Response {
        let record = try await cycle(req)
        do {
            try await Cycles.update(record, with: try req.content.decode(Cycles.Change.self), by: req.actor, on: req.db)
            return req.redirect(to: "/cycles/\(try record.requireID())")
        } catch let error as any FeatureError {
            let fresh = try await cycle(req)
            return try await req.page("cycle", try await CyclePage(req, cycle: fresh, error: error.message(req.language)), status: error.status)
        }
    }

    @Sendable func openFromPage(req: Request) async throws -> Response {
        let record = try await cycle(req)
        try await Cycles.open(record, by: req.actor, on: req.db)
        return req.redirect(to: "/cycles/\(try record.requireID())")
    }

    @Sendable func closeFromPage(req: Request) async throws -> Response {
        let record = try await cycle(req)
        try await Cycles.close(record, by: req.actor, on: req.db)
        return req.redirect(to: "/cycles/\(try record.requireID())")
    }

    @Sendable func followUpPage(req: Request) async throws -> Response {
        try await req.page("follow-up", try await FollowUpPage(req, cycle: try await cycle(req), notice: try await FollowUpPage.sentNotice(req)))
    }

    @Sendable func remindFromPage(req: Request) async throws -> Response {
        let record = try await cycle(req)
        struct Form: Content { var organisation: String? }
        let organisation = try req.content.decode(Form.self).organisation.flatMap { $0.isEmpty ? nil : $0 }
        let outcome = try await Reminders.send(record, to: organisation.map { [$0] }, automatic: false, by: req.actor, app: req.application, on: req.db)
        // Post, then redirect: reloading the page does not send the reminders again.
        var query = "sent=\(outcome.organisations.count)&people=\(outcome.recipients)"
        if !outcome.unreached.isEmpty { query += "&unreached=" + outcome.unreached.map(\.queryValue).joined(separator: ",") }
        return req.redirect(to: "/cycles/\(try record.requireID())/follow-up?\(query)")
    }

    // MARK: API

    @Sendable func list(req: Request) async throws -> [CycleDTO] {
        let cycles = try await CycleRecord.query(on: req.db).sort(\.$periodCode, .descending).all()
        let reports = Dictionary(grouping: try await ReportRecord.query(on: req.db).all(), by: \.$cycle.id)
        return try cycles.map { try CycleDTO($0, reports: reports[try $0.requireID()] ?? []) }
    }

    @Sendable func create(req: Request) async throws -> Response {
        let created = try await Cycles.create(try req.content.decode(Cycles.Draft.self), by: req.actor, on: req.db)
        return try await CycleDTO(created, reports: []).encodeResponse(status: .created, for: req)
    }

    @Sendable func show(req: Request) async throws -> CycleDTO {
        let record = try await cycle(req)
        return try await detailed(record, req)
    }

    @Sendable func update(req: Request) async throws -> CycleDTO {
        let record = try await cycle(req)
        try await Cycles.update(record, with: try req.content.decode(Cycles.Change.self), by: req.actor, on: req.db)
        return try await detailed(record, req)
    }

    @Sendable func open(req: Request) async throws -> CycleDTO {
        let record = try await cycle(req)
        try await Cycles.open(record, by: req.actor, on: req.db)
        return try await detailed(record, req)
    }

    @Sendable func close(req: Request) async throws -> CycleDTO {
        let record = try await cycle(req)
        try await Cycles.close(record, by: req.actor, on: req.db)
        return try await detailed(record, req)
    }

    @Sendable func followUp(req: Request) async throws -> FollowUpDTO {
        let record = try await cycle(req)
        let reminders = try await ReminderRecord.query(on: req.db).filter(\.$cycleID == record.requireID()).sort(\.$sentAt, .descending).all()
        let pending = try await Reminders.pending(record, on: req.db).map { report in
            FollowUpDTO.Pending(organisation: report.organisationCode, report: try report.requireID(), state: report.state,
                                lastReminderAt: reminders.first { $0.organisationCode == report.organisationCode }?.sentAt)
        }
        return FollowUpDTO(cycle: try await detailed(record, req), pending: pending)
    }

    @Sendable func remind(req: Request) async throws -> Reminders.Outcome {
        let record = try await cycle(req)
        struct Body: Content { var organisations: [String]? }
        let body = req.body.data == nil ? nil : try req.content.decode(Body.self)
        return try await Reminders.send(record, to: body?.organisations, automatic: false, by: req.actor, app: req.application, on: req.db)
    }

    private func detailed(_ record: CycleRecord, _ req: Request) async throws -> CycleDTO {
        try CycleDTO(record, reports: try await ReportRecord.query(on: req.db).filter(\.$cycle.$id == record.requireID()).all())
    }
}
