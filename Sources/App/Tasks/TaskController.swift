import Fluent
import Foundation
import Planning
import Vapor

/// The pages: `/tasks`, `/tasks/{id}` and `/funding`, with their forms.
struct TaskController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let read = routes.requiring(.readReports)
        read.get("tasks", use: listPage)
        read.get("tasks", ":id", use: taskPage)
        read.get("funding", use: fundingPage)
        let manage = routes.requiring(.manageTasks)
        manage.post("tasks", use: createFromPage)
        manage.on(.POST, "tasks", "import", body: .collect(maxSize: "2mb"), use: importFromPage)
        manage.post("tasks", ":id", use: editFromPage)
        let write = routes.requiring(.writeReports)
        write.post("tasks", ":id", "updates", use: updateFromPage)
        write.post("tasks", ":id", "funding", use: taskFundingFromPage)
        write.post("funding", use: fundingFromPage)
    }

    struct UpdateForm: Content {
        var status: String?
        var progress: String?
        var comment: String?
        var cycle: String?
    }

    @Sendable func listPage(req: Request) async throws -> Response {
        try await req.page("tasks", try await TaskListPage(req, error: nil))
    }

    @Sendable func taskPage(req: Request) async throws -> Response {
        let task = try await Tasks.find(req.parameters.get("id"), on: req.db)
        return try await req.page("task", try await TaskPage(req, task: task, error: nil))
    }

    @Sendable func fundingPage(req: Request) async throws -> Response {
        try await req.page("funding", try await FundingPage(req, error: nil))
    }

    @Sendable func createFromPage(req: Request) async throws -> Response {
        var input = try req.content.decode(Tasks.Input.self)
        input.plan = nil
        return try await Self.attempt(req, redirect: "/tasks", otherwise: { try await req.page("tasks", try await TaskListPage(req, error: $0), status: $1) }) {
            _ = try await Tasks.create(input, by: req.actor, on: req.db)
        }
    }

    @Sendable func importFromPage(req: Request) async throws -> Response {
        struct Upload: Content { var file: File? }
        let data = try req.content.decode(Upload.self).file.map { Data(buffer: $0.data) } ?? Data()
        return try await Self.attempt(req, redirect: "/tasks", otherwise: { try await req.page("tasks", try await TaskListPage(req, error: $0), status: $1) }) {
            _ = try await TaskImport.apply(data, plan: nil, by: req.actor, on: req.db)
        }
    }

    @Sendable func editFromPage(req: Request) async throws -> Response {
        let task = try await Tasks.find(req.parameters.get("id"), on: req.db)
        var input = try req.content.decode(Tasks.Input.self)
        input.code = nil
        // An empty multiple choice list sends nothing: on this form that means "no coordinating organisation".
        input.coordinating = input.coordinating ?? []
        return try await Self.attempt(req, redirect: "/tasks/\(try task.requireID())", otherwise: { try await req.page("task", try await TaskPage(req, task: task, error: $0), status: $1) }) {
            try await Tasks.edit(task, with: input, by: req.actor, on: req.db)
        }
    }

    @Sendable func updateFromPage(req: Request) async throws -> Response {
        let task = try await Tasks.find(req.parameters.get("id"), on: req.db)
        let form = try req.content.decode(UpdateForm.self)
        return try await Self.attempt(req, redirect: "/tasks/\(try task.requireID())", otherwise: { try await req.page("task", try await TaskPage(req, task: task, error: $0), status: $1) }) {
            try await TaskProgressUpdate.record(.init(status: form.status, progress: form.progress, comment: form.comment, cycle: form.cycle),
                                                for: task, by: try req.requireUser(), on: req.db)
        }
    }

    @Sendable func taskFundingFromPage(req: Request) async throws -> Response {
        let task = try await Tasks.find(req.parameters.get("id"), on: req.db)
        let form = try req.content.decode([String: String].self)
        let user = try req.requireUser()
        return try await Self.attempt(req, redirect: "/tasks/\(try task.requireID())", otherwise: { try await req.page("task", try await TaskPage(req, task: task, error: $0), status: $1) }) {
            _ = try await FundingLedger.set(try FundingLedger.entries(form: form), cycle: form["cycle"], organisation: user.organisationCode,
                                            task: task, plan: task.planCode, by: user, on: req.db)
        }
    }

    @Sendable func fundingFromPage(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        let user = try req.requireUser()
        let cycle = form["cycle"] ?? ""
        return try await Self.attempt(req, redirect: "/funding?cycle=\(cycle.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")",
                                      otherwise: { try await req.page("funding", try await FundingPage(req, error: $0), status: $1) }) {
            let plan = try await PlanQueries.resolve(nil, on: req.db).code
            _ = try await FundingLedger.set(try FundingLedger.entries(form: form), cycle: cycle, organisation: user.organisationCode,
                                            task: nil, plan: plan, by: user, on: req.db)
        }
    }

    /// Runs a form's change; on a mistake the user can fix (bad input, a closed cycle, not theirs), shows the
    /// page again with the message and the error's status instead of the redirect.
    static func attempt(_ req: Request, redirect: String, otherwise page: (String, HTTPStatus) async throws -> Response,
                        _ change: () async throws -> Void) async throws -> Response {
        do {
            try await change()
        } catch let error where error is AppError || error is any FeatureError {
            let (status, message) = AppErrorMiddleware.describe(error, req.language)
            return try await page(message, status)
        }
        return req.redirect(to: redirect)
    }
}
