import Fluent
import Foundation
import Planning
import Vapor
@testable import App

extension AppTests.AuthorizationMatrixTests {
    static let taskCSV = "code,content,lead,coordinating,start,end,output\nMTI{n},Nhiệm vụ nạp {n},MAU-BVDK-A,QLKCB;BHYT,01/01/2026,2026-12-31,Sản phẩm {n}\n"
    static let taskUpload = TaskFixture.multipart(taskCSV)

    static let taskSamples: [String: Sample] = [
        // pages
        "GET /tasks": .get("/tasks?status=notStarted&lead=MAU-BVDK-A&overdue=true"),
        "GET /tasks/{id}": .get("/tasks/{task-any}"),
        "GET /funding": .get("/funding"),
        "POST /tasks": .form("/tasks", pairs: [("code", "MT{n}"), ("content", "Nhiệm vụ ma trận {n}"), ("lead", "MAU-BVDK-A"),
                                               ("coordinating[]", "QLKCB"), ("coordinating[]", "BHYT"), ("start", "01/01/2026"),
                                               ("end", "2026-12-31"), ("output", "Sản phẩm {n}")]),
        "POST /tasks/import": .raw("/tasks/import", taskUpload.body, contentType: taskUpload.type),
        "POST /tasks/{id}": .form("/tasks/{task-any}", ["content": "Sửa {n}", "lead": "MAU-BVDK-B", "start": "01/02/2026", "end": "30/11/2026", "output": ""]),
        "POST /tasks/{id}/updates": .form("/tasks/{task-led}/updates", ["status": "inProgress", "progress": "40", "comment": "Ma trận {n}"]),
        "POST /tasks/{id}/funding": .form("/tasks/{task-led}/funding", ["planned_stateBudget": "1.500.000", "spent_stateBudget": "{n}"]),
        "POST /funding": .form("/funding", ["cycle": "{task-cycle}", "planned_ownRevenue": "2.000.000", "spent_ownRevenue": "{n}"]),
        // API
        "GET /api/v1/tasks": .get("/api/v1/tasks?overdue=true&status=inProgress"),
        "POST /api/v1/tasks": .json("/api/v1/tasks", #"{"code":"MT{n}","content":"Nhiệm vụ {n}","lead":"MAU-BVDK-A","coordinating":["QLKCB"],"start":"2026-01-01","end":"31/12/2026","output":"Sản phẩm"}"#),
        "GET /api/v1/tasks/{id}": .get("/api/v1/tasks/{task-any}"),
        "PATCH /api/v1/tasks/{id}": .json("/api/v1/tasks/{task-any}", #"{"content":"Sửa {n}","end":"2027-06-30"}"#),
        "POST /api/v1/tasks/{id}/updates": .json("/api/v1/tasks/{task-led}/updates", #"{"status":"done","comment":"Xong {n}"}"#),
        "POST /api/v1/tasks/import": .raw("/api/v1/tasks/import", taskCSV, contentType: HTTPMediaType(type: "text", subType: "csv")),
        "GET /api/v1/funding": .get("/api/v1/funding"),
        "PUT /api/v1/funding": .json("/api/v1/funding", #"{"cycle":"{task-cycle}","lines":[{"source":"stateBudget","planned":{n}000,"spent":{n}}]}"#),
    ]
}

extension SecurityWorld {
    /// `{task-any}` a fresh task; `{task-led}` a fresh task led by the caller's organisation, with a cycle open;
    /// `{task-cycle}` the open cycle (made when there is none).
    static let taskResolvers: [String: Resolver] = [
        "{task-any}": { world, _ in try await world.newTask(lead: "MAU-BVDK-A") },
        "{task-led}": { world, caller in
            _ = try await world.openCycle()
            return try await world.newTask(lead: world.organisation(of: caller))
        },
        "{task-cycle}": { world, _ in try await world.openCycle() },
    ]

    func organisation(of caller: Caller) -> String {
        switch caller {
        case .anonymous: "MAU-BVDK-A"
        case .session(let role), .token(let role, _): testOrganisation[role]!
        }
    }

    func newTask(lead: String) async throws -> String {
        try await Tasks.create(.init(code: "MTR\(next())", content: "Nhiệm vụ của ma trận", lead: lead, coordinating: [], start: "2026-01-01",
                                     end: "2026-12-31", output: ""), by: .system, on: app.db).requireID().uuidString
    }

    func openCycle() async throws -> String {
        let plan = try await PlanQueries.resolve(nil, on: app.db).code
        if let open = try await TaskCycles.open(plan: plan, on: app.db) { return try open.requireID().uuidString }
        return try await TaskFixture.cycle(app, period: "2026NovS2", state: .open, plan: plan).requireID().uuidString
    }
}
