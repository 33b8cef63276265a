import Vapor

/// `chitieu backup FILE` — a consistent copy of the database while the server keeps serving.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Tệp sao lưu cần tạo (không ghi đè). The backup file to create (never overwritten).")
        var file: String
    }

    var help: String { "Sao lưu cơ sở dữ liệu khi máy chủ vẫn chạy (SQLite: VACUUM INTO; PostgreSQL: pg_dump -Fc). Online backup." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let language = Entrypoint.cliLanguage
        let summary = try await DatabaseBackup.backup(to: signature.file, app: app)
        context.console.print(Localizer.text("ops.backup.done", language, [
            "path": summary.path, "size": OperationsText.size(summary.bytes),
            "entries": String(summary.auditEntries), "last": String(summary.lastSequence),
        ]))
        context.console.print(Localizer.text("ops.backup.key", language, ["key": AuditSeal.current?.keyPath ?? app.settings.auditKeyPath]))
    }
}

/// `chitieu restore FILE [--force]` — a backup back into an empty database (the server stopped).
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Tệp sao lưu (của chitieu backup). The backup file (made by chitieu backup).")
        var file: String
        @Flag(name: "force", help: "Khôi phục cả khi cơ sở dữ liệu không trống (SQLite: tệp cũ được đổi tên, không xoá; PostgreSQL: xoá các bảng của bản sao lưu trước).")
        var force: Bool
    }

    var help: String { "Khôi phục một bản sao lưu vào cơ sở dữ liệu trống (dừng máy chủ trước). Restores a backup into an empty database." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let language = Entrypoint.cliLanguage
        let summary = try await DatabaseBackup.restore(from: signature.file, force: signature.force, app: app)
        if let previous = summary.previousDatabase {
            context.console.print(Localizer.text("ops.restore.movedAside", language, ["path": previous]))
        }
        context.console.print(Localizer.text("ops.restore.done", language, [
            "path": DatabaseBackup.absolute(signature.file), "entries": String(summary.auditEntries), "last": String(summary.lastSequence),
        ]))
        // Migrations of a newer release run at the next start, as after any upgrade.
        context.console.print(Localizer.text("ops.restore.next", language))
    }
}
