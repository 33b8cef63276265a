import Fluent
import SQLKit
import Foundation
import Planning

/// The organisations of the sector: the Department, the offices its plans name, and its units.
enum Directory {
    /// Sở Y tế Ninh Bình — the Department every office and unit belongs to.
    static let department = Organisation(code: "SYT", name: "Sở Y tế Ninh Bình", kind: .department,
                                         isMedical: false, parentCode: nil)

    static func ensureDepartment(on database: any Database) async throws {
        guard try await OrganisationRecord.query(on: database).filter(\.$code == department.code).first() == nil else { return }
        let record = OrganisationRecord(department, isDemo: false)
        try await database.writing { db in
            try await record.create(on: db)
            try await Audit.record(AuditChange.diff("organisation", record.code, old: [:], new: record.auditFields), by: .system, on: db)
        }
    }

    /// Creates the plan's offices, or brings their name and spellings up to date.
    static func ensureOffices(_ offices: [Office], on db: any Database, summary: inout PlanLoadSummary, changes: inout [AuditChange]) async throws {
        try await ensureDepartment(on: db)
        for office in offices {
            let organisation = Organisation(code: office.code, name: office.name, kind: .office,
                                            isMedical: false, parentCode: department.code)
            if let record = try await OrganisationRecord.query(on: db).filter(\.$code == office.code).first() {
                guard record.name != office.name || record.spellings != office.spellings
                        || record.kind != OrganisationKind.office.rawValue else { continue }
                let before = record.auditFields
                record.update(from: organisation)
                record.spellings = office.spellings
                try await record.save(on: db)
                changes += AuditChange.diff("organisation", record.code, old: before, new: record.auditFields)
                summary.officesUpdated += 1
            } else {
                let record = OrganisationRecord(organisation, isDemo: false, spellings: office.spellings)
                try await record.create(on: db)
                changes += AuditChange.diff("organisation", record.code, old: [:], new: record.auditFields)
                summary.officesCreated += 1
            }
        }
    }

    /// Active organisations, the Department first, then offices, then units, each by name.
    static func all(on db: any Database, includeInactive: Bool = false) async throws -> [OrganisationRecord] {
        let query = OrganisationRecord.query(on: db)
        if !includeInactive { query.filter(\.$isActive == true) }
        let order = OrganisationKind.allCases.map(\.rawValue)
        return try await query.all().sorted {
            (order.firstIndex(of: $0.kind) ?? 99, $0.name) < (order.firstIndex(of: $1.kind) ?? 99, $1.name)
        }
    }

    /// `all(on:)` as domain values, read once per version of the directory (`organisations` data version).
    static func active(on db: any Database) async throws -> [Organisation] {
        try await activeCache.get("active", version: "organisations", on: db) { try await all(on: db).map { $0.toDomain() } }
    }

    static let activeCache = VersionedCache<String, [Organisation]>(capacity: 4)

    /// Every organisation's name by code (inactive ones too: old reports keep their names).
    /// Read once per version of the directory: decoding a thousand organisation models was most of a worklist's CPU.
    static func names(on db: any Database) async throws -> [String: String] {
        try await namesCache.get("names", version: "organisations", on: db) {
            guard let sql = db as? any SQLDatabase else { throw AppError.databaseUnavailable }
            var names: [String: String] = [:]
            for row in try await sql.select().column("code").column("name").from(OrganisationRecord.schema).all() {
                let code = try row.decode(column: "code", as: String.self)
                if names[code] == nil { names[code] = try row.decode(column: "name", as: String.self) }
            }
            return names
        }
    }

    static let namesCache = VersionedCache<String, [String: String]>(capacity: 4)
}
