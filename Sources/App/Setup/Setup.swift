import Fluent
import Planning
import Vapor

/// Brings a database to a usable state: migrated, the bundled plan loaded, the Department and its
/// offices present, and demo units when there are no units yet. Safe to run on every start.
enum Setup {
    static let bundledPlan = "Resources/Plans/ninh-binh-khcn-cds-2025.json"
    static let demoUnits = "Resources/Organisations/demo-units.csv"

    struct Report: Sendable {
        var planLoaded: PlanLoadSummary?
        var demoUnitsCreated = 0
        /// The first administrator's e-mail and generated password, when this run created them.
        var firstAdmin: (email: String, password: String)?
    }

    static let firstAdminEmail = "admin@chitieu.local"


    /// Several processes starting at once on one PostgreSQL prepare it one after the other (an advisory lock).
    static func prepare(_ app: Application) async throws -> Report {
        try await AdvisoryLock.holding(AdvisoryLock.setupKey, app: app) { try await prepareAlone(app) }
    }

    private static func prepareAlone(_ app: Application) async throws -> Report {
        try await app.autoMigrate()
        if app.settings.databaseURL == nil { try await SQLiteTuning.apply(app) }
        var report = Report()
        let db = app.db
        try await Directory.ensureDepartment(on: db)
        if try await PlanRecord.query(on: db).count() == 0 {
            report.planLoaded = try await PlanLoader.load(fileAt: app.settings.directory + bundledPlan, by: .system, on: db)
        }
        let units = try await OrganisationRecord.query(on: db).all().filter {
            $0.kind != "department" && $0.kind != "office"
        }
        if units.isEmpty, let data = FileManager.default.contents(atPath: app.settings.directory + demoUnits) {
            report.demoUnitsCreated = try await OrganisationImport.apply(data, isDemo: true, by: .system, on: db).created
        }
        if try await UserRecord.query(on: db).count() == 0 {
            let email = Environment.get("ADMIN_EMAIL") ?? firstAdminEmail
            let (_, password) = try await Accounts.create(
                .init(email: email, name: "Quản trị hệ thống", role: .admin, organisationCode: Directory.department.code), by: .system, app: app, on: db)
            report.firstAdmin = password.map { (email, $0) }
        }
        await Audit.anchor(on: db, logger: app.logger)
        return report
    }
}

/// `serve` as Vapor's, after preparing the database (so a first run on an empty database just works).
struct ServeWithSetupCommand: AsyncCommand {
    typealias Signature = ServeCommand.Signature
    var help: String { "Chuẩn bị cơ sở dữ liệu (lần đầu: tạo bảng, nạp kế hoạch) rồi chạy máy chủ web. Begins serving the app over HTTP." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let report = try await Setup.prepare(app)
        if let plan = report.planLoaded {
            context.console.print("Đã nạp kế hoạch \(plan.planCode): \(plan.indicatorsCreated) chỉ tiêu.")
        }
        if report.demoUnitsCreated > 0 {
            context.console.print("Đã tạo \(report.demoUnitsCreated) đơn vị MẪU (dữ liệu dùng thử). Nạp danh sách thật: chitieu orgs import TỆP.csv --remove-demo")
        }
        if let admin = report.firstAdmin {
            context.console.print("")
            context.console.print("Tài khoản quản trị đầu tiên (chỉ in một lần — hãy ghi lại):")
            context.console.print("  tên đăng nhập: \(admin.email)")
            context.console.print("  mật khẩu:      \(admin.password)")
            context.console.print("  Hệ thống sẽ yêu cầu đổi mật khẩu khi đăng nhập lần đầu.")
            context.console.print("")
        }
        context.console.print("Cơ sở dữ liệu: \(app.settings.databaseURL == nil ? app.settings.databasePath : "PostgreSQL (DATABASE_URL)")")
        let smtp = app.settings.smtp
        context.console.print("Thư nhắc: " + (smtp.map { "gửi qua SMTP \($0.host):\($0.port), người gửi \($0.from)" } ?? "chỉ ghi vào nhật ký (chưa đặt SMTP_HOST)"))
        try await app.servers.asyncCommand.run(using: context, signature: signature)
        let configuration = app.http.server.configuration
        let port = app.http.server.shared.localAddress?.port ?? configuration.port
        context.console.print("Mở trình duyệt (open in a browser): http://\(configuration.hostname):\(port)/login")
        let minutes = app.settings.reminderCheckMinutes
        context.console.print(minutes > 0 ? "Nhắc tự động: kiểm tra mỗi \(NumberStyle.plain(minutes)) phút." : "Nhắc tự động: tắt (REMINDER_CHECK_MINUTES=0).")
        if minutes > 0 { try ReminderSchedule.start(on: app, firstAfter: .seconds(min(10, minutes * 60)), every: .seconds(minutes * 60)) }
    }
}
