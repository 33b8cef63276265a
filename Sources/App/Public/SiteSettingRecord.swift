import Fluent
import Vapor

/// One setting an administrator changes in the app (the public page's switches), kept in the database.
final class SiteSettingRecord: Model, @unchecked Sendable {
    static let schema = "site_settings"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "value") var value: String
    @OptionalField(key: "updated_by") var updatedBy: String?

    init() {}
}

struct CreateSiteSettings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SiteSettingRecord.schema)
            .id()
            .field("key", .string, .required)
            .field("value", .string, .required)
            .field("updated_by", .string)
            .unique(on: "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SiteSettingRecord.schema).delete()
    }
}

/// The public progress page's switches: whether it is published (default yes) and whether it shows each unit's
/// figures (default no). Every change is written to the change log (entity `setting`).
struct PublicPageSettings: Sendable, Equatable {
    var enabled = true
    var showsUnits = false

    static let enabledKey = "public.enabled"
    static let showsUnitsKey = "public.showUnits"

    static func load(on db: any Database) async throws -> PublicPageSettings {
        let stored = try await SiteSettingRecord.query(on: db).filter(\.$key ~~ [enabledKey, showsUnitsKey]).all()
        let values = Dictionary(stored.map { ($0.key, $0.value) }) { first, _ in first }
        var settings = PublicPageSettings()
        if let enabled = values[enabledKey] { settings.enabled = enabled == "true" }
        if let units = values[showsUnitsKey] { settings.showsUnits = units == "true" }
        return settings
    }

    /// Writes what changed, with its change-log entries, in one transaction.
    func save(by actor: Actor, on db: any Database) async throws {
        let before = try await Self.load(on: db)
        let changes = [(Self.enabledKey, before.enabled, enabled), (Self.showsUnitsKey, before.showsUnits, showsUnits)].filter { $0.1 != $0.2 }
        guard !changes.isEmpty else { return }
        try await db.writing { tx in
            for (key, _, new) in changes {
                let record = try await SiteSettingRecord.query(on: tx).filter(\.$key == key).first() ?? SiteSettingRecord()
                record.key = key
                record.value = String(new)
                record.updatedBy = actor.name
                try await record.save(on: tx)
            }
            try await Audit.record(changes.map { AuditChange("setting", "public", $0.0, old: String($0.1), new: String($0.2)) }, by: actor, on: tx)
        }
    }
}
