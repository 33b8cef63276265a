import Documents
import Fluent
import Foundation
import Planning

/// Loads a list of organisations from CSV (`code,name,kind,medical,parent`): every row or none.
enum OrganisationImport {
    struct Problem: Sendable, Equatable {
        /// 1-based line of the file; 0 for the file as a whole.
        let line: Int
        let column: String
        let reason: Reason
    }

    enum Reason: Sendable, Equatable {
        case unreadable(String)
        case missingColumn
        case empty
        case invalidCode(String)
        case invalidKind(String)
        case invalidMedical(String)
        case duplicateCode(String)
        case unknownParent(String)
        case noRows
    }

    struct Summary: Sendable, Equatable {
        var created = 0, updated = 0, unchanged = 0, demoRemoved = 0
    }

    static let columns = ["code", "name", "kind", "medical", "parent"]

    /// Validates the whole file, then writes it in one transaction. Throws `AppError.organisationFile`
    /// listing every problem, having written nothing.
    static func apply(_ data: Data, isDemo: Bool = false, removeDemo: Bool = false, by actor: Actor, on database: any Database) async throws -> Summary {
        let rows = try parse(data)
        return try await database.writing { db in
            let existing = try await OrganisationRecord.query(on: db).all()
            let known = Set(existing.map(\.code)).union(rows.map(\.organisation.code))
            let problems = rows.compactMap { row in
                row.organisation.parentCode.flatMap { known.contains($0) ? nil : Problem(line: row.line, column: "parent", reason: .unknownParent($0)) }
            }
            guard problems.isEmpty else { throw AppError.organisationFile(problems) }
            var summary = Summary()
            var changes: [AuditChange] = []
            // By code, not a scan of the list per row: a national list has 13,000 rows.
            let byCode = Dictionary(existing.map { ($0.code, $0) }) { first, _ in first }
            var created: [OrganisationRecord] = []
            for (_, organisation) in rows {
                if let record = byCode[organisation.code] {
                    guard record.toDomain() != organisation || !record.isActive || record.isDemo != isDemo else {
                        summary.unchanged += 1; continue
                    }
                    let before = record.auditFields
                    record.update(from: organisation)
                    record.isActive = true
                    record.isDemo = isDemo
                    try await record.save(on: db)
                    changes += AuditChange.diff("organisation", record.code, old: before, new: record.auditFields)
                    summary.updated += 1
                } else {
                    let record = OrganisationRecord(organisation, isDemo: isDemo)
                    created.append(record)
                    changes += AuditChange.diff("organisation", record.code, old: [:], new: record.auditFields)
                    summary.created += 1
                }
            }
            // New rows in multi-row inserts that stay under the databases' parameter limits (11 a row).
            for chunk in created.chunked(into: 1_000) { try await Array(chunk).create(on: db) }
            if removeDemo {
                let codes = Set(rows.map(\.organisation.code))
                for demo in existing where demo.isDemo && !codes.contains(demo.code) {
                    // Demo accounts go with their demo unit; a real account in one stops the whole import.
                    let users = try await UserRecord.query(on: db).filter(\.$organisationCode == demo.code).all()
                    if let real = users.first(where: { !$0.isDemo }) { throw AppError.organisationInUse(demo.code, by: real.email) }
                    for user in users {
                        changes += AuditChange.diff("user", user.email, old: user.auditFields, new: [:])
                        try await user.delete(on: db)
                    }
                    changes += AuditChange.diff("organisation", demo.code, old: demo.auditFields, new: [:])
                    try await demo.delete(on: db)
                    summary.demoRemoved += 1
                }
            }
            try await Audit.record(changes, by: actor, on: db)
            return summary
        }
    }

    /// Reads and checks every row; throws every problem found at once.
    static func parse(_ data: Data) throws(AppError) -> [(line: Int, organisation: Organisation)] {
        let table: [(line: Int, fields: [String])]
        do { table = try CSVReader.rows(data) } catch {
            throw .organisationFile([Problem(line: 0, column: "", reason: .unreadable(String(describing: error)))])
        }
        guard let header = table.first else { throw .organisationFile([Problem(line: 0, column: "", reason: .noRows)]) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = columns.filter { !names.contains($0) }
        guard missing.isEmpty else {
            throw .organisationFile(missing.map { Problem(line: header.line, column: $0, reason: .missingColumn) })
        }
        var problems: [Problem] = []
        var result: [(Int, Organisation)] = []
        var seen = Set<String>()
        for row in table.dropFirst() {
            func cell(_ column: String) -> String {
                guard let index = names.firstIndex(of: column) else { return "" }
                return index < row.fields.count ? row.fields[index].trimmingCharacters(in: .whitespaces) : ""
            }
            func problem(_ column: String, _ reason: Reason) { problems.append(Problem(line: row.line, column: column, reason: reason)) }
            let code = cell("code"), name = Text.collapsingWhitespace(cell("name"))
            if code.isEmpty { problem("code", .empty) }
            else if !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) || code.count > 40 {
                problem("code", .invalidCode(code))
            } else if !seen.insert(code).inserted { problem("code", .duplicateCode(code)) }
            if name.isEmpty { problem("name", .empty) }
            let kind = kindValue(cell("kind"))
            if kind == nil { problem("kind", .invalidKind(cell("kind"))) }
            let medical = yesNo(cell("medical"))
            if medical == nil { problem("medical", .invalidMedical(cell("medical"))) }
            let parent = cell("parent")
            if let kind, let medical {
                result.append((row.line, Organisation(code: code, name: name, kind: kind, isMedical: medical,
                                                      parentCode: parent.isEmpty ? nil : parent)))
            }
        }
        if table.count == 1 { problems.append(Problem(line: 0, column: "", reason: .noRows)) }
        guard problems.isEmpty else { throw .organisationFile(problems) }
        return result
    }

    /// A kind by its code (`districtHealthCentre`) or its Vietnamese label (`Trung tâm Y tế`).
    static func kindValue(_ text: String) -> OrganisationKind? {
        OrganisationKind(rawValue: text) ?? OrganisationKind.allCases.first {
            Localizer.kindLabel($0, .vietnamese).lowercased() == text.lowercased()
        }
    }

    static func yesNo(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "y", "true", "1", "có", "co", "x": true
        case "no", "n", "false", "0", "không", "khong": false
        default: nil
        }
    }
}
