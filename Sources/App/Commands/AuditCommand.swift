import Planning
import Vapor

/// `chitieu audit verify` — walks the change log's hash chain and compares its end with the anchor outside the
/// database; exit 1 at the first altered, missing, forged entry or a deleted or rewritten tail.
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
            if let anchor = try AuditSeal.current?.anchorOnDisk() {
                context.console.print("Khớp mốc neo: mục số \(anchor.sequence) (\(AuditSeal.current?.anchorPath ?? "")).")
            } else {
                context.console.print("Chưa có mốc neo (\(AuditSeal.current?.anchorPath ?? "")): mốc được ghi sau lần ghi nhật ký kế tiếp.")
            }
        }
    }
}
