import Fluent
import Planning
import Vapor

/// Creating, editing and deactivating organisations. An organisation is never deleted from here:
/// reports, users and history point at it.
enum OrganisationAdmin {
    struct Form: Content {
        var code: String?
        var name: String?
        var kind: String?
        var medical: String?
        var parent: String?
    }

    static func find(_ code: String?, on db: any Database) async throws -> OrganisationRecord {
        guard let code, let record = try await OrganisationRecord.query(on: db).filter(\.$code == code).first() else {
            throw AppError.organisationNotFound(code ?? "")
        }
        return record
    }

    /// The organisation of an address (`/api/v1/organisations/{code}`): an unknown code is 404, not 400.
    static func find(addressed code: String?, on db: any Database) async throws -> OrganisationRecord {
        do { return try await find(code, on: db) } catch AppError.organisationNotFound(let code) { throw AppError.noOrganisation(code) }
    }

    static func create(_ form: Form, by actor: Actor, on db: any Database) async throws -> OrganisationRecord {
        let code = (form.code ?? "").trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty, code.count <= 40, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw AppError.invalidField(field: "code", value: code)
        }
        guard try await OrganisationRecord.query(on: db).filter(\.$code == code).first() == nil else {
            throw AppError.invalidField(field: "code", value: code)
        }
        let record = OrganisationRecord()
        record.code = code
        record.isDemo = false
        record.isActive = true
        record.spellings = []
        try await apply(form, to: record, on: db)
        try await save(record, before: [:], by: actor, on: db)
        return record
    }

    static func update(_ record: OrganisationRecord, with form: Form, by actor: Actor, on db: any Database) async throws {
        let before = record.auditFields
        try await apply(form, to: record, on: db)
        try await save(record, before: before, by: actor, on: db)
    }

    static func setActive(_ record: OrganisationRecord, _ active: Bool, by actor: Actor, on db: any Database) async throws {
        // The Department itself stays: every office and unit hangs under it.
        if !active && (record.code == Directory.department.code || record.kind == OrganisationKind.department.rawValue) { throw AppError.forbidden }
        let before = record.auditFields
        record.isActive = active
        try await save(record, before: before, by: actor, on: db)
    }

    /// Saves and logs the change in one transaction.
    static func save(_ record: OrganisationRecord, before: [String: String?], by actor: Actor, on database: any Database) async throws {
        try await database.writing { db in
            try await record.save(on: db)
            try await Audit.record(AuditChange.diff("organisation", record.code, old: before, new: record.auditFields), by: actor, on: db)
        }
    }

    private static func apply(_ form: Form, to record: OrganisationRecord, on db: any Database) async throws {
        if record.$code.value == Directory.department.code,
           (form.kind.map { OrganisationImport.kindValue($0) != .department } ?? false) || !(form.parent ?? "").isEmpty {
            throw AppError.forbidden
        }
        if let parent = form.parent, Text.hasControlCharacters(parent) || parent.count > 40 {
            throw AppError.invalidField(field: "parent", value: "")
        }
        if let name = form.name { record.name = try Accounts.validText(name, field: "name") }
        if let kindText = form.kind {
            guard let kind = OrganisationImport.kindValue(kindText) else { throw AppError.invalidField(field: "kind", value: kindText) }
            record.kind = kind.rawValue
        }
        if let medical = form.medical {
            guard let value = OrganisationImport.yesNo(medical) else { throw AppError.invalidField(field: "medical", value: medical) }
            record.isMedical = value
        } else if record.id == nil {
            record.isMedical = false
        }
        if let parent = form.parent?.trimmingCharacters(in: .whitespaces) {
            if parent.isEmpty || parent == record.code {
                record.parentCode = parent.isEmpty ? nil : record.parentCode
            } else {
                _ = try await find(parent, on: db)
                record.parentCode = parent
            }
        }
        // A new record's fields are unset until assigned: read them through their optional projections.
        guard let name = record.$name.value, !name.isEmpty else { throw AppError.invalidField(field: "name", value: "") }
        guard let kind = record.$kind.value, OrganisationKind(rawValue: kind) != nil else { throw AppError.invalidField(field: "kind", value: "") }
    }
}

extension OrganisationRecord {
    /// The fields whose changes the audit log keeps.
    var auditFields: [String: String?] {
        ["name": name, "kind": kind, "medical": String(isMedical), "parent": parentCode, "active": String(isActive), "demo": String(isDemo)]
    }
}
