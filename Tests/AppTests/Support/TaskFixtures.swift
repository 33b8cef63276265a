import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

/// Cycles, tasks, requests and the command line for the task and funding tests.
enum TaskFixture {
    static func plan(_ app: Application) async throws -> String { try await PlanQueries.resolve(nil, on: app.db).code }

    /// A reporting cycle made directly (the cycle pages are another feature's).
    static func cycle(_ app: Application, period: String = "2026NovS2", state: CycleState = .open, plan: String? = nil) async throws -> CycleRecord {
        let cycle = CycleRecord()
        if let plan { cycle.planCode = plan } else { cycle.planCode = try await self.plan(app) }
        cycle.periodCode = period
        cycle.calendar = "november"
        let dates = ReportingCalendar.november.dates(of: try ReportingPeriod(code: period))
        cycle.setDates(ReportingCycleDates(start: dates.start, end: dates.end, cutoff: dates.end, due: dates.due))
        cycle.state = state.rawValue
        cycle.reminderDays = 0
        try await cycle.create(on: app.db)
        return cycle
    }

    static func task(_ app: Application, code: String = "NV01", lead: String = "MAU-BVDK-A", coordinating: [String] = ["QLKCB"],
                     start: String = "2026-01-01", end: String = "2026-12-31") async throws -> TaskRecord {
        try await Tasks.create(.init(code: code, content: "Nhiệm vụ \(code)", lead: lead, coordinating: coordinating, start: start, end: end,
                                     output: "Sản phẩm \(code)"), by: .system, on: app.db)
    }

    /// Sends a request as a signed-in user of `role` (in `organisation`, a new user, when given) with the session's CSRF token.
    static func send(_ app: Application, _ method: HTTPMethod, _ path: String, as role: Role, organisation: String? = nil,
                     json: String? = nil, form: [(String, String)]? = nil, body: String? = nil, contentType: HTTPMediaType? = nil) async throws -> TestingHTTPResponse {
        var headers = try await app.session(role, organisation: organisation)
        if !method.isSafe { headers.add(name: "X-CSRF-Token", value: try await csrfToken(of: headers, app: app)) }
        var content: String?
        if let json { headers.contentType = .json; content = json }
        if let form { headers.contentType = .urlEncodedForm; content = Sample.encode(form) }
        if let body { headers.contentType = contentType; content = body }
        return try await app.testing().sendRequest(method, path, headers: headers, body: content.map { ByteBuffer(string: $0) })
    }

    /// A multipart form with one file field `file`.
    static func multipart(_ csv: String, boundary: String = "tep-nhiem-vu") -> (body: String, type: HTTPMediaType) {
        let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"nhiem-vu.csv\"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r\n--\(boundary)--\r\n"
        return (body, HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
    }

    static func auditEntries(_ app: Application, entity: String) async throws -> [AuditEntryRecord] {
        try await AuditEntryRecord.query(on: app.db).filter(\.$entity == entity).sort(\.$sequence).all()
    }

    /// Runs `chitieu ARGUMENTS…` on the app and returns what it printed.
    static func run(_ app: Application, _ arguments: [String]) async throws -> [String] {
        let console = CapturedOutput()
        var context = CommandContext(console: console, input: CommandInput(arguments: ["chitieu"] + arguments))
        context.application = app
        try await app.asyncCommands.group().run(using: &context)
        return console.lines
    }

    final class CapturedOutput: Console, @unchecked Sendable {
        var lines: [String] = []
        var userInfo: [AnySendableHashable: any Sendable] = [:]
        var size: (width: Int, height: Int) { (200, 50) }
        func input(isSecure: Bool) -> String { "" }
        func output(_ text: ConsoleText, newLine: Bool) { lines.append(text.description) }
        func clear(_ type: ConsoleClear) {}
        func report(error: String, newLine: Bool) { lines.append(error) }
    }
}

/// The task API's JSON as an integrator sees it.
struct WireTask: Decodable, Equatable {
    let id: UUID
    let plan: String
    let code: String
    let content: String
    let lead: String
    let coordinating: [String]
    let start: String
    let end: String
    let output: String
    let demo: Bool
    let status: String
    let progress: Int
    let comment: String?
    let updatedBy: String?
    let updatedAt: Date?
    let overdue: Bool
}

struct WireTaskUpdate: Decodable, Equatable {
    let cycle: UUID
    let period: String
    let status: String
    let progress: Int
    let comment: String?
    let updatedBy: String
}

struct WireFunding: Decodable {
    struct Cycle: Decodable { let id: UUID; let period: String; let state: String }
    struct Line: Decodable, Equatable {
        let organisation: String
        let task: UUID?
        let taskCode: String?
        let source: String
        let planned: Int64
        let spent: Int64
    }
    struct Total: Decodable, Equatable { let source: String; let planned: Int64; let spent: Int64 }
    let cycle: Cycle?
    let organisation: String?
    let lines: [Line]
    let totals: [Total]
    let total: Total
}

struct WireTaskDetail: Decodable {
    let task: WireTask
    let updates: [WireTaskUpdate]
    let funding: WireFunding
}
