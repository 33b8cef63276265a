import Vapor

/// The operator's settings of `/metrics`, logs and shutdown (see README, "Chạy trên máy chủ / Deployment").
struct OperationsSettings: Sendable {
    /// `METRICS_TOKEN` — `/metrics` answers only `Authorization: Bearer <this>`; unset: there is no `/metrics` (404).
    var metricsToken: String?
    /// `SHUTDOWN_GRACE_SECONDS` — on SIGTERM, requests in flight get this long to finish (default 20, 1–300).
    var shutdownGraceSeconds = 20
    /// `LOG_FORMAT=json` — one JSON object per log line, with the request id; also one line per finished request.
    var jsonLogs = false

    static func fromEnvironment() -> OperationsSettings {
        var settings = OperationsSettings()
        settings.metricsToken = Environment.get("METRICS_TOKEN").flatMap { $0.isEmpty ? nil : $0 }
        if let seconds = Environment.get("SHUTDOWN_GRACE_SECONDS").flatMap(Int.init), (1...300).contains(seconds) {
            settings.shutdownGraceSeconds = seconds
        }
        settings.jsonLogs = AppLogging.isJSON
        return settings
    }
}

extension Application {
    private struct MetricsKey: StorageKey { typealias Value = MetricsRegistry }

    /// What this process has counted for `/metrics`.
    var metrics: MetricsRegistry {
        if let registry = storage[MetricsKey.self] { return registry }
        let registry = MetricsRegistry()
        storage[MetricsKey.self] = registry
        return registry
    }

    /// `/metrics`, request ids, the shutdown bound and the operator's commands (backup, restore, doctor).
    func useOperations(_ settings: OperationsSettings) {
        http.server.configuration.shutdownTimeout = .seconds(Int64(settings.shutdownGraceSeconds))
        middleware.use(MetricsMiddleware(registry: metrics, token: settings.metricsToken, logRequests: settings.jsonLogs))
        asyncCommands.use(BackupCommand(), as: "backup")
        asyncCommands.use(RestoreCommand(), as: "restore")
        asyncCommands.use(DoctorCommand(), as: "doctor")
    }
}
