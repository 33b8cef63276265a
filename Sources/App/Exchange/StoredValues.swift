import Fluent
import Foundation
import Planning
import SQLKit

/// Reports' stored values read and written in bulk with SQLKit (the import's batches): plain rows, no model per value.
enum StoredValues {
    struct Value: Sendable {
        let id: UUID
        let entry: ValueEntry

        /// As counted, like `ReportValueRecord.value`: nil while incomplete or outside the number domain.
        var reported: ReportedValue? {
            let value: ReportedValue? = if let n = entry.numerator, let d = entry.denominator { .ratio(numerator: n, denominator: d) }
                else if let amount = entry.amount { .count(amount) }
                else if let answer = entry.answer { .yesNo(answer) }
                else if let level = entry.level { .level(level) }
                else { nil }
            return value.flatMap { $0.isWithinDomain ? $0 : nil }
        }
    }

    /// Rows per statement: 11 parameters a row stays under SQLite's 32,766 and PostgreSQL's 65,535.
    static let rowsPerInsert = 2_000
    static let idsPerQuery = 1_000

    /// The values of `reports` (only `codes` when given), by report and indicator code.
    static func load(reports: [UUID], codes: [String]?, on db: any Database) async throws -> [UUID: [String: Value]] {
        guard !reports.isEmpty else { return [:] }
        guard let sql = db as? any SQLDatabase else { throw AppError.databaseUnavailable }
        var found: [UUID: [String: Value]] = [:]
        for chunk in reports.chunked(into: idsPerQuery) {
            let query = sql.select()
                .columns("id", "report_id", "indicator_code", "numerator", "denominator", "amount", "answer", "level", "comment")
                .from(ReportValueRecord.schema)
                .where("report_id", .in, Array(chunk))
            if let codes { query.where("indicator_code", .in, codes) }
            for row in try await query.all() {
                let entry = ValueEntry(numerator: try row.decode(column: "numerator", as: Double?.self),
                                       denominator: try row.decode(column: "denominator", as: Double?.self),
                                       amount: try row.decode(column: "amount", as: Double?.self),
                                       answer: try row.decode(column: "answer", as: Bool?.self),
                                       level: try row.decode(column: "level", as: String?.self),
                                       comment: try row.decode(column: "comment", as: String?.self))
                let report = try row.decode(column: "report_id", as: UUID.self)
                found[report, default: [:]][try row.decode(column: "indicator_code", as: String.self)] = Value(id: try row.decode(column: "id", as: UUID.self), entry: entry)
            }
        }
        return found
    }

    /// Inserts new values and updates stored ones (keyed by report and indicator) in multi-row statements; the lead
    /// office's review columns are left as they are.
    static func upsert(_ rows: [(report: UUID, code: String, value: Value)], by actor: String, at now: Date, on sql: any SQLDatabase) async throws {
        for chunk in rows.chunked(into: rowsPerInsert) {
            var insert = sql.insert(into: ReportValueRecord.schema)
                .columns("id", "report_id", "indicator_code", "numerator", "denominator", "amount", "answer", "level", "comment", "updated_by", "updated_at")
            for (report, code, value) in chunk {
                let e = value.entry
                insert = insert.values([value.id, report, code, e.numerator, e.denominator, e.amount, e.answer, e.level, e.comment, actor, now]
                                       as [any Encodable & Sendable])
            }
            try await insert.onConflict(with: ["report_id", "indicator_code"]) { update in
                ["numerator", "denominator", "amount", "answer", "level", "comment", "updated_by", "updated_at"]
                    .reduce(update) { $0.set(excludedValueOf: $1) }
            }.run()
        }
    }
}
