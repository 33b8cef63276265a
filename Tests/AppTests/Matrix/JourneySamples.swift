import Foundation
@testable import App

extension AppTests.AuthorizationMatrixTests {
    /// The public progress page, its settings, the help pages and the worklist.
    static let journeySamples: [String: Sample] = [
        "GET /public": .get("/public"),
        "GET /admin/public": .get("/admin/public"),
        "POST /admin/public": .form("/admin/public", ["enabled": "true", "showsUnits": "false"]),
        "GET /help": .get("/help"),
        "GET /help/{topic}": .get("/help/unitReporter"),
        "GET /api/v1/worklist": .get("/api/v1/worklist"),
    ]
}
