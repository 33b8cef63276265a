import Planning
import Vapor

/// `chitieu audit verify` — walks the change log's hash chain; exit 1 at the first altered or missing entry.
struct AuditCommand: AsyncCommandGroup {
    var help: String { "Nhật ký thay đổi: verify. Audit log." }
    var commands: [String: any AnyAsyncCommand] { ["verify": Verify()] }

    struct Verify: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "Kiểm tra chuỗi băm của nhật ký thay đổi (phát hiện mục bị sửa hoặc bị xoá)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            let (count, found) = try await Audit.verify(on: app.db)
            if let found { throw AppError.auditBroken(found) }
            context.console.print("Nhật ký thay đổi toàn vẹn: \(count) mục, chuỗi băm khớp từ đầu đến cuối.")
        }
    }
}
