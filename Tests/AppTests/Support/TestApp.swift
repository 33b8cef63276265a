import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

/// The package root, found from this file so tests work from any working directory.
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path + "/"
}()

/// Builds the app on a real database — a fresh SQLite file, or PostgreSQL when `DATABASE_URL` is set
/// (emptied first) — prepares it as a first `serve` would, runs `body`, and always shuts down.
func withApp(prepare: Bool = true, _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    let sqlite = FileManager.default.temporaryDirectory.appendingPathComponent("chitieu-test-\(UUID().uuidString).sqlite").path
    let url = ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    var settings = Settings(databaseURL: url, databasePath: sqlite, directory: packageRoot)
    settings.bcryptCost = 4   // real bcrypt, at its lowest cost, so tests stay quick
    do {
        try await configure(app, settings: settings)
        if url != nil { try await app.autoRevert() }
        if prepare { _ = try await Setup.prepare(app) } else { try await app.autoMigrate() }
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        removeTestFiles(sqlite)
        throw error
    }
    try await app.asyncShutdown()
    removeTestFiles(sqlite)
}

/// The SQLite file and the change log's key and anchor next to it.
private func removeTestFiles(_ sqlite: String) {
    let key = String(sqlite.dropLast(".sqlite".count)) + "-audit.key"
    for path in [sqlite, key, AuditSeal.anchorPath(forKey: key)] { try? FileManager.default.removeItem(atPath: path) }
}

/// The organisation each role's test user belongs to. The unit head heads the reporter's unit; he is made only when a
/// test asks for his session, so that tests without him see the unit send its reports directly.
let testOrganisation: [Role: String] = [.admin: "SYT", .leadership: "SYT", .coordinator: "QLKCB", .leadOffice: "BHYT", .unitReporter: "MAU-BVDK-A",
                                        .unitHead: "MAU-BVDK-A"]

extension Application {
    private struct SessionCookies: StorageKey { typealias Value = [String: String] }

    /// A `Cookie` header for a signed-in user of `role` in `organisation` (by default the role's test organisation),
    /// created without a password on first use and the same user afterwards; `person` names another user of the same kind.
    func session(_ role: Role, organisation: String? = nil, person: String = "") async throws -> HTTPHeaders {
        let org = organisation ?? testOrganisation[role]!
        let key = "\(role.rawValue)-\(org)\(person.isEmpty ? "" : "-" + person)"
        if let cookie = storage[SessionCookies.self]?[key] { return ["Cookie": cookie] }
        let user = UserRecord()
        user.email = "\(key.lowercased())@test.chitieu.local"
        user.name = "Người dùng thử \(key)"
        user.role = role.rawValue
        user.organisationCode = org
        user.mustChangePassword = false
        user.isActive = true
        user.isService = false
        user.isDemo = false
        try await user.create(on: db)
        let cookie = "\(AuthenticationMiddleware.cookieName)=\(try await Accounts.openSession(for: user, on: db))"
        var cookies = storage[SessionCookies.self] ?? [:]
        cookies[key] = cookie
        storage[SessionCookies.self] = cookies
        return ["Cookie": cookie]
    }

    /// GET as a signed-in user of `role` (admin by default), or anonymously with `role: nil`.
    func get(_ path: String, as role: Role? = .admin, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var all = headers
        if let role, let session = try await session(role).first(name: "Cookie") {
            all.replaceOrAdd(name: "Cookie", value: ([session] + headers[.cookie]).joined(separator: "; "))
        }
        return try await testing().sendRequest(.GET, path, headers: all)
    }
}

/// Writes `text` to a temporary file and returns its path.
func temporaryFile(_ text: String, suffix: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("chitieu-\(UUID().uuidString)\(suffix)").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// The bundled plan file as JSON objects, for tests that load a changed copy.
func bundledPlanJSON() throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + Setup.bundledPlan))
    return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
}

func writeJSON(_ object: Any) throws -> String {
    let data = try JSONSerialization.data(withJSONObject: object)
    return try temporaryFile(String(decoding: data, as: UTF8.self), suffix: ".json")
}

/// All app tests share one database when it is PostgreSQL, so they run one at a time.
@Suite("App", .serialized) struct AppTests {}
