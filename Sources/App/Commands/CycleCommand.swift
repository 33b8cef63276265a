import Fluent
import Planning
import Vapor

/// `chitieu cycles …`: reporting cycles from the command line, with the same rules as the pages and the API.
struct CycleCommand: AsyncCommandGroup {
    var help: String { "Đợt báo cáo: list, create, open, close, status. Reporting cycles." }
    var commands: [String: any AnyAsyncCommand] {
        ["list": ListCommand(), "create": CreateCommand(), "open": OpenCommand(), "close": CloseCommand(), "status": StatusCommand()]
    }

    static func find(_ period: String, on db: any Database) async throws -> CycleRecord {
        guard let cycle = try await CycleRecord.query(on: db).filter(\.$periodCode == period).first() else { throw CycleError.notFound(period) }
        return cycle
    }

    struct PeriodSignature: CommandSignature {
        @Argument(name: "period", help: "Kỳ báo cáo, ví dụ 2026NovS1")
        var period: String
    }

    struct ListCommand: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "Liệt kê các đợt báo cáo." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            for cycle in try await CycleRecord.query(on: app.db).sort(\.$periodCode, .descending).all() {
                context.console.print([cycle.periodCode, CycleText.state(cycle.state, .vietnamese), "\(cycle.dates.start.vietnamese)–\(cycle.dates.end.vietnamese)",
                                       "hạn nộp: \(CycleText.due(cycle.dueOn, .vietnamese))"].joined(separator: "\t"))
            }
        }
    }

    struct CreateCommand: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "period", help: "Kỳ báo cáo, ví dụ 2026NovS1")
            var period: String
            @Option(name: "calendar", help: "november (mặc định) hoặc decree09")
            var calendar: String?
            @Option(name: "due", help: "Hạn nộp dd/mm/yyyy: báo cáo nộp trước ngày này, đúng hạn đến hết ngày hôm trước (mặc định theo lịch)")
            var due: String?
            @Option(name: "cutoff", help: "Ngày chốt số liệu dd/mm/yyyy")
            var cutoff: String?
            @Option(name: "reminder-days", help: "Nhắc tự động trước hạn bao nhiêu ngày (0–60, mặc định 7)")
            var reminderDays: Int?
        }

        var help: String { "Tạo đợt báo cáo (trạng thái dự kiến)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            let cycle = try await Cycles.create(.init(plan: nil, period: signature.period, calendar: signature.calendar, start: nil, end: nil,
                                                      cutoff: signature.cutoff, due: signature.due, reminderDays: signature.reminderDays),
                                                by: .commandLine, on: app.db)
            context.console.print("Đã tạo đợt \(cycle.periodCode): \(cycle.dates.start.vietnamese)–\(cycle.dates.end.vietnamese), hạn nộp: \(CycleText.due(cycle.dueOn, .vietnamese)).")
        }
    }

    struct OpenCommand: AsyncCommand {
        typealias Signature = PeriodSignature
        var help: String { "Mở đợt: tạo báo cáo trống cho mọi đơn vị phải báo cáo." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            let count = try await Cycles.open(try await CycleCommand.find(signature.period, on: app.db), by: .commandLine, on: app.db)
            context.console.print("Đã mở đợt \(signature.period): \(count) báo cáo được tạo.")
        }
    }

    struct CloseCommand: AsyncCommand {
        typealias Signature = PeriodSignature
        var help: String { "Đóng đợt và khoá mọi báo cáo." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            try await Cycles.close(try await CycleCommand.find(signature.period, on: app.db), by: .commandLine, on: app.db)
            context.console.print("Đã đóng đợt \(signature.period); các báo cáo đã được khoá.")
        }
    }

    struct StatusCommand: AsyncCommand {
        typealias Signature = PeriodSignature
        var help: String { "Tính đầy đủ, kịp thời và các đơn vị chưa gửi." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            let cycle = try await CycleCommand.find(signature.period, on: app.db)
            let reports = try await ReportRecord.query(on: app.db).filter(\.$cycle.$id == cycle.requireID()).sort(\.$organisationCode).all()
            let s = Cycles.statistics(cycle, reports: reports)
            context.console.print("\(cycle.periodCode) (\(CycleText.state(cycle.state, .vietnamese))): phải báo cáo \(s.expected), đã gửi \(s.submitted), đã duyệt \(s.approved), muộn \(s.late), chưa gửi \(s.missing)")
            context.console.print("Hạn nộp: \(CycleText.due(cycle.dueOn, .vietnamese)) (đúng hạn đến hết ngày \(ReportingCycleRules.lastDayOnTime(cycle.dates.due).vietnamese), giờ Việt Nam)")
            context.console.print("Tính đầy đủ \(CycleText.percent(s.completeness, .vietnamese)), tính kịp thời \(CycleText.percent(s.timeliness, .vietnamese))")
            for report in reports where report.submittedAt == nil {
                context.console.print("  chưa gửi: \(report.organisationCode)\t\(Localizer.text("state.\(report.state)", .vietnamese))")
            }
        }
    }
}
