import Planning
import Vapor

/// `chitieu load-plan FILE` — validate a plan file and load or update it; a second run changes nothing.
struct LoadPlanCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Tệp kế hoạch JSON (xem Resources/Plans/)")
        var file: String
    }

    var help: String { "Kiểm tra và nạp (hoặc cập nhật) một tệp kế hoạch. Validates and loads a plan file." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        // Read and check the file before touching the database: a mistyped path creates nothing.
        guard let data = FileManager.default.contents(atPath: signature.file) else { throw AppError.fileNotReadable(signature.file) }
        let plan: Plan
        do { plan = try PlanFile.load(data) } catch { throw AppError.planFile(path: signature.file, error) }
        try await app.autoMigrate()
        let summary = try await PlanLoader.load(plan, by: .commandLine, on: app.db)
        let s = summary
        if !s.changedAnything {
            context.console.print("Kế hoạch \(s.planCode): không có gì thay đổi (\(s.indicatorsUnchanged) chỉ tiêu giữ nguyên).")
            return
        }
        context.console.print("Kế hoạch \(s.planCode)\(s.planCreated ? " (mới)" : ""): \(s.indicatorsCreated) chỉ tiêu thêm mới, "
            + "\(s.indicatorsUpdated) cập nhật, \(s.indicatorsUnchanged) giữ nguyên, \(s.indicatorsRemoved) bỏ; "
            + "\(s.officesCreated) phòng thêm mới, \(s.officesUpdated) phòng cập nhật.")
    }
}

/// `chitieu orgs import FILE.csv [--remove-demo]` and `chitieu orgs list`.
struct OrganisationsCommand: AsyncCommandGroup {
    var help: String { "Cơ quan, đơn vị: import, list. Organisations." }
    var commands: [String: any AnyAsyncCommand] { ["import": ImportCommand(), "list": ListCommand()] }

    struct ImportCommand: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "CSV có các cột code,name,kind,medical,parent")
            var file: String
            @Flag(name: "remove-demo", help: "Xoá các đơn vị MẪU không có trong tệp")
            var removeDemo: Bool
        }

        var help: String { "Nạp danh sách cơ quan, đơn vị từ CSV (tất cả các dòng hoặc không dòng nào)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            guard let data = FileManager.default.contents(atPath: signature.file) else { throw AppError.fileNotReadable(signature.file) }
            _ = try OrganisationImport.parse(data)
            try await app.autoMigrate()
            try await Directory.ensureDepartment(on: app.db)
            let s = try await OrganisationImport.apply(data, removeDemo: signature.removeDemo, by: .commandLine, on: app.db)
            context.console.print("Đã nạp \(signature.file): \(s.created) thêm mới, \(s.updated) cập nhật, \(s.unchanged) giữ nguyên, \(s.demoRemoved) đơn vị mẫu đã xoá.")
        }
    }

    struct ListCommand: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "Liệt kê cơ quan, đơn vị." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            for record in try await Directory.all(on: app.db) {
                context.console.print([record.code, record.kind, record.isMedical ? "yes" : "no", record.name + (record.isDemo ? " [MẪU]" : "")].joined(separator: "\t"))
            }
        }
    }
}
