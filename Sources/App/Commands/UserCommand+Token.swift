import Fluent
import Vapor

extension UserCommand {
    /// `chitieu user token --email E [--write] [--days N] [--name N]` — an API token for an account (a service
    /// account of an integration, or a scripted check), printed once like on `/account/tokens`.
    struct Token: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "email", help: "Tên đăng nhập (email)") var email: String?
            @Option(name: "name", help: "Tên gợi nhớ của mã") var name: String?
            @Option(name: "days", help: "Hết hạn sau N ngày (1–\(APITokens.maximumDays)); bỏ trống: không hết hạn") var days: Int?
            @Flag(name: "write", help: "Được ghi (mặc định chỉ được đọc)") var write: Bool
        }

        var help: String { "Tạo mã truy cập API cho một tài khoản; mã chỉ in một lần. API token for an account." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            let email = (signature.email ?? "").lowercased()
            guard let user = try await UserRecord.query(on: app.db).filter(\.$email == email).first(), user.isActive else {
                throw AppError.userNotFound(email)
            }
            let created = try await APITokens.create(for: user, name: signature.name ?? "dòng lệnh", canWrite: signature.write,
                                                     days: signature.days, by: .commandLine, on: app.db)
            context.console.print(created.token)
        }
    }
}
