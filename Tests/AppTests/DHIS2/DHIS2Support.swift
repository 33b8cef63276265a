import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

/// Callers of DHIS2's routes as DHIS2 clients call: Basic with e-mail and password, or `ApiToken`.
struct DHIS2Caller {
    static let password = "Ninh-Binh y te 2026"
    let app: Application

    /// A user of `role` in `organisation` (the role's test organisation by default) with `password`.
    func user(_ role: Role, organisation: String? = nil, mustChangePassword: Bool = false, name: String = "") async throws -> UserRecord {
        let org = organisation ?? testOrganisation[role]!
        let user = UserRecord()
        user.email = "dhis2-\(role.rawValue.lowercased())-\(org.lowercased())\(name)@test.chitieu.local"
        user.name = "Người dùng DHIS2 \(role.rawValue)"
        user.role = role.rawValue
        user.organisationCode = org
        user.mustChangePassword = mustChangePassword
        user.isActive = true
        user.isService = false
        user.isDemo = false
        user.passwordHash = try await Accounts.hash(Self.password, app: app)
        try await user.create(on: app.db)
        return user
    }

    static func basic(_ email: String, _ password: String = password) -> HTTPHeaders {
        ["Authorization": "Basic " + Data("\(email):\(password)".utf8).base64EncodedString()]
    }

    func token(_ user: UserRecord, write: Bool = true) async throws -> HTTPHeaders {
        let created = try await APITokens.create(for: user, name: "DHIS2 thử", canWrite: write, days: 30, by: .system, on: app.db)
        return ["Authorization": "ApiToken \(created.token)"]
    }

    func send(_ method: HTTPMethod, _ path: String, _ headers: HTTPHeaders, body: String? = nil, contentType: HTTPMediaType = .json) async throws -> TestingHTTPResponse {
        var headers = headers
        if body != nil { headers.contentType = contentType }
        return try await app.testing().sendRequest(method, path, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    func json(_ path: String, _ headers: HTTPHeaders) async throws -> JSON {
        let res = try await send(.GET, path, headers)
        #expect(res.status == .ok, "GET \(path): \(res.status) \(res.body.string.prefix(300))")
        return try JSONDecoder().decode(JSON.self, from: Data(buffer: res.body))
    }
}

extension JSON {
    var number: Double? { if case .number(let n) = self { n } else { nil } }
}
