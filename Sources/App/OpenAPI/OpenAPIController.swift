import Vapor

/// Serves the hand-written OpenAPI 3 document: `Resources/OpenAPI/openapi.json`, with the `paths` and
/// `components.schemas` of each feature's fragment (`Resources/OpenAPI/paths/*.json`) merged in.
/// Tests check every documented response against what the server really returns.
struct OpenAPIController: RouteCollection {
    let document: ByteBuffer

    init(directory: String) throws {
        document = ByteBuffer(data: try Self.assemble(directory: directory + "Resources/OpenAPI/"))
    }

    static func assemble(directory: String) throws -> Data {
        func read(_ path: String) throws -> [String: Any] {
            guard let data = FileManager.default.contents(atPath: path),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw AppError.fileNotReadable(path)
            }
            return object
        }
        var document = try read(directory + "openapi.json")
        var paths = document["paths"] as? [String: Any] ?? [:]
        var components = document["components"] as? [String: Any] ?? [:]
        var schemas = components["schemas"] as? [String: Any] ?? [:]
        let fragments = ((try? FileManager.default.contentsOfDirectory(atPath: directory + "paths")) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        for name in fragments {
            let fragment = try read(directory + "paths/" + name)
            paths.merge(fragment["paths"] as? [String: Any] ?? [:]) { first, _ in first }
            schemas.merge((fragment["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]) { first, _ in first }
        }
        let patterned = addTextPatterns(paths: paths, schemas: schemas)
        components["schemas"] = patterned.schemas
        document["paths"] = addCommonResponses(to: patterned.paths)
        document["components"] = components
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.requiring(.publicAccess).get("api", "v1", "openapi.json") { _ in
            Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(buffer: document))
        }
    }
}
