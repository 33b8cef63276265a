import Foundation

/// `DATABASE_URL` as PostgreSQL's own programs take it: the address without the password (which would show in
/// `ps`), and the password in `PGPASSWORD`.
struct PostgresConnectionInfo: Sendable {
    let uri: String
    let password: String?
    let database: String

    init?(_ databaseURL: String) {
        guard var components = URLComponents(string: databaseURL),
              let scheme = components.scheme, scheme == "postgres" || scheme == "postgresql",
              components.host?.isEmpty == false else { return nil }
        password = components.password.flatMap { $0.removingPercentEncoding ?? $0 }
        components.password = nil
        // libpq reads `sslmode` and the like from the query, but not Vapor's `tls` spellings: keep only its own.
        components.queryItems = components.queryItems?.filter { Self.libpqParameters.contains($0.name) }
        if components.queryItems?.isEmpty == true { components.queryItems = nil }
        guard let uri = components.string else { return nil }
        self.uri = uri
        database = String(components.path.drop(while: { $0 == "/" }))
    }

    static let libpqParameters: Set<String> = ["sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "application_name"]

    var environment: [String: String] { password.map { ["PGPASSWORD": $0] } ?? [:] }
}
