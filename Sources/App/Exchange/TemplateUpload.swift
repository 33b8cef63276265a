import Documents
import Fluent
import Foundation
import Planning
import Vapor

/// A filled template brought back: matched to its report, read cell by cell with the form's rules, and saved in one
/// transaction — every value or none. Each problem names the sheet, row, column and indicator. Who may write the report
/// and whether it can change are checked before a byte of the file is read: someone else's report answers the same
/// whatever the file holds, and only a report's writers reach the parser.
enum TemplateUpload {
    struct Problem: Content, Equatable {
        let sheet: String
        let row: Int
        let column: String
        let indicator: String
        let message: String
    }

    struct Result: Content {
        let saved: Int
        let problems: [Problem]
    }

    static let maximumBytes = 5_000_000
    static let limits = XLSXReader.Limits(maxFileBytes: maximumBytes, maxUncompressedBytes: 30_000_000, maxCells: 200_000, maxDuration: .seconds(5))

    /// What saving a draft checks about the user and the report (`Reports.save` checks it again when it saves): another
    /// unit's report is 403 as everywhere, so is a report the user may read but not write; a cycle not yet open or a
    /// report that is submitted, approved or locked is 409.
    static func authorize(_ context: ReportContext, by user: CurrentUser) throws {
        try Reports.authorizeRead(context, by: user)
        guard context.cycle.cycleState != .planned else { throw ReportError.cycleNotOpen(context.cycle.cycleState) }
        _ = try Reports.workflow(.save, context, by: user)
    }

    /// Reads an upload on the app's thread pool, so that a slow file (at most `limits.maxDuration`) holds one of its
    /// threads, not one that answers requests.
    static func read(_ data: Data, language: Language, app: Application) async throws -> ReadWorkbook {
        let outcome = try await app.threadPool.runIfActive { () -> Swift.Result<ReadWorkbook, XLSXReadError> in
            do throws(XLSXReadError) { return .success(try XLSXReader.read(data, limits: limits)) } catch { return .failure(error) }
        }
        switch outcome {
        case .success(let book): return book
        case .failure(let error): throw ExchangeError.template(.unreadable(error.message(language)))
        }
    }

    static func apply(_ data: Data, to context: ReportContext, by user: CurrentUser, actor: Actor, checks: ValueCheck.Options,
                      language: Language, app: Application) async throws -> Result {
        try authorize(context, by: user)
        let db = app.db
        let book = try await read(data, language: language, app: app)
        let identity = book.customProperties.isEmpty ? hiddenIdentity(book) : book.customProperties
        guard let organisation = identity["chitieu.organisation"], let period = identity["chitieu.period"], let sheet = book.sheet(named: ReportTemplate.sheetName) else {
            throw ExchangeError.template(.notATemplate)
        }
        guard organisation == context.organisation.code, period == context.cycle.periodCode,
              identity["chitieu.report"].map({ $0 == context.report.id?.uuidString }) ?? true else {
            throw ExchangeError.template(.otherReport(organisation: organisation, period: period))
        }
        var problems: [Problem] = []
        var entries: [String: ValueEntry] = [:]
        var rowOf: [String: Int] = [:]
        let byCode = Dictionary(uniqueKeysWithValues: context.indicators.map { ($0.code, $0) })
        for row in sheet.rows(withValueIn: 1) where row > ReportTemplate.headerRow {
            guard case .text(let raw)? = sheet.value(row: row, column: 1) else { continue }
            let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
            func problem(_ column: Int, _ vi: String, _ en: String) {
                problems.append(Problem(sheet: sheet.name, row: row, column: CellReference.column(column - 1), indicator: code, message: language == .vietnamese ? vi : en))
            }
            guard let indicator = byCode[code] else {
                problem(1, "\(context.organisation.name) không báo cáo chỉ tiêu «\(raw)».", "\(context.organisation.name) does not report «\(raw)»."); continue
            }
            guard rowOf[code] == nil else { problem(1, "chỉ tiêu \(code) có hai dòng.", "\(code) is on two rows."); continue }
            rowOf[code] = row
            var entry = ValueEntry()
            func number(_ column: Int) -> Double? {
                switch sheet.value(row: row, column: column) {
                case nil: return nil
                case .number(let n)?: return n
                case .text(let t)? where t.trimmingCharacters(in: .whitespaces).isEmpty: return nil
                case .text(let t)?:
                    if let n = NumberInput.parse(t, style: .vietnamese) ?? Double(t.trimmingCharacters(in: .whitespaces)) { return n }
                    problem(column, "«\(t)» không phải là số.", "«\(t)» is not a number."); return nil
                case let other?: problem(column, "«\(other.text)» không phải là số.", "«\(other.text)» is not a number."); return nil
                }
            }
            switch indicator.measure {
            case .ratio: (entry.numerator, entry.denominator) = (number(ReportTemplate.first), number(ReportTemplate.second))
            case .count: entry.amount = number(ReportTemplate.first)
            case .shareOfUnits:
                switch sheet.value(row: row, column: ReportTemplate.first) {
                case nil: break
                case .bool(let b)?: entry.answer = b
                case let value?:
                    switch value.text.trimmingCharacters(in: .whitespaces).lowercased() {
                    case "có", "co", "yes", "true", "1": entry.answer = true
                    case "không", "khong", "no", "false", "0": entry.answer = false
                    case "": break
                    default: problem(ReportTemplate.first, "«\(value.text)»: chọn Có hoặc Không.", "«\(value.text)»: choose Có or Không.")
                    }
                }
            case .level:
                if let value = sheet.value(row: row, column: ReportTemplate.first), !value.text.trimmingCharacters(in: .whitespaces).isEmpty {
                    entry.level = value.text
                }
            }
            if case let value? = sheet.value(row: row, column: ReportTemplate.comment), !value.text.trimmingCharacters(in: .whitespaces).isEmpty {
                entry.comment = value.text
            }
            entries[code] = entry
        }
        // The form's rules over the whole report as it would be, so that type and rule problems come in one list.
        let merged = context.values.mapValues(\.entry).merging(entries) { _, uploaded in uploaded }
        let outcome = ReportCheck.check(merged, indicators: context.indicators, previous: context.previous, submitting: false, options: checks)
        for (code, list) in outcome.errors.sorted(by: { $0.key < $1.key }) where rowOf[code] != nil {
            let message = ReportError.invalidValues([code: list], names: context.names).message(language)
            problems.append(Problem(sheet: sheet.name, row: rowOf[code] ?? 0, column: "F", indicator: code, message: message))
        }
        if problems.isEmpty {
            let changed = entries.filter { context.values[$0.key]?.entry ?? ValueEntry() != $0.value }
            try await Reports.save(context, .init(version: context.report.version, values: changed), submit: false, by: user, actor: actor, checks: checks, on: db)
            return Result(saved: changed.count, problems: [])
        }
        return Result(saved: 0, problems: problems)
    }

    static func hiddenIdentity(_ book: ReadWorkbook) -> [String: String] {
        guard let sheet = book.sheet(named: ReportTemplate.identitySheet) else { return [:] }
        var identity: [String: String] = [:]
        for row in sheet.rows(withValueIn: 1) {
            if let key = sheet.value(row: row, column: 1)?.text, let value = sheet.value(row: row, column: 2)?.text { identity[key] = value }
        }
        return identity
    }
}
