import Fluent
import SQLKit
import Foundation
import Planning
import Vapor

/// Thrown inside the import's transaction to roll it back and read the file again (see `ValueSource.mustRestart`).
enum ValueImportRestart: Error { case headerAfterValues }

extension ValueImport {
    /// One value that passed the checks a value needs alone, waiting for its report.
    struct Item {
        let value: Incoming
        let indicator: Indicator
        let part: DataElements.Part
    }

    /// Consecutive values of one report (period and organisation), as files written by DHIS2 or a spreadsheet come.
    struct Run {
        let period: String
        let organisation: String
        var items: [Item]
    }

    /// The state of one import: lookups loaded once, the summary as it grows, the runs waiting for the next batch.
    /// Used by one task at a time (hence `@unchecked`).
    final class Importer: @unchecked Sendable {
        let options: Options
        let authority: Authority
        let actor: Actor
        let checks: ValueCheck.Options
        let language: Language
        let plan: PlanRecord
        let byCode: [String: Indicator]
        /// Data element slots (indicator × part) for the duplicate check: a few bits per report, not a string per value.
        let slots: [String: Int]
        let indicators: [Indicator]
        let organisations: [String: Organisation]
        let cycles: [String: CycleRecord]
        /// Each cycle's report ids by organisation, read once per cycle (two columns: the report models themselves are
        /// read per batch and let go, so memory does not grow with the cycles a file touches).
        var reportIDs: [UUID: [String: UUID]] = [:]
        var scopes: [String: [Indicator]] = [:]
        var seen: [String: [UInt64]] = [:]
        var conflicts: [ImportSummary.Conflict] = []
        var conflictCount = 0
        var count = ImportSummary.Count()
        var total = 0
        var pending: [Run] = []
        var pendingIndex: [String: Int] = [:]
        var pendingValues = 0
        var current: Run?
        static let batchValues = 8_000
        /// Conflicts kept for the answer; beyond, only counted (a garbage file must not fill the memory with messages).
        static let keptConflicts = 10_000

        init(options: Options, authority: Authority, actor: Actor, checks: ValueCheck.Options, language: Language, on db: any Database) async throws {
            (self.options, self.authority, self.actor, self.checks, self.language) = (options, authority, actor, checks, language)
            let (plan, indicators) = try await IndicatorQueries.list(.init(), on: db)
            if let dataSet = options.dataSet, !dataSet.isEmpty, dataSet != plan.code {
                throw AppError.invalidQuery(parameter: "dataSet", value: dataSet, allowed: [plan.code])
            }
            self.plan = plan
            self.indicators = indicators
            byCode = Dictionary(indicators.map { ($0.code, $0) }) { first, _ in first }
            slots = Dictionary(indicators.enumerated().flatMap { index, indicator in
                DataElements.Part.allCases.enumerated().map { ("\(indicator.code).\($0.element.rawValue)", index * 3 + $0.offset) }
            }) { first, _ in first }
            organisations = Dictionary(try await Directory.all(on: db).map { ($0.code, $0.toDomain()) }) { first, _ in first }
            cycles = Dictionary(try await CycleRecord.query(on: db).filter(\.$planCode == plan.code).all().map { ($0.periodCode, $0) }) { first, _ in first }
        }

        /// Still writing: in all-or-nothing mode the first conflict means nothing will land, so the rest is only checked.
        var writing: Bool { !(options.atomic && conflictCount > 0) }

        func conflict(_ object: String, _ vi: String, _ en: String) {
            conflictCount += 1
            if conflicts.count < Self.keptConflicts { conflicts.append(.init(object: object, value: language == .vietnamese ? vi : en)) }
        }

        func run(_ source: ValueSource, on db: any Database) async throws -> ImportSummary {
            do {
                return try await db.writing { tx in
                    while let value = try source.next() {
                        try await self.accept(value, on: tx)
                    }
                    if source.mustRestart { throw ValueImportRestart.headerAfterValues }
                    guard self.total > 0 else { throw ExchangeError.empty }
                    try await self.finishRun(on: tx, flushing: true)
                    let summary = self.summary()
                    // A refused or dry run throws to roll back what the batches wrote.
                    if summary.status == "ERROR" || self.options.dryRun { throw RolledBack(summary: summary) }
                    return summary
                }
            } catch let rolledBack as RolledBack {
                return rolledBack.summary
            }
        }

        struct RolledBack: Error { let summary: ImportSummary }

        func summary() -> ImportSummary {
            let refused = conflictCount > 0 && options.atomic
            if conflictCount > conflicts.count {
                let more = conflictCount - conflicts.count
                conflicts.append(.init(object: "…", value: language == .vietnamese ? "và \(more) lỗi khác." : "and \(more) more problems."))
            }
            return ValueImport.summary(refused: refused, conflicts: conflicts, conflictCount: conflictCount,
                                       count: refused ? ImportSummary.Count(ignored: total) : count, options: options, language: language)
        }

        /// Periods and data elements as read before: a file names the same few thousands of times.
        var periods: [String: Bool] = [:]
        var elements: [String: Element?] = [:]

        struct Element {
            let indicator: Indicator
            let part: DataElements.Part
            let slot: Int
        }

        func element(_ dataElement: String, combo: String?) -> Element? {
            let key = combo.map { "\(dataElement)\u{1}\($0)" } ?? dataElement
            if let known = elements[key] { return known }
            var found: Element?
            if let (code, part) = DataElements.parse(dataElement, categoryOptionCombo: combo), let indicator = byCode[code],
               let slot = slots["\(code).\(part.rawValue)"] {
                found = Element(indicator: indicator, part: part, slot: slot)
            }
            elements[key] = .some(found)
            return found
        }

        func isPeriod(_ code: String) -> Bool {
            if let known = periods[code] { return known }
            let valid = (try? ReportingPeriod(code: code)) != nil
            periods[code] = valid
            return valid
        }

        /// The checks a value needs alone, in the order they always ran; then it joins its report's run.
        func accept(_ value: Incoming, on db: any Database) async throws {
            total += 1
            guard let period = value.period, isPeriod(period) else {
                conflict(value.period ?? value.position, "\(value.position): kỳ «\(value.period ?? "")» không hợp lệ (viết dạng 2026NovS1).",
                         "\(value.position): period «\(value.period ?? "")» is not valid (write it as 2026NovS1).")
                return
            }
            guard let org = value.orgUnit, organisations[org] != nil else {
                conflict(value.orgUnit ?? value.position, "\(value.position): không có cơ quan, đơn vị «\(value.orgUnit ?? "")».",
                         "\(value.position): no organisation «\(value.orgUnit ?? "")».")
                return
            }
            guard let element = element(value.dataElement, combo: value.categoryOptionCombo) else {
                conflict(value.dataElement, "\(value.position): không có phần tử dữ liệu «\(value.dataElement)» (viết mã chỉ tiêu, CT22.NUM/CT22.DEN cho tỉ lệ).",
                         "\(value.position): no data element «\(value.dataElement)» (write an indicator code, CT22.NUM/CT22.DEN for a ratio).")
                return
            }
            let key = "\(period)|\(org)"
            let (word, bit) = (element.slot / 64, UInt64(1) << UInt64(element.slot % 64))
            guard (seen[key]?[word] ?? 0) & bit == 0 else {
                conflict(value.dataElement, "\(value.position): giá trị \(value.dataElement) của \(org) kỳ \(period) có hai lần trong tệp.",
                         "\(value.position): \(value.dataElement) of \(org) for \(period) is in the file twice.")
                return
            }
            seen[key, default: Array(repeating: 0, count: slots.count / 64 + 1)][word] |= bit
            let item = Item(value: value, indicator: element.indicator, part: element.part)
            if let run = current, run.period == period, run.organisation == org {
                current?.items.append(item)
                return
            }
            try await finishRun(on: db, flushing: false)
            current = Run(period: period, organisation: org, items: [item])
        }

        /// Closes the current run; writes the waiting runs when they are enough (or when `flushing`).
        func finishRun(on db: any Database, flushing: Bool) async throws {
            if let run = current {
                // A report met again within the batch joins its earlier run: its values are checked together (a ratio's
                // NUM and DEN may be far apart in a file that is not sorted by report).
                let key = "\(run.period)|\(run.organisation)"
                if let index = pendingIndex[key] { pending[index].items += run.items } else {
                    pendingIndex[key] = pending.count
                    pending.append(run)
                }
                pendingValues += run.items.count
                current = nil
            }
            guard !pending.isEmpty, flushing || pendingValues >= Self.batchValues else { return }
            let runs = pending
            pending = []
            pendingIndex = [:]
            pendingValues = 0
            try await writeBatch(runs, on: db)
        }

        /// The report ids of a cycle by organisation, loaded once per cycle.
        func reportIDs(of cycle: CycleRecord, on db: any Database) async throws -> [String: UUID] {
            let id = try cycle.requireID()
            if let known = reportIDs[id] { return known }
            guard let sql = db as? any SQLDatabase else { throw AppError.databaseUnavailable }
            var loaded: [String: UUID] = [:]
            for row in try await sql.select().column("organisation_code").column("id").from(ReportRecord.schema).where("cycle_id", .equal, id).all() {
                let organisation = try row.decode(column: "organisation_code", as: String.self)
                if loaded[organisation] == nil { loaded[organisation] = try row.decode(column: "id", as: UUID.self) }
            }
            reportIDs[id] = loaded
            return loaded
        }

        func scope(of organisation: Organisation) -> [Indicator] {
            if let known = scopes[organisation.code] { return known }
            let found = ReportingScope.indicators(indicators, reportedBy: organisation)
            scopes[organisation.code] = found
            return found
        }
    }
}
