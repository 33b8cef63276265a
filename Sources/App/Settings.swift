import Planning
import Vapor

/// Everything the app reads from its environment, in one place (see README, "Configuration").
struct Settings: Sendable {
    /// `DATABASE_URL` — PostgreSQL when set (`postgres://user:pass@host:5432/db`).
    var databaseURL: String?
    /// `DATABASE_PATH` — the SQLite file otherwise (default `chitieu.sqlite` in the working directory).
    var databasePath: String
    /// Where `Resources/` and `Public/` are (see `resourceDirectory`), ending in `/`.
    var directory: String

    /// `SESSION_IDLE_MINUTES` — a session unused this long ends (default 30 minutes).
    var sessionIdleTimeout: TimeInterval = 30 * 60
    /// `SESSION_MAX_HOURS` — a session ends this long after sign-in, however busy (default 12 hours).
    var sessionMaximumAge: TimeInterval = 12 * 3600
    /// `AUDIT_KEY_FILE` — the change log's HMAC key (see `auditKeyPath`); its anchor lives next to it.
    var auditKeyFile: String?
    /// `TRUST_FORWARDED_FOR=1` — behind a reverse proxy: the sign-in limits count the address it puts last in `X-Forwarded-For`.
    var trustForwardedFor = false
    /// `COOKIE_SECURE=1`, or `PUBLIC_URL` starting with https — cookies only over HTTPS, plus HSTS.
    var secureCookies = false
    /// `BCRYPT_COST` — work factor of password hashes (default 12).
    var bcryptCost = 12
    /// `SMTP_HOST` and friends — where e-mail goes out; nil: e-mails are only written to the log.
    var smtp: SMTP?
    /// `REMINDER_CHECK_MINUTES` — how often the running server looks for automatic reminders to send (default 60; 0: never;
    /// decimals allowed down to 0.05, for tests of several processes).
    var reminderCheckMinutes: Double = 60

    /// A plain SMTP relay (no TLS): a local MTA or one on the Department's own network.
    struct SMTP: Sendable {
        /// `SMTP_HOST`, `SMTP_PORT` (default 25).
        var host: String
        var port = 25
        /// `SMTP_FROM` — the sender (default `chitieu@` the host of `PUBLIC_URL`, else of `SMTP_HOST`).
        var from: String
        /// `SMTP_USER`, `SMTP_PASSWORD` — AUTH PLAIN, only to a relay on this machine (the password would travel in clear).
        var user: String?
        var password: String?

        static func fromEnvironment() -> SMTP? {
            func value(_ name: String) -> String? { Environment.get(name).flatMap { $0.isEmpty ? nil : $0 } }
            guard let host = value("SMTP_HOST") else { return nil }
            let domain = value("PUBLIC_URL").flatMap { URL(string: $0)?.host } ?? host
            var smtp = SMTP(host: host, from: value("SMTP_FROM") ?? "chitieu@\(domain)", user: value("SMTP_USER"), password: value("SMTP_PASSWORD"))
            if let port = value("SMTP_PORT").flatMap(Int.init), (1...65535).contains(port) { smtp.port = port }
            return smtp
        }
    }

    /// `VALUE_CHANGE_NEEDS_COMMENT` — a stock value moving more than this from the previous period (points for
    /// ratios, % for counts) needs a comment (default 30), if it also moves the things counted by more than
    /// `VALUE_CHANGE_MINIMUM_COUNT` (default 5), so that 2 → 3 is not a big change.
    var valueChecks = ValueCheck.Options()

    /// `COVERAGE_THRESHOLD` — the share of expected units (percent, 0–100) that must have reported for a verdict to be
    /// final; below it the verdict is provisional ("chưa đủ số liệu"). Default 80.
    var coverageThreshold = Coverage.defaultThreshold
    /// `HEAVY_WORKERS` — dashboards, documents and exports computed at once (default 2); `HEAVY_QUEUE` — how many more
    /// wait for a turn (default 32) before the server answers 503 with `Retry-After` (`HeavyWork`).
    var heavyWorkers = 2
    var heavyQueue = 32

    /// `METRICS_TOKEN`, `SHUTDOWN_GRACE_SECONDS`, `LOG_FORMAT` (see `OperationsSettings`).
    var operations = OperationsSettings()

    var databaseKind: String { databaseURL == nil ? "sqlite" : "postgresql" }

    /// `AUDIT_KEY_FILE`, else `chitieu-audit.key` next to the SQLite file (`DATABASE_PATH` without `.sqlite`, plus `-audit.key`).
    var auditKeyPath: String {
        if let auditKeyFile, !auditKeyFile.isEmpty { return auditKeyFile }
        return (databasePath.hasSuffix(".sqlite") ? String(databasePath.dropLast(7)) : databasePath) + "-audit.key"
    }

    static func fromEnvironment(directory workingDirectory: String) -> Settings {
        let url = Environment.get("DATABASE_URL").flatMap { $0.isEmpty ? nil : $0 }
        var settings = Settings(databaseURL: url, databasePath: Environment.get("DATABASE_PATH") ?? "chitieu.sqlite",
                                directory: resourceDirectory(workingDirectory: workingDirectory))
        if let minutes = Environment.get("SESSION_IDLE_MINUTES").flatMap(Double.init), minutes > 0 {
            settings.sessionIdleTimeout = minutes * 60
        }
        if let hours = Environment.get("SESSION_MAX_HOURS").flatMap(Double.init), hours > 0, hours <= 24 * 366 {
            settings.sessionMaximumAge = hours * 3600
        }
        settings.trustForwardedFor = Environment.get("TRUST_FORWARDED_FOR") == "1"
        settings.auditKeyFile = Environment.get("AUDIT_KEY_FILE").flatMap { $0.isEmpty ? nil : $0 }
        settings.secureCookies = Environment.get("COOKIE_SECURE") == "1" || (Environment.get("PUBLIC_URL")?.hasPrefix("https://") ?? false)
        if let cost = Environment.get("BCRYPT_COST").flatMap(Int.init), (4...31).contains(cost) { settings.bcryptCost = cost }
        if let change = Environment.get("VALUE_CHANGE_NEEDS_COMMENT").flatMap(Double.init), change > 0 {
            settings.valueChecks.maximumChangeWithoutComment = change
        }
        if let threshold = Environment.get("COVERAGE_THRESHOLD").flatMap(Double.init), Coverage.thresholds.contains(threshold) {
            settings.coverageThreshold = threshold
        }
        if let minimum = Environment.get("VALUE_CHANGE_MINIMUM_COUNT").flatMap(Double.init), minimum >= 0, minimum.isFinite {
            settings.valueChecks.minimumCountedChange = minimum
        }
        settings.smtp = SMTP.fromEnvironment()
        settings.operations = .fromEnvironment()
        if let minutes = Environment.get("REMINDER_CHECK_MINUTES").flatMap(Double.init), minutes == 0 || (0.05...525_600).contains(minutes) {
            settings.reminderCheckMinutes = minutes
        }
        if let workers = Environment.get("HEAVY_WORKERS").flatMap(Int.init), (1...64).contains(workers) { settings.heavyWorkers = workers }
        if let queue = Environment.get("HEAVY_QUEUE").flatMap(Int.init), (0...10_000).contains(queue) { settings.heavyQueue = queue }
        return settings
    }

    /// `CHITIEU_DIRECTORY` if set; else the working directory if it holds `Resources/Plans`; else the
    /// nearest folder above the executable that does (so `.build/debug/chitieu` works from anywhere).
    static func resourceDirectory(workingDirectory: String) -> String {
        func slashed(_ path: String) -> String { path.hasSuffix("/") ? path : path + "/" }
        if let configured = Environment.get("CHITIEU_DIRECTORY"), !configured.isEmpty { return slashed(configured) }
        let fileManager = FileManager.default
        func holdsResources(_ path: String) -> Bool { fileManager.fileExists(atPath: slashed(path) + "Resources/Plans") }
        if holdsResources(workingDirectory) { return slashed(workingDirectory) }
        var url = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        for _ in 0..<6 {
            url.deleteLastPathComponent()
            if holdsResources(url.path) { return slashed(url.path) }
        }
        return slashed(workingDirectory)
    }
}

extension Application {
    private struct SettingsKey: StorageKey { typealias Value = Settings }

    var settings: Settings {
        get { storage[SettingsKey.self] ?? .fromEnvironment(directory: directory.workingDirectory) }
        set { storage[SettingsKey.self] = newValue }
    }
}
