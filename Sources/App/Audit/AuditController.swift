import Fluent
import Planning
import Vapor

/// The change log: a page for people, JSON for integrators; filter by entity and id.
struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let audit = routes.requiring(.readAudit)
        audit.get("audit", use: page)
        audit.get("api", "v1", "audit", use: list)
    }

    struct Filter: Content {
        var entity: String?
        var entityId: String?
        var limit: Int?
    }

    static func entries(_ req: Request) async throws -> [AuditEntryRecord] {
        let filter = try req.query.decode(Filter.self)
        let limit = filter.limit ?? 200
        guard (1...1000).contains(limit) else { throw AppError.invalidQuery(parameter: "limit", value: String(limit), allowed: ["1–1000"]) }
        let query = AuditEntryRecord.query(on: req.db).sort(\.$sequence, .descending).limit(limit)
        if let entity = filter.entity, !entity.isEmpty {
            guard AuditPage.entities.contains(entity) else { throw AppError.invalidQuery(parameter: "entity", value: entity, allowed: AuditPage.entities) }
            query.filter(\.$entity == entity)
        }
        if let id = filter.entityId, !id.isEmpty { query.filter(\.$entityID == id) }
        return try await query.all()
    }

    @Sendable func list(req: Request) async throws -> [AuditEntryDTO] {
        try await Self.entries(req).map(AuditEntryDTO.init)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let language = req.language
        let verification: String? = if req.query[String.self, at: "verify"] != nil {
            try await Self.verificationText(on: req.db, language)
        } else { nil }
        let filter = try req.query.decode(Filter.self)
        return try await req.page("audit", AuditPage(
            layout: Layout(req, title: Localizer.text("audit.title", language)),
            entity: filter.entity ?? "", entityId: filter.entityId ?? "", verification: verification,
            rows: try await Self.entries(req).map { AuditPage.Row($0) },
            entities: AuditPage.entities.map { Choice(value: $0, label: $0, selected: $0 == filter.entity) }))
    }

    static func verificationText(on db: any Database, _ language: Language) async throws -> String {
        let (count, found) = try await Audit.verify(on: db)
        if let found { return AppError.auditBroken(found).message(language) }
        return language == .vietnamese ? "Chuỗi băm khớp: \(count) mục toàn vẹn." : "The hash chain holds: \(count) entries intact."
    }
}

struct AuditEntryDTO: Content {
    let sequence: Int
    let at: String
    let actor: String
    let entity: String
    let entityId: String
    let field: String
    @Nullable var oldValue: String?
    @Nullable var newValue: String?
    @Nullable var reason: String?
    let hash: String

    init(_ record: AuditEntryRecord) {
        sequence = record.sequence
        at = record.at
        actor = record.actor
        entity = record.entity
        entityId = record.entityID
        field = record.field
        oldValue = record.oldValue
        newValue = record.newValue
        reason = record.reason
        hash = record.hash
    }
}

struct AuditPage: Encodable {
    struct Row: Encodable {
        let sequence: Int
        let at: String
        let actor: String
        let entity: String
        let entityId: String
        let field: String
        let oldValue: String
        let newValue: String

        init(_ record: AuditEntryRecord) {
            sequence = record.sequence
            let date = ISO8601DateFormatter.withFractions.date(from: record.at)
            at = date.map { DateText.dayTime($0) } ?? record.at
            actor = record.actor
            entity = record.entity
            entityId = record.entityID
            field = record.field
            oldValue = record.oldValue ?? "—"
            newValue = record.newValue ?? "—"
        }
    }

    /// Every kind of thing the app writes to the log, for the filter.
    static let entities = ["user", "login", "api_token", "organisation", "indicator", "cycle", "report", "value", "unit-target", "task", "funding", "summary-report", "steering-report", "directive", "baseline", "lead-assessment"]

    let layout: Layout
    let entity: String
    let entityId: String
    let verification: String?
    let rows: [Row]
    let entities: [Choice]
}

extension ISO8601DateFormatter {
    nonisolated(unsafe) static let withFractions: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
}
