import Fluent
import Planning
import Vapor

extension UserCommand {
    /// `chitieu user token --email E [--write] [--days N] [--name N]` — an API token for an account (a service
    /// account of an integration, or a scripted check), printed once like on `/account/tokens`.
    struct Token: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "email", help: "Tên đăng nhập (email)") var email: String?
            @Option(name: "name", help: "Tên gợi nhớ của mã") var name: String?
            @Option(name: "days", help: "Hết hạn sau N ngày (1–\(APITokens.maximumDays); mặc định \(APITokens.defaultDays))") var days: Int?
            @Flag(name: "write", help: "Được ghi (mặc định chỉ được đọc)") var write: Bool
        }

        var help: String { "Tạo mã truy cập API cho một tài khoản; mã chỉ in một lần. API token for an account." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            let user = try await UserCommand.user(signature.email, on: app.db)
            guard user.isActive else { throw AppError.userNotFound(user.email) }
            let created = try await APITokens.create(for: user, name: signature.name ?? "dòng lệnh", canWrite: signature.write,
                                                     days: signature.days, by: .commandLine, on: app.db)
            context.console.print(created.token)
        }
    }

    /// `chitieu user tokens --email E` — every API token of an account, with its state.
    struct Tokens: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "email", help: "Tên đăng nhập (email)") var email: String?
        }

        var help: String { "Liệt kê mã truy cập API của một tài khoản: id, mã đầu, tên, quyền, hết hạn, trạng thái." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            let user = try await UserCommand.user(signature.email, on: app.db)
            let now = Date()
            for token in try await APITokens.list(of: user.requireID(), on: app.db) {
                let state = token.revokedAt != nil ? "đã thu hồi" : APITokens.expiry(of: token) <= now ? "hết hạn" : "còn hiệu lực"
                context.console.print([try token.requireID().uuidString, token.prefix, token.name, token.scope,
                                       DateText.day(APITokens.expiry(of: token)), state].joined(separator: "\t"))
            }
        }
    }

    /// `chitieu user revoke-token --email E (--token ID|PREFIX | --all)` — revokes one token of an account, or all.
    struct RevokeToken: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "email", help: "Tên đăng nhập (email)") var email: String?
            @Option(name: "token", help: "id hoặc mã đầu của mã truy cập (xem: chitieu user tokens --email E)") var token: String?
            @Flag(name: "all", help: "Thu hồi mọi mã truy cập của tài khoản") var all: Bool
        }

        var help: String { "Thu hồi một mã truy cập API của tài khoản (--token), hoặc mọi mã (--all)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            let user = try await UserCommand.user(signature.email, on: app.db)
            if signature.all {
                try await app.db.writing { db in try await APITokens.revokeAll(of: user, because: "thu hồi từ dòng lệnh", by: .commandLine, on: db) }
                context.console.print("Đã thu hồi mọi mã truy cập của \(user.email).")
                return
            }
            guard let wanted = signature.token, !wanted.isEmpty else { throw AppError.invalidField(field: "--token / --all", value: "") }
            let tokens = try await APITokens.list(of: user.requireID(), on: app.db)
            let matches = tokens.filter { $0.id?.uuidString.lowercased() == wanted.lowercased() || $0.prefix == wanted }
            guard matches.count == 1, let token = matches.first else { throw AppError.tokenNotFound }
            try await APITokens.revoke(token.requireID(), of: user.requireID(), by: .commandLine, on: app.db)
            context.console.print("Đã thu hồi mã \(token.prefix) (\(token.name)) của \(user.email).")
        }
    }

    static func user(_ email: String?, on db: any Database) async throws -> UserRecord {
        let email = (email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard let user = try await UserRecord.query(on: db).filter(\.$email == email).first() else { throw AppError.userNotFound(email) }
        return user
    }
}
