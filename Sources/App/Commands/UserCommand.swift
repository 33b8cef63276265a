import Fluent
import Planning
import Vapor

/// `chitieu user add|reset-password|list|token|tokens|revoke-token` — accounts from the command line.
struct UserCommand: AsyncCommandGroup {
    var help: String { "Tài khoản: add, reset-password, list, token, tokens, revoke-token. Users." }
    var commands: [String: any AnyAsyncCommand] {
        ["add": Add(), "reset-password": ResetPassword(), "list": List(), "token": Token(), "tokens": Tokens(), "revoke-token": RevokeToken()]
    }

    struct Add: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "email", help: "Tên đăng nhập (email)") var email: String?
            @Option(name: "name", help: "Họ tên") var name: String?
            @Option(name: "role", help: "admin | leadership | coordinator | leadOffice | unitReporter | unitHead") var role: String?
            @Option(name: "org", help: "Mã cơ quan, đơn vị (xem: chitieu orgs list)") var org: String?
            @Flag(name: "service", help: "Tài khoản dịch vụ cho tích hợp (không đăng nhập bằng mật khẩu)") var service: Bool
        }

        var help: String { "Tạo tài khoản; mật khẩu được sinh ngẫu nhiên, in một lần, phải đổi khi đăng nhập lần đầu." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            guard let email = signature.email, let name = signature.name, let roleText = signature.role, let org = signature.org else {
                throw AppError.invalidField(field: "--email --name --role --org", value: "")
            }
            guard let role = Role(rawValue: roleText) else { throw AppError.invalidField(field: "role", value: roleText) }
            let (user, password) = try await Accounts.create(.init(email: email, name: name, role: role, organisationCode: org, isService: signature.service), by: .commandLine,
                                                             app: app, on: app.db)
            context.console.print("Đã tạo tài khoản \(user.email) (\(role.rawValue), \(org)).")
            if let password { context.console.print("Mật khẩu (chỉ in một lần, phải đổi khi đăng nhập lần đầu): \(password)") }
        }
    }

    struct ResetPassword: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "email", help: "Tên đăng nhập (email)") var email: String?
        }

        var help: String { "Cấp lại mật khẩu ngẫu nhiên (phải đổi khi đăng nhập), mở khoá và đăng xuất mọi phiên." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            let user = try await UserCommand.user(signature.email, on: app.db)
            guard !user.isService else { throw AppError.userNotFound(user.email) }
            let password = try await Accounts.resetPassword(user, by: .commandLine, app: app, on: app.db)
            context.console.print("Mật khẩu mới của \(user.email) (chỉ in một lần, phải đổi khi đăng nhập): \(password)")
        }
    }

    struct List: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "Liệt kê tài khoản." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            for user in try await UserRecord.query(on: app.db).sort(\.$email).all() {
                var flags: [String] = []
                if !user.isActive { flags.append("ngừng") }
                if user.isService { flags.append("dịch vụ") }
                if user.isDemo { flags.append("MẪU") }
                if let locked = user.lockedUntil, locked > Date() { flags.append("khoá") }
                context.console.print([user.email, user.role, user.organisationCode, user.name, flags.joined(separator: ",")].joined(separator: "\t"))
            }
        }
    }
}

/// `chitieu demo` — one demo account per role, with printed passwords, for trying the system only.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "reports", help: "Thêm hai kỳ báo cáo MẪU đã duyệt của các đơn vị mẫu (MAU-…), để xem bảng tổng quan và báo cáo") var reports: Bool
    }

    var help: String { "Tạo một tài khoản MẪU cho mỗi vai trò (chỉ để dùng thử); --reports: thêm hai kỳ số liệu MẪU." }

    static let accounts: [(email: String, name: String, role: Role, org: String)] = [
        ("quantri@demo.chitieu.local", "Quản trị viên (mẫu)", .admin, "SYT"),
        ("lanhdao@demo.chitieu.local", "Lãnh đạo Sở (mẫu)", .leadership, "SYT"),
        ("dieuphoi@demo.chitieu.local", "Cán bộ Phòng Quản lý Khám chữa bệnh (mẫu)", .coordinator, "QLKCB"),
        ("phongchutri@demo.chitieu.local", "Cán bộ Phòng Bảo hiểm Y tế (mẫu)", .leadOffice, "BHYT"),
        ("donvi@demo.chitieu.local", "Cán bộ Bệnh viện A (mẫu)", .unitReporter, "MAU-BVDK-A"),
        // The head of the demo reporter's hospital: its reports go to him to be signed before they reach the Department.
        ("thutruong@demo.chitieu.local", "Thủ trưởng Bệnh viện A (mẫu)", .unitHead, "MAU-BVDK-A"),
    ]

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        _ = try await Setup.prepare(app)
        context.console.print("Tài khoản MẪU — chỉ để dùng thử, không dùng cho số liệu thật:")
        for account in Self.accounts {
            if let existing = try await UserRecord.query(on: app.db).filter(\.$email == account.email).first() {
                let password = try await Accounts.resetPassword(existing, by: .commandLine, app: app, on: app.db)
                existing.mustChangePassword = false
                try await existing.save(on: app.db)
                context.console.print("  \(account.role.rawValue)\t\(account.email)\t\(password)")
                continue
            }
            let (user, password) = try await Accounts.create(.init(email: account.email, name: account.name, role: account.role,
                                                                   organisationCode: account.org, isDemo: true), by: .commandLine, app: app, on: app.db)
            // Demo accounts skip the first-sign-in password change so that trying the system is quick.
            user.mustChangePassword = false
            try await user.save(on: app.db)
            context.console.print("  \(account.role.rawValue)\t\(account.email)\t\(password ?? "")")
        }
        let tasks = try await DemoTasks.load(app)
        if tasks > 0 { context.console.print("Đã tạo \(tasks) nhiệm vụ MẪU. Nạp danh sách thật: chitieu tasks import TỆP.csv --remove-demo") }
        guard signature.reports else { return }
        for outcome in try await DemoReports.load(app) {
            context.console.print("Kỳ \(outcome.period): \(outcome.approved) báo cáo MẪU đã gửi và được duyệt.")
        }
    }
}
