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

    struct Filter: Sendable {
        var entity: String?
        var entityId: String?
        var limit: Int?

        /// `entity`, `entityId` and `limit`; an empty one is no filter, a wrong one a 400 naming it.
        static func read(_ req: Request) throws -> Filter {
            Filter(entity: try req.queryText("entity", allowed: AuditPage.entities), entityId: try req.queryText("entityId"),
                   limit: try req.queryWholeNumber("limit"))
        }
    }

    static func entries(_ req: Request) async throws -> [AuditEntryRecord] {
        let filter = try Filter.read(req)
        let limit = filter.limit ?? 200
        guard (1...1000).contains(limit) else { throw AppError.invalidQuery(parameter: "limit", value: String(limit), allowed: ["1–1000"]) }
        let query = AuditEntryRecord.query(on: req.db).sort(\.$sequence, .descending).limit(limit)
        if let entity = filter.entity { query.filter(\.$entity == entity) }
        if let id = filter.entityId { query.filter(\.$entityID == id) }
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
        let filter = try Filter.read(req)
        return try await req.page("audit", AuditPage(
            layout: Layout(req, title: Localizer.text("audit.title", language)),
            entity: filter.entity ?? "", entityId: filter.entityId ?? "", verification: verification,
            rows: try await Self.entries(req).map { AuditPage.Row($0, language) },
            entities: AuditPage.entities.map { Choice(value: $0, label: AuditPage.entityLabel($0, language), selected: $0 == filter.entity) }))
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

        /// The entry as people read it: the kind of thing in words, dates as dd/mm/yyyy (Vietnamese) and times in Việt Nam.
        init(_ record: AuditEntryRecord, _ language: Language = .vietnamese) {
            sequence = record.sequence
            let date = ISO8601DateFormatter.withFractions.date(from: record.at)
            at = date.map { DateText.dayTime($0) } ?? record.at
            actor = record.actor
            entity = AuditPage.entityLabel(record.entity, language)
            entityId = record.entityID
            field = record.field
            oldValue = record.oldValue.map { AuditPage.readable($0, language) } ?? "—"
            newValue = record.newValue.map { AuditPage.readable($0, language) } ?? "—"
        }
    }

    /// Every kind of thing the app writes to the log, for the filter.
    static let entities = ["user", "login", "api_token", "organisation", "indicator", "cycle", "report", "value", "unit-target", "task", "funding", "summary-report", "steering-report", "directive", "baseline", "lead-assessment", "setting"]

    static func entityLabel(_ entity: String, _ language: Language) -> String {
        Localizer.table(language)["audit.entity.\(entity)"] ?? entity
    }

    /// A stored value as people read it: an ISO day or time (`2026-06-01`, `2026-06-01T03:00:00Z`) in the page's
    /// format; anything else as it is.
    static func readable(_ value: String, _ language: Language) -> String {
        guard language == .vietnamese, value.count >= 10, value.first?.isNumber == true else { return value }
        if value.count == 10, let day = Day(iso: value) { return day.vietnamese }
        if let time = ISO8601DateFormatter.withFractions.date(from: value) ?? ISO8601DateFormatter().date(from: value) { return DateText.dayTime(time) }
        return value
    }

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
