import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import App

/// Row counts and SHA-256 checksums of whole tables, to show that a backup, a restore or an upgrade kept every value.
/// Each row is rendered column by column (name=value, names sorted), the rows sorted, and the lot hashed; the same
/// column list is used before and after, so columns added by a later migration do not count.
struct TableFingerprint: Sendable, Equatable, CustomStringConvertible {
    let table: String
    let columns: [String]
    let rows: Int
    let checksum: String

    var description: String { "\(table): \(rows) rows, \(checksum.prefix(12))" }
}

enum DataFingerprint {
    /// The tables that hold what users entered or the system recorded (not sessions, which expire on their own).
    static let tables = ["plans", "indicators", "indicator_targets", "organisations", "users", "api_tokens", "audit_log", "cycles",
                         "reports", "report_values", "report_events", "notifications", "tasks", "task_updates", "funding_lines",
                         "summary_reports", "unit_targets"]

    static func of(_ tables: [String] = tables, on db: any Database, columns known: [String: [String]] = [:]) async throws -> [String: TableFingerprint] {
        let sql = try #require(db as? any SQLDatabase)
        var result: [String: TableFingerprint] = [:]
        for table in tables {
            let rows = try await sql.raw("SELECT * FROM \(ident: table)").all()
            let columns = known[table] ?? (rows.first?.allColumns.sorted() ?? [])
            let rendered = try rows.map { row in try columns.map { "\($0)=\(try render(row, $0))" }.joined(separator: "|") }.sorted()
            let digest = Secrets.digest(rendered.joined(separator: "\n"))
            result[table] = TableFingerprint(table: table, columns: columns, rows: rows.count, checksum: digest)
        }
        return result
    }

    /// One value as text, whatever the driver gives: the same column of the same driver always renders alike.
    static func render(_ row: any SQLRow, _ column: String) throws -> String {
        if try row.decodeNil(column: column) { return "NULL" }
        if let value = try? row.decode(column: column, as: String.self) { return "s:" + value }
        if let value = try? row.decode(column: column, as: Int.self) { return "i:\(value)" }
        if let value = try? row.decode(column: column, as: Double.self) { return "d:\(value)" }
        if let value = try? row.decode(column: column, as: UUID.self) { return "u:\(value)" }
        if let value = try? row.decode(column: column, as: Date.self) { return "t:\(value.timeIntervalSince1970)" }
        if let value = try? row.decode(column: column, as: Bool.self) { return "b:\(value)" }
        if let value = try? row.decode(column: column, as: Data.self) { return "x:" + value.base64EncodedString() }
        return "?"
    }

    /// Empties a PostgreSQL database as `chitieu restore` needs it: no tables at all.
    static func emptyPostgres(_ db: any Database) async throws {
        let sql = try #require(db as? any SQLDatabase)
        try await sql.raw("DROP SCHEMA public CASCADE").run()
        try await sql.raw("CREATE SCHEMA public").run()
    }
}

/// A temporary folder of the test's own, removed afterwards.
func withTemporaryFolder(_ body: (String) async throws -> Void) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chitieu-ops-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try await body(folder)
}

/// An app on the SQLite file or PostgreSQL database given, not migrated or prepared (the test does that), always shut down.
func withConfiguredApp(databasePath: String, databaseURL: String?, keyFile: String, operations: OperationsSettings = OperationsSettings(),
                       _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    var settings = Settings(databaseURL: databaseURL, databasePath: databasePath, directory: packageRoot)
    settings.bcryptCost = 4
    settings.auditKeyFile = keyFile
    settings.operations = operations
    do {
        try await configure(app, settings: settings)
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

var testDatabaseURL: String? { ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 } }
