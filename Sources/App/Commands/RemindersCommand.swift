import Fluent
import Planning
import Vapor

/// `chitieu reminders run|send` — the automatic reminder pass (for cron, when the server's own schedule is off)
/// and reminders sent by hand, as from the follow-up page.
struct RemindersCommand: AsyncCommandGroup {
    var help: String { "Nhắc nộp báo cáo: run (lượt nhắc tự động, cho cron), send KỲ (nhắc ngay). Reminders." }
    var commands: [String: any AnyAsyncCommand] { ["run": Run(), "send": Send()] }

    struct Run: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "today", help: "Ngày xét, yyyy-mm-dd (mặc định: hôm nay, giờ Việt Nam)") var today: String?
        }

        var help: String { "Nhắc các đơn vị chưa nộp của mọi đợt đang mở trong khoảng nhắc tự động (mỗi đơn vị tối đa một lần một ngày)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            var today = Day(Date())
            if let text = signature.today {
                guard let day = Day(iso: text.trimmingCharacters(in: .whitespaces)) else { throw AppError.invalidField(field: "--today", value: text) }
                today = day
            }
            let language = RemindersCommand.language
            // A `serve` that runs the schedule on the same PostgreSQL holds its lock: it does the passes, not cron.
            let leadership = try ScheduleLeadership(app: app, announces: false)
            guard await leadership.leads() else {
                context.console.print(language == .vietnamese ? "Một tiến trình chitieu serve đang chạy lịch nhắc tự động trên cơ sở dữ liệu này: lệnh không nhắc."
                                                               : "A chitieu serve runs the automatic reminders on this database: nothing sent.")
                return
            }
            let sent: [(period: String, outcome: Reminders.Outcome)]
            do {
                sent = try await Reminders.automaticPass(app: app, today: today)
                await leadership.resign()
            } catch {
                await leadership.resign()
                throw error
            }
            if sent.isEmpty {
                context.console.print(language == .vietnamese ? "Ngày \(today.vietnamese): không có đơn vị nào cần nhắc."
                                                               : "\(today.vietnamese): no organisation to remind.")
            }
            for (period, outcome) in sent { context.console.print(RemindersCommand.line(period, outcome, language)) }
        }
    }

    struct Send: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "period", help: "Kỳ báo cáo, ví dụ 2026NovS2") var period: String
            @Option(name: "org", help: "Chỉ nhắc đơn vị này (mã); mặc định mọi đơn vị chưa nộp") var org: String?
            @Option(name: "plan", help: "Mã kế hoạch (mặc định: kế hoạch mới nhất)") var plan: String?
        }

        var help: String { "Nhắc ngay các đơn vị chưa nộp báo cáo của một đợt đang mở (thông báo trong hệ thống và e-mail)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            guard let period = try? ReportingPeriod(code: signature.period.trimmingCharacters(in: .whitespaces)) else {
                throw CycleError.invalidPeriod(signature.period)
            }
            let plan = try await PlanQueries.resolve(signature.plan, on: app.db)
            guard let cycle = try await CycleRecord.query(on: app.db).filter(\.$planCode == plan.code).filter(\.$periodCode == period.code).first() else {
                throw CycleError.notFound(period.code)
            }
            let organisation = signature.org?.trimmingCharacters(in: .whitespaces)
            if let organisation, try await OrganisationRecord.query(on: app.db).filter(\.$code == organisation).first() == nil {
                throw AppError.organisationNotFound(organisation)
            }
            let outcome = try await Reminders.send(cycle, to: organisation.map { [$0] }, automatic: false, by: .commandLine, app: app, on: app.db)
            let language = RemindersCommand.language
            if outcome.organisations.isEmpty {
                context.console.print(language == .vietnamese ? "Kỳ \(period.code): mọi đơn vị đã nộp báo cáo, không cần nhắc."
                                                               : "Period \(period.code): every organisation has submitted, no reminder needed.")
            } else {
                context.console.print(RemindersCommand.line(period.code, outcome, language))
            }
        }
    }

    /// The language of printed lines, as for error lines (`CHITIEU_LANG=en`).
    static var language: Language { Entrypoint.cliLanguage }

    static func line(_ period: String, _ outcome: Reminders.Outcome, _ language: Language) -> String {
        let codes = outcome.organisations.joined(separator: ", ")
        let count = outcome.organisations.count
        if language == .vietnamese {
            let channel = outcome.channel == "email" ? ", qua e-mail" : "; e-mail chỉ ghi vào nhật ký (chưa cấu hình SMTP)"
            return "Kỳ \(period): đã nhắc \(count) đơn vị (\(codes)), \(outcome.recipients) người nhận\(channel)."
        }
        let channel = outcome.channel == "email" ? ", by e-mail" : "; e-mail only written to the log (SMTP not configured)"
        let people = outcome.recipients
        return "Period \(period): reminded \(count) organisation\(count == 1 ? "" : "s") (\(codes)), \(people) recipient\(people == 1 ? "" : "s")\(channel)."
    }
}
