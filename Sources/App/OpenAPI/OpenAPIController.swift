import Vapor

/// Serves the hand-written OpenAPI 3 document (`Resources/OpenAPI/openapi.json`).
/// Tests check every documented response against what the server really returns.
struct OpenAPIController: RouteCollection {
    let document: ByteBuffer

    init(directory: String) throws {
        let path = directory + "Resources/OpenAPI/openapi.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AppError.fileNotReadable(path)
        }
        document = ByteBuffer(data: data)
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.requiring(.publicAccess).get("api", "v1", "openapi.json") { _ in
            Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(buffer: document))
        }
    }
}
