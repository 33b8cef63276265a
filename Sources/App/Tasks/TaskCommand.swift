import Fluent
import Planning
import Vapor

/// `chitieu tasks import FILE.csv [--plan CODE] [--remove-demo]` and `chitieu tasks list [--plan CODE]`.
struct TasksCommand: AsyncCommandGroup {
    var help: String { "Nhiệm vụ (Phụ lục II): import, list. Tasks." }
    var commands: [String: any AnyAsyncCommand] { ["import": ImportCommand(), "list": ListCommand()] }

    struct ImportCommand: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "CSV có các cột code,content,lead,coordinating,start,end,output")
            var file: String
            @Option(name: "plan", help: "Mã kế hoạch (mặc định: kế hoạch nạp gần nhất)")
            var plan: String?
            @Flag(name: "remove-demo", help: "Xoá các nhiệm vụ MẪU (cùng cập nhật và kinh phí của chúng) trước khi nạp")
            var removeDemo: Bool
        }

        var help: String { "Nạp danh sách nhiệm vụ từ CSV (tất cả các dòng hoặc không dòng nào)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            guard let data = FileManager.default.contents(atPath: signature.file) else { throw AppError.fileNotReadable(signature.file) }
            try await app.autoMigrate()
            let s = try await TaskImport.apply(data, plan: signature.plan, removeDemo: signature.removeDemo, by: .commandLine, on: app.db)
            context.console.print("Đã nạp \(signature.file): \(s.created) nhiệm vụ thêm mới, \(s.demoRemoved) nhiệm vụ mẫu đã xoá.")
        }
    }

    struct ListCommand: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "plan", help: "Mã kế hoạch (mặc định: kế hoạch nạp gần nhất)")
            var plan: String?
        }

        var help: String { "Liệt kê nhiệm vụ: mã, đơn vị chủ trì, thời gian, trạng thái, tiến độ." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            let today = Day(Date())
            for task in try await TaskQueries.list(.init(plan: signature.plan), today: today, on: app.db).tasks {
                let flags = [task.isOverdue(today: today) ? "QUÁ HẠN" : nil, task.isDemo ? "MẪU" : nil].compactMap { $0 }
                context.console.print([task.code, task.leadCode, "\(task.start.vietnamese)–\(task.end.vietnamese)", task.status,
                                       "\(task.progress)%", task.content, flags.joined(separator: ",")].joined(separator: "\t"))
            }
        }
    }
}

/// The demo tasks that `chitieu demo` loads, so that the task pages have something to show.
enum DemoTasks {
    /// Loads `Resources/Tasks/demo-tasks.csv` as demo tasks unless the plan already has tasks (demo or
    /// real); returns how many were created. Nothing when the demo units have been replaced.
    static func load(_ app: Application) async throws -> Int {
        let plan = try await PlanQueries.resolve(nil, on: app.db).code
        guard try await TaskRecord.query(on: app.db).filter(\.$planCode == plan).count() == 0,
              let data = FileManager.default.contents(atPath: app.settings.directory + TaskImport.demoFile) else { return 0 }
        do {
            return try await TaskImport.apply(data, plan: plan, isDemo: true, by: .commandLine, on: app.db).created
        } catch TaskError.file {
            return 0
        }
    }
}
