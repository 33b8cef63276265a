import Fluent
import Foundation
import Planning
import Vapor

extension Doctor {
    /// The key exists (and was not just made for a database that already has a log), is private, and the anchor
    /// agrees with the log's end.
    static func auditCheck(_ app: Application, _ t: Text) async -> DoctorCheck {
        let subject = t("audit")
        guard let seal = AuditSeal.current else { return .failed(subject, t("audit.noKey"), fix: t("audit.noKey.fix")) }
        do {
            let last = try await AuditEntryRecord.query(on: app.db).sort(\.$sequence, .descending).first()
            if seal.createdKey, last != nil {
                return .failed(subject, t("audit.newKey", ["key": seal.keyPath]), fix: t("audit.newKey.fix"))
            }
            if let anchor = try seal.anchorOnDisk(), anchor.sequence > 0 {
                let anchored = try await AuditEntryRecord.query(on: app.db).filter(\.$sequence == anchor.sequence).first()
                guard anchored?.hash == anchor.hash else {
                    return .failed(subject, t("audit.anchorMismatch", ["sequence": String(anchor.sequence), "anchor": seal.anchorPath]), fix: t("audit.anchorMismatch.fix"))
                }
            }
            let mode = (try? FileManager.default.attributesOfItem(atPath: seal.keyPath)[.posixPermissions] as? Int) ?? 0
            if mode & 0o077 != 0 {
                return .warning(subject, t("audit.keyReadable", ["key": seal.keyPath, "mode": String(mode, radix: 8)]), fix: t("audit.keyReadable.fix", ["key": seal.keyPath]))
            }
            return .passed(subject, t("audit.ok", ["key": seal.keyPath, "entries": String(last?.sequence ?? 0)]))
        } catch {
            return .failed(subject, String(describing: error), fix: t("audit.anchorMismatch.fix"))
        }
    }

    static func resourceCheck(_ settings: Settings, _ t: Text) -> DoctorCheck {
        let needed = [Setup.bundledPlan, "Resources/Views", "Resources/OpenAPI/openapi.json", "Public/css"]
        let missing = needed.filter { !FileManager.default.fileExists(atPath: settings.directory + $0) }
        return missing.isEmpty
            ? .passed(t("resources"), t("resources.ok", ["folder": settings.directory]))
            : .failed(t("resources"), t("resources.missing", ["folder": settings.directory, "missing": missing.joined(separator: ", ")]), fix: t("resources.fix"))
    }

    /// Connects and reads the greeting (220), then QUIT: nothing is sent.
    static func smtpCheck(_ settings: Settings, _ t: Text) async -> DoctorCheck {
        guard let smtp = settings.smtp else { return .passed(t("smtp"), t("smtp.off")) }
        do {
            try await SMTPConnection.open(host: smtp.host, port: smtp.port, timeout: .seconds(5)) { connection in
                try await connection.exchange(nil, expect: [220])
                try await connection.exchange("QUIT", expect: [221])
            }
            return .passed(t("smtp"), t("smtp.ok", ["host": smtp.host, "port": String(smtp.port)]))
        } catch {
            return .failed(t("smtp"), t("smtp.unreachable", ["host": smtp.host, "port": String(smtp.port), "error": String(describing: error)]), fix: t("smtp.fix"))
        }
    }

    /// Free space where the data lives (the SQLite file's folder; with PostgreSQL the key's folder, where backups
    /// usually go too): under 1 GB fails, under 5 GB warns.
    static func diskCheck(_ settings: Settings, _ t: Text) -> DoctorCheck {
        let file = settings.databaseURL == nil ? DatabaseBackup.absolute(settings.databasePath) : DatabaseBackup.absolute(settings.auditKeyPath)
        let folder = (file as NSString).deletingLastPathComponent
        guard let attributes = try? FileManager.default.attributesOfFileSystem(forPath: folder),
              let free = (attributes[.systemFreeSize] as? NSNumber)?.int64Value else {
            return .warning(t("disk"), t("disk.unknown", ["folder": folder]), fix: t("disk.fix"))
        }
        let values = ["folder": folder, "free": OperationsText.size(Int(clamping: free))]
        if free < 1 << 30 { return .failed(t("disk"), t("disk.low", values), fix: t("disk.fix")) }
        if free < 5 << 30 { return .warning(t("disk"), t("disk.little", values), fix: t("disk.fix")) }
        return .passed(t("disk"), t("disk.ok", values))
    }

    /// PUBLIC_URL and cookies: behind TLS the address is https and cookies are Secure; a Secure cookie over plain
    /// http would never come back, so that combination fails.
    static func urlChecks(_ t: Text) -> [DoctorCheck] {
        let subject = t("url")
        let publicURL = Environment.get("PUBLIC_URL").flatMap { $0.isEmpty ? nil : $0 }
        let secureFlag = Environment.get("COOKIE_SECURE") == "1"
        guard let publicURL else {
            return [secureFlag ? .passed(subject, t("url.unsetSecure")) : .warning(subject, t("url.unset"), fix: t("url.fix"))]
        }
        guard let url = URL(string: publicURL), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host?.isEmpty == false else {
            return [.failed(subject, t("url.bad", ["url": publicURL]), fix: t("url.fix"))]
        }
        if scheme == "http" {
            return [secureFlag ? .failed(subject, t("url.httpSecure", ["url": publicURL]), fix: t("url.fix"))
                               : .warning(subject, t("url.http", ["url": publicURL]), fix: t("url.fix"))]
        }
        var checks: [DoctorCheck] = [.passed(subject, t("url.ok", ["url": publicURL]))]
        if Environment.get("TRUST_FORWARDED_FOR") != "1" {
            checks.append(.warning(t("proxy"), t("proxy.unset"), fix: t("proxy.fix")))
        }
        return checks
    }

    static func operationsCheck(_ settings: Settings, _ t: Text) -> DoctorCheck {
        let format = Environment.get("LOG_FORMAT")?.lowercased() ?? ""
        guard ["", "json", "text"].contains(format) else {
            return .failed(t("logs"), t("logs.bad", ["value": format]), fix: t("logs.fix"))
        }
        if let token = settings.operations.metricsToken, token.count < 24 {
            return .failed(t("metrics"), t("metrics.short"), fix: t("metrics.fix"))
        }
        let metrics = settings.operations.metricsToken == nil ? t("metrics.off") : t("metrics.on")
        return .passed(t("logs"), t("logs.ok", ["format": format == "json" ? "JSON" : "text", "metrics": metrics,
                                                "grace": String(settings.operations.shutdownGraceSeconds)]))
    }

    static func backupToolCheck(_ t: Text) async -> DoctorCheck {
        guard let tool = ExternalTool.find("pg_dump", environmentOverride: "PG_DUMP") else {
            return .failed(t("backup"), t("backup.missing"), fix: t("backup.fix"))
        }
        let version = (try? await tool.run(["--version"]).output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? tool.path
        return .passed(t("backup"), t("backup.ok", ["tool": tool.path, "version": version]))
    }
}
