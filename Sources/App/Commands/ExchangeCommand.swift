import Documents
import Fluent
import Foundation
import Planning
import Vapor

/// `chitieu import FILE`: a filled Excel template, a DHIS2 dataValueSet in JSON or a DHIS2 CSV, told apart by content;
/// all or nothing, with a line per problem and a summary.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Tệp .xlsx (mẫu báo cáo), .json hoặc .csv (dataValueSet của DHIS2)") var file: String
        @Option(name: "as", help: "Nhập với tài khoản này (email); mặc định: như cán bộ của từng đơn vị") var user: String?
        @Option(name: "strategy", help: "CREATE_AND_UPDATE (mặc định), CREATE, UPDATE, DELETE") var strategy: String?
        @Flag(name: "dry-run", help: "Kiểm tra, không ghi gì") var dryRun: Bool
        @Flag(name: "parse-only", help: "Chỉ đọc tệp, không kiểm tra, không ghi (đo tốc độ đọc). Parse only (benchmark floor)") var parseOnly: Bool
    }

    var help: String { "Nhập số liệu từ tệp (xlsx, json, csv): tất cả hoặc không gì. Import values." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let language = Entrypoint.cliLanguage
        let prefix = try ByteSource.prefix(ofFile: signature.file)
        let kind = ExchangeFormats.kind(of: prefix)
        if signature.parseOnly, kind != .xlsx {
            let started = Date()
            let source = kind == .json ? ValueSource.json(try .file(signature.file)) : ValueSource.csv(try .file(signature.file))
            try source.start()
            var count = 0
            while try source.next() != nil { count += 1 }
            context.console.print("\(count) giá trị / values, \(String(format: "%.3f", Date().timeIntervalSince(started))) s")
            return
        }
        try await app.autoMigrate()
        var authority = ValueImport.Authority.commandLine
        var actor = Actor.commandLine
        if let email = signature.user {
            guard let record = try await UserRecord.query(on: app.db).filter(\.$email == email.lowercased()).first(), record.isActive else {
                throw AppError.userNotFound(email)
            }
            authority = .user(try CurrentUser(record, credential: .token(id: UUID(), canWrite: true)))
            actor = .user(record.email)
        }
        if kind == .xlsx {
            guard let data = FileManager.default.contents(atPath: signature.file) else { throw AppError.fileNotReadable(signature.file) }
            try await importTemplate(data, authority: authority, actor: actor, context: context, language: language)
            return
        }
        var options = ValueImport.Options(dryRun: signature.dryRun)
        if let text = signature.strategy {
            guard let strategy = ValueImport.Strategy(rawValue: text.uppercased()) else {
                throw ExchangeError.invalidOption(name: "--strategy", value: text, allowed: ValueImport.Strategy.allCases.map(\.rawValue))
            }
            options.strategy = strategy
        }
        // Read a megabyte at a time: memory stays flat whatever the size of the file.
        let bytes = try ByteSource.file(signature.file)
        let source = kind == .json ? ValueSource.json(bytes) : ValueSource.csv(bytes)
        let summary = try await ValueImport.run(source, options: options, authority: authority, actor: actor, checks: app.settings.valueChecks,
                                                language: language, on: app.db)
        for conflict in summary.conflicts { context.console.error("\(conflict.object): \(conflict.value)") }
        let c = summary.importCount
        context.console.print(language == .vietnamese ? "Đã đọc \(signature.file) (\(kind == .json ? "JSON" : "CSV"))." : "Read \(signature.file) (\(kind == .json ? "JSON" : "CSV")).")
        context.console.print("\(summary.status): \(summary.description) " + (language == .vietnamese
            ? "Thêm \(c.imported), sửa \(c.updated), bỏ qua \(c.ignored), xoá \(c.deleted); \(summary.conflicts.count) lỗi."
            : "Imported \(c.imported), updated \(c.updated), ignored \(c.ignored), deleted \(c.deleted); \(summary.conflicts.count) conflicts."))
        if summary.status == "ERROR" { throw ExchangeError.refused(problems: summary.conflicts.count) }
    }

    private func importTemplate(_ data: Data, authority: ValueImport.Authority, actor: Actor, context: CommandContext, language: Language) async throws {
        let app = context.application
        let book = try await TemplateUpload.read(data, language: language, app: app)
        guard let id = (book.customProperties.isEmpty ? TemplateUpload.hiddenIdentity(book) : book.customProperties)["chitieu.report"].flatMap({ UUID(uuidString: $0) }) else {
            throw ExchangeError.template(.notATemplate)
        }
        let report = try await Reports.load(id, on: app.db)
        let user: CurrentUser
        switch authority {
        case .user(let signedIn): user = signedIn
        case .commandLine: user = CurrentUser(commandLine: "dong-lenh@chitieu.local", name: "Nhập từ dòng lệnh", role: .unitReporter, organisationCode: report.organisation.code)
        }
        let result = try await TemplateUpload.apply(data, to: report, by: user, actor: actor, checks: app.settings.valueChecks, language: language, app: app)
        for problem in result.problems {
            context.console.error("\(problem.sheet)!\(problem.column)\(problem.row) \(problem.indicator): \(problem.message)")
        }
        guard result.problems.isEmpty else {
            throw ExchangeError.refused(problems: result.problems.count)
        }
        context.console.print(language == .vietnamese ? "Đã nhập mẫu báo cáo của \(report.organisation.code) kỳ \(report.cycle.periodCode): \(result.saved) chỉ tiêu thay đổi."
                                                      : "Imported the template of \(report.organisation.code) for \(report.cycle.periodCode): \(result.saved) indicators changed.")
    }
}

/// `chitieu export --period P [--org O] [--children] [--format json|csv|xlsx] [--output FILE]`.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "period", help: "Kỳ báo cáo, ví dụ 2026NovS1") var period: String?
        @Option(name: "org", help: "Mã cơ quan, đơn vị (mặc định SYT: toàn ngành)") var org: String?
        @Option(name: "format", help: "json (mặc định), csv, xlsx") var format: String?
        @Option(name: "output", help: "Tệp ghi ra (mặc định: in ra màn hình; xlsx cần --output)") var output: String?
    }

    var help: String { "Xuất số liệu của một kỳ dạng dataValueSet (json, csv) hoặc Excel. Export values." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let period = signature.period else { throw ExchangeError.invalidOption(name: "--period", value: "", allowed: ["2026NovS1", "…"]) }
        let format = (signature.format ?? "json").lowercased()
        guard ["json", "csv", "xlsx"].contains(format) else { throw ExchangeError.invalidOption(name: "--format", value: format, allowed: ["json", "csv", "xlsx"]) }
        let org = signature.org ?? Directory.department.code
        let set = try await ValueExport.dataValueSet(period: period, orgUnit: org, children: true, dataSet: nil, user: nil, on: app.db)
        let data: Data
        switch format {
        case "csv": data = ValueExport.csv(set)
        case "xlsx":
            let rows = [DataValueCSV.header.map { Cell.text($0, style: .header) }] + set.dataValues.map { v in
                [v.dataElement, v.period ?? "", v.orgUnit ?? "", v.categoryOptionCombo ?? "", "", v.value ?? "", v.storedBy ?? "", v.lastUpdated ?? "", v.comment ?? "", "false"]
                    .map { Cell.text($0) }
            }
            data = try Workbook(sheets: [Worksheet(name: "Số liệu", rows: rows, columnWidths: [14, 12, 14, 10, 10, 16, 24, 22, 30, 8], frozenRows: 1)]).data()
        default:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            data = try encoder.encode(set)
        }
        if let output = signature.output {
            guard FileManager.default.createFile(atPath: output, contents: data) else { throw AppError.fileNotReadable(output) }
            context.console.error("\(set.dataValues.count) giá trị → \(output)")
        } else {
            guard format != "xlsx" else { throw ExchangeError.invalidOption(name: "--output", value: "", allowed: ["FILE.xlsx"]) }
            FileHandle.standardOutput.write(data)
        }
    }
}
