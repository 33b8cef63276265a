import Fluent
import Foundation
import Planning
import Vapor

/// Imports data values (from DHIS2 JSON or CSV, or any other source) into the units' reports: every value checked with
/// the form's own rules; by default all of them land, in one transaction, or none do. Files are read as they come
/// (`ValueSource`), checked against lookups loaded once and written in batches (`ValueImport.Importer`).
enum ValueImport {
    /// One value as it came, with where it came from for the messages (`dataValues[3]`, `dòng 5`).
    struct Incoming: Sendable {
        var dataElement: String
        var period: String?
        var orgUnit: String?
        var categoryOptionCombo: String?
        var value: String?
        var comment: String?
        var position: String
    }

    enum Strategy: String, Sendable, CaseIterable {
        case createAndUpdate = "CREATE_AND_UPDATE"
        case create = "CREATE"
        case update = "UPDATE"
        case delete = "DELETE"
    }

    struct Options: Sendable {
        var dryRun = false
        var strategy = Strategy.createAndUpdate
        /// All or nothing (DHIS2's atomicMode=ALL); false writes the values that pass (atomicMode=NONE).
        var atomic = true
        /// A completeDate was given: the reports are submitted too (with the submission's rules).
        var complete = false
        var dataSet: String?
    }

    /// Who imports: a signed-in user (the report's own rules apply), or the command line, acting as each unit's reporter.
    enum Authority: Sendable {
        case user(CurrentUser)
        case commandLine
    }

    /// Values in memory (the XLSX path, tests, callers that already hold them): the same import as a file read as it goes.
    static func run(_ values: [Incoming], options: Options, authority: Authority, actor: Actor, checks: ValueCheck.Options,
                    language: Language, on db: any Database) async throws -> ImportSummary {
        try await run(ValueSource.values(values), options: options, authority: authority, actor: actor, checks: checks, language: language, on: db)
    }

    /// Reads the values as they come, checks each against lookups loaded once, and writes them in batches — all in one
    /// transaction: by default all of them land or none do (a dry run rolls back at the end). Throws `ExchangeError.empty`
    /// when the source holds no value.
    static func run(_ source: ValueSource, options: Options, authority: Authority, actor: Actor, checks: ValueCheck.Options,
                    language: Language, on db: any Database) async throws -> ImportSummary {
        var source = source
        for attempt in 0..<2 {
            var options = options
            try source.start()
            if let header = source.header {
                if options.dataSet == nil { options.dataSet = header.dataSet }
                if !(header.completeDate ?? "").isEmpty { options.complete = true }
            }
            let importer = try await Importer(options: options, authority: authority, actor: actor, checks: checks, language: language, on: db)
            do {
                return try await importer.run(source, on: db)
            } catch ValueImportRestart.headerAfterValues where attempt == 0 {
                // The set's members came after its values: read it again knowing them from the start.
                source = try source.reopenedKnowingHeader()
            }
        }
        throw ExchangeError.unknownFormat
    }

    /// The summary DHIS2 answers.
    static func summary(refused: Bool, conflicts: [ImportSummary.Conflict], conflictCount: Int, count: ImportSummary.Count, options: Options,
                        language: Language) -> ImportSummary {
        let status = refused ? "ERROR" : conflictCount == 0 ? "SUCCESS" : "WARNING"
        let description: String = switch (refused, options.dryRun, language) {
        case (true, _, .vietnamese): "Không nhập giá trị nào: tệp có \(conflictCount) lỗi (nhập tất cả hoặc không nhập gì)."
        case (true, _, _): "Nothing was imported: the file has \(conflictCount) problems (all or nothing)."
        case (false, true, .vietnamese): "Chạy thử: không ghi gì."
        case (false, true, _): "Dry run: nothing was written."
        case (false, false, .vietnamese): "Đã nhập số liệu."
        case (false, false, _): "Import done."
        }
        return ImportSummary(status: status, description: description, importCount: count, conflicts: conflicts,
                             dataSetComplete: options.complete && !refused && !options.dryRun ? "true" : "false")
    }

    static func describe(_ error: any Error, _ language: Language) -> String {
        let vi = language == .vietnamese
        switch error as? DataElements.Problem {
        case .unreadable(let name)?: return vi ? "không đọc được «\(name)»." : "«\(name)» cannot be read."
        case .wrongPart(let code, let measure)?:
            return vi ? "\(code) là \(Localizer.text("measure.\(measure.rawValue)", language).lowercased()): " + (measure == .ratio ? "gửi \(code).NUM và \(code).DEN." : "không có phần NUM/DEN.")
                      : "\(code) is a \(measure.rawValue): " + (measure == .ratio ? "send \(code).NUM and \(code).DEN." : "it has no NUM/DEN part.")
        case .wrongType(let code, let value, let measure)?:
            let expected = switch measure {
            case .ratio, .count: vi ? "một số (dấu chấm thập phân)" : "a number (decimal point)"
            case .shareOfUnits: vi ? "true hoặc false" : "true or false"
            case .level: vi ? "một mức trong thang của chỉ tiêu" : "a level of the indicator's scale"
            }
            return vi ? "giá trị «\(value)» của \(code) không hợp lệ: cần \(expected)." : "value «\(value)» of \(code) is not valid: expected \(expected)."
        case nil: return String(describing: error)
        }
    }
}
