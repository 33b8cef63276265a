import Foundation
import Planning
import Vapor
@testable import App

extension AppTests.AuthorizationMatrixTests {
    static let exchangeSamples: [String: Sample] = [
        "GET /api/v1/dataValueSets": .get("/api/v1/dataValueSets?period=2026NovS2"),
        "GET /api/v1/dataValueSets.csv": .get("/api/v1/dataValueSets.csv?period=2026NovS2"),
        "POST /api/v1/dataValueSets": .json("/api/v1/dataValueSets",
                                            #"{"period":"{own-report-period}","orgUnit":"{own-org}","dataValues":[{"dataElement":"CT01.NUM","value":"1"},{"dataElement":"CT01.DEN","value":"{n}"}]}"#),
        "GET /reports/{id}/template.xlsx": .get("/reports/{report-a}/template.xlsx"),
        "GET /api/v1/reports/{id}/template.xlsx": .get("/api/v1/reports/{report-a}/template.xlsx"),
        "POST /api/v1/reports/{id}/template.xlsx": .binary("/api/v1/reports/{upload-report}/template.xlsx", "{upload-template}",
                                                          contentType: HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
        "POST /reports/{id}/upload": .binary("/reports/{upload-report}/upload", "{upload-template-form}",
                                             contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": "chitieu-matrix"])),
    ]
}

extension SecurityWorld {
    private struct LastTemplateReport: StorageKey { typealias Value = UUID }

    static let exchangeResolvers: [String: Resolver] = [
        "{own-org}": { _, caller in organisation(of: caller) },
        "{own-report-period}": { world, caller in
            try await ReportFixtures.report(organisation(of: caller), on: world.app.db).$cycle.get(on: world.app.db).periodCode
        },
        "{upload-report}": { world, caller in
            let id = try await ReportFixtures.report(organisation(of: caller), on: world.app.db).requireID()
            world.app.storage[LastTemplateReport.self] = id
            return id.uuidString
        },
        "{upload-template}": { world, _ in try await template(world).base64EncodedString() },
        "{upload-template-form}": { world, _ in
            var body = Data("--chitieu-matrix\r\nContent-Disposition: form-data; name=\"file\"; filename=\"mau.xlsx\"\r\n".utf8)
            body += Data("Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n".utf8)
            body += try await template(world)
            body += Data("\r\n--chitieu-matrix--\r\n".utf8)
            return body.base64EncodedString()
        },
    ]

    /// The template of the report `{upload-report}` just made (placeholders resolve in name order: `{upload-report}` first), sent back as it came.
    private static func template(_ world: SecurityWorld) async throws -> Data {
        let context = try await Reports.load(world.app.storage[LastTemplateReport.self], on: world.app.db)
        return try ReportTemplate.workbook(context)
    }

}
