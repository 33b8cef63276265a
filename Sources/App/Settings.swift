import Vapor

/// Everything the app reads from its environment, in one place (see README, "Configuration").
struct Settings: Sendable {
    /// `DATABASE_URL` — PostgreSQL when set (`postgres://user:pass@host:5432/db`).
    var databaseURL: String?
    /// `DATABASE_PATH` — the SQLite file otherwise (default `chitieu.sqlite` in the working directory).
    var databasePath: String
    /// Where `Resources/` and `Public/` are (the package root by default).
    var directory: String

    var databaseKind: String { databaseURL == nil ? "sqlite" : "postgresql" }

    static func fromEnvironment(directory: String) -> Settings {
        let url = Environment.get("DATABASE_URL").flatMap { $0.isEmpty ? nil : $0 }
        return Settings(databaseURL: url, databasePath: Environment.get("DATABASE_PATH") ?? "chitieu.sqlite", directory: directory)
    }
}

extension Application {
    private struct SettingsKey: StorageKey { typealias Value = Settings }

    var settings: Settings {
        get { storage[SettingsKey.self] ?? .fromEnvironment(directory: directory.workingDirectory) }
        set { storage[SettingsKey.self] = newValue }
    }
}
