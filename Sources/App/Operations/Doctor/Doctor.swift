import Fluent
import Foundation
import Planning
import SQLKit
import Vapor

/// `chitieu doctor`: checks what a server needs — the database reachable and migrated, the plan and resources, the
/// change log's key and anchor, SMTP, disk space, PUBLIC_URL and secure cookies, the backup tool, metrics and logs —
/// without changing anything (it never migrates; it only creates the key file, as every command does, and says so).
enum Doctor {
    static func run(_ app: Application, language: Language) async -> [DoctorCheck] {
        let t = Text(language: language)
        var checks: [DoctorCheck] = []
        let database = await databaseChecks(app, t)
        checks += database.checks
        if database.reachable {
            checks += await schemaChecks(app, t)
            checks.append(await auditCheck(app, t))
        }
        checks.append(resourceCheck(app.settings, t))
        checks.append(await smtpCheck(app.settings, t))
        checks.append(diskCheck(app.settings, t))
        checks += urlChecks(t)
        checks.append(operationsCheck(app.settings, t))
        if app.settings.databaseURL != nil { checks.append(await backupToolCheck(t)) }
        return checks
    }

    /// The labels of `Localizer+Operations`, filled in.
    struct Text {
        let language: Language
        func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
            Localizer.text("ops.doctor.\(key)", language, values)
        }
    }

    static func databaseChecks(_ app: Application, _ t: Text) async -> (checks: [DoctorCheck], reachable: Bool) {
        let subject = t("database")
        let described: String
        if let url = app.settings.databaseURL {
            guard let info = PostgresConnectionInfo(url) else { return ([.failed(subject, t("database.badURL"), fix: t("database.badURL.fix"))], false) }
            described = "PostgreSQL " + info.uri
        } else {
            let path = DatabaseBackup.absolute(app.settings.databasePath)
            guard FileManager.default.fileExists(atPath: path) else {
                return ([.failed(subject, t("database.noFile", ["path": path]), fix: t("database.noFile.fix"))], false)
            }
            let folder = (path as NSString).deletingLastPathComponent
            guard FileManager.default.isWritableFile(atPath: path), FileManager.default.isWritableFile(atPath: folder) else {
                return ([.failed(subject, t("database.notWritable", ["path": path]), fix: t("database.notWritable.fix", ["folder": folder]))], false)
            }
            described = "SQLite " + path
        }
        do {
            try await withTimeout(seconds: 10) { _ = try await PlanRecord.query(on: app.db).count() }
            return ([.passed(subject, t("database.ok", ["database": described]))], true)
        } catch {
            return ([.failed(subject, t("database.unreachable", ["database": described, "error": String(describing: error).prefix(300).description]),
                             fix: t(app.settings.databaseURL == nil ? "database.unreachable.fixSQLite" : "database.unreachable.fixPostgres"))], false)
        }
    }

    static func schemaChecks(_ app: Application, _ t: Text) async -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        do {
            let pending = try await app.migrator.previewPrepareBatch().get().map { $0.0.name }
            checks.append(pending.isEmpty
                ? .passed(t("migrations"), t("migrations.ok"))
                : .failed(t("migrations"), t("migrations.pending", ["count": String(pending.count), "first": pending.first ?? ""]), fix: t("migrations.fix")))
            let plans = try await PlanRecord.query(on: app.db).count()
            checks.append(plans > 0 ? .passed(t("plan"), t("plan.ok", ["count": String(plans)])) : .failed(t("plan"), t("plan.none"), fix: t("plan.fix")))
        } catch {
            checks.append(.failed(t("migrations"), t("migrations.none"), fix: t("migrations.fix")))
        }
        return checks
    }

    static func withTimeout(seconds: Int, _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                throw OperationsError.toolFailed(tool: "doctor", status: 1, errors: "timeout \(seconds) s")
            }
            try await group.next()
            group.cancelAll()
        }
    }
}
