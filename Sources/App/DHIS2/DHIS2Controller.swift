import Fluent
import Planning
import Vapor

/// DHIS2's Web API for aggregate data, at `/api/…` and `/api/{29…42}/…`, so that DHIS2's own clients and scripts
/// work unchanged: system info, the caller, the plan as read-only metadata, data values and data value sets,
/// complete registrations and analytics. Every route declares its permission like the rest of the app; data routes
/// then apply the same object-level rules (a unit's account reads and writes its own unit only).
struct DHIS2Controller: RouteCollection {
    /// The DHIS2 Web API whose contract these routes follow.
    static let version = "2.40.0"

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(DHIS2ErrorMiddleware(), DHIS2AuthenticationMiddleware())
        for prefix: [PathComponent] in [["api"], ["api", ":version"]] {
            let signedIn = api.requiring(.signedIn), plan = api.requiring(.readPlan)
            let read = api.requiring(.readReports), write = api.requiring(.writeReports), give = api.requiring(.returnReports)
            Self.get(signedIn, prefix + ["system", "info"], use: systemInfo)
            Self.get(signedIn, prefix + ["me"], use: me)
            for collection in DHIS2Metadata.typeNames.keys.sorted() {
                Self.get(plan, prefix + [.constant(collection)]) { req in try await metadataList(req, collection) }
                Self.get(plan, prefix + [.constant(collection), ":id"]) { req in try await metadataObject(req, collection) }
            }
            Self.get(read, prefix + ["dataValueSets"], csv: true, use: DHIS2DataValueSets.export)
            write.on(.POST, prefix + ["dataValueSets"], body: .collect(maxSize: "50mb"), use: DHIS2DataValueSets.importValues)
            Self.get(read, prefix + ["dataValues"], use: DHIS2DataValues.get)
            write.post(prefix + ["dataValues"], use: DHIS2DataValues.set)
            write.delete(prefix + ["dataValues"], use: DHIS2DataValues.delete)
            Self.get(read, prefix + ["completeDataSetRegistrations"], use: DHIS2Completeness.list)
            write.post(prefix + ["completeDataSetRegistrations"], use: DHIS2Completeness.register)
            give.delete(prefix + ["completeDataSetRegistrations"], use: DHIS2Completeness.unregister)
            Self.get(read, prefix + ["analytics"], use: DHIS2Analytics.analytics)
        }
    }

    /// A GET route, also at `….json` (DHIS2 clients such as dhis2.py add the extension) and `….csv` where asked.
    static func get(_ routes: any RoutesBuilder, _ path: [PathComponent], csv: Bool = false,
                    use handler: @escaping @Sendable (Request) async throws -> Response) {
        routes.get(path, use: handler)
        guard case .constant(let last) = path.last else { return }
        routes.get(Array(path.dropLast()) + [.constant(last + ".json")], use: handler)
        if csv { routes.get(Array(path.dropLast()) + [.constant(last + ".csv")], use: handler) }
    }

    @Sendable func systemInfo(req: Request) async throws -> Response {
        let now = ISO8601DateFormatter().string(from: Date())
        let host = req.headers.first(name: .host).map { "http://\($0)" } ?? ""
        return try DHIS2JSON.object([
            ("version", .string(Self.version)), ("revision", .string("chitieu")), ("systemName", .string("chitieu")),
            ("serverDate", .string(now)), ("contextPath", .string(host)), ("calendar", .string("iso8601")), ("dateFormat", .string("yyyy-mm-dd")),
            ("serverTimeZoneId", .string("Asia/Ho_Chi_Minh")), ("isMetadataVersionEnabled", .bool(false)),
            ("systemDescription", .string("chitieu — DHIS2 Web API \(Self.version) for aggregate data (not a DHIS2 server)")),
        ]).response()
    }

    @Sendable func me(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let plan = try await PlanQueries.resolve(nil, on: req.db)
        let organisation = try await OrganisationRecord.query(on: req.db).filter(\.$code == user.organisationCode).first()
        let authorities = Self.authorities(user.role)
        return try DHIS2JSON.object([
            ("id", .string(user.id.uuidString)), ("username", .string(user.email)), ("name", .string(user.name)),
            ("displayName", .string(user.name)), ("email", .string(user.email)),
            ("userCredentials", .object([("username", .string(user.email))])),
            ("organisationUnits", .array([.object([("id", .string(user.organisationCode)), ("name", .string(organisation?.name ?? user.organisationCode))])])),
            ("dataViewOrganisationUnits", .array([.object([("id", .string(user.role.readsOwnOrganisationOnly ? user.organisationCode : Directory.department.code))])])),
            ("dataSets", .array([.string(plan.code)])),
            ("userRoles", .array([.object([("id", .string(user.role.rawValue)), ("name", .string(user.role.rawValue))])])),
            ("authorities", .array(authorities.map(DHIS2JSON.string))),
        ]).response()
    }

    /// DHIS2's authority names for what the role may do with aggregate data, then chitieu's own permissions.
    static func authorities(_ role: Role) -> [String] {
        var names: [String] = []
        if AccessPolicy.allows(role, .writeReports) { names += ["F_DATAVALUE_ADD", "F_DATAVALUE_DELETE", "F_DATASET_COMPLETE"] }
        if AccessPolicy.allows(role, .returnReports) { names.append("F_DATASET_UNCOMPLETE") }
        if AccessPolicy.allows(role, .readReports) { names += ["F_VIEW_DATA", "M_dhis-web-data-visualizer"] }
        names += Permission.allCases.filter { AccessPolicy.allows(role, $0) }.map { "CHITIEU_" + $0.rawValue }
        return names
    }

    func metadataList(_ req: Request, _ collection: String) async throws -> Response {
        let query = try MetadataQuery(req, defaultFields: "id,displayName")
        let metadata = try await DHIS2Metadata.load(on: req.db)
        return try query.collection(collection, metadata.lists[collection] ?? [], request: req, resolve: metadata.resolve).response()
    }

    func metadataObject(_ req: Request, _ collection: String) async throws -> Response {
        var id = req.parameters.get("id") ?? ""
        if id.hasSuffix(".json") { id = String(id.dropLast(5)) }
        let query = try MetadataQuery(req, defaultFields: "*")
        let metadata = try await DHIS2Metadata.load(on: req.db)
        guard let object = metadata.resolve(collection, id) else { throw DHIS2Error.notFound(DHIS2Metadata.typeNames[collection] ?? collection, id) }
        return try MetadataQuery.project(object, query.fields, resolve: metadata.resolve).response()
    }
}
