import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("DHIS2 Web API: analytics") struct DHIS2AnalyticsTests {
        @Test("analytics equals /api/v1/evaluation for every indicator of the demo, for the sector and a unit, in both demo periods")
        func equalsEvaluation() async throws {
            try await withApp { app in
                // setup
                let outcomes = try await DemoReports.load(app)
                let caller = DHIS2Caller(app: app)
                let auth = DHIS2Caller.basic(try await caller.user(.leadership).email)
                let (_, indicators) = try await IndicatorQueries.list(.init(), on: app.db)
                let dx = indicators.map(\.code).joined(separator: ";")
                let periods = outcomes.map(\.period)
                var compared = 0
                for org in ["SYT", "MAU-BVDK-A"] {
                    // act
                    let grid = try await caller.json("/api/analytics?dimension=dx:\(dx)&dimension=pe:\(periods.joined(separator: ";"))&dimension=ou:\(org)", auth)
                    // validate
                    #expect(grid["headers"]?.array.compactMap { $0["name"]?.string } == ["dx", "pe", "ou", "value"])
                    #expect(grid["metaData"]?["dimensions"]?["dx"]?.strings == indicators.map(\.code))
                    var rows: [String: Double] = [:]
                    for row in grid["rows"]?.array ?? [] { rows[row.strings[0] + "|" + row.strings[1]] = Double(row.strings[3]) }
                    for period in periods {
                        let query = org == "SYT" ? "period=\(period)" : "period=\(period)&org=\(org)"
                        let evaluation = try await app.get("/api/v1/evaluation?\(query)", as: .leadership)
                        for item in try JSONDecoder().decode(JSON.self, from: Data(buffer: evaluation.body)).array {
                            let code = item["code"]?.string ?? ""
                            #expect(rows["\(code)|\(period)"] == item["value"]?.number, "\(code) \(period) \(org): analytics \(String(describing: rows["\(code)|\(period)"])) ≠ evaluation \(String(describing: item["value"]))")
                            compared += 1
                        }
                    }
                }
                #expect(compared == 2 * periods.count * indicators.count && periods.count == 2)
                let withValue = try await caller.json("/api/analytics?dimension=dx:\(dx)&filter=pe:\(periods[1])&filter=ou:SYT", auth)
                #expect((withValue["rows"]?.array.count ?? 0) > indicators.count / 2, "the demo gives most indicators a value")
                #expect(withValue["headers"]?.array.count == 2)
            }
        }

        @Test("analytics refuses a missing dx or pe and an unknown item (409 WebMessage); a unit reporter cannot read another unit")
        func refusals() async throws {
            try await withApp { app in
                // setup
                let caller = DHIS2Caller(app: app)
                let auth = DHIS2Caller.basic(try await caller.user(.unitReporter).email)
                // act
                let noDx = try await caller.send(.GET, "/api/analytics?dimension=pe:2026NovS2", auth)
                let noPe = try await caller.send(.GET, "/api/analytics?dimension=dx:CT01", auth)
                let unknown = try await caller.send(.GET, "/api/analytics?dimension=dx:CT99&dimension=pe:2026NovS2", auth)
                let other = try await caller.send(.GET, "/api/analytics?dimension=dx:CT01&dimension=pe:2026NovS2&filter=ou:MAU-BVDK-B", auth)
                // validate
                #expect(noDx.status == .conflict && noPe.status == .conflict && unknown.status == .conflict)
                #expect(other.status == .forbidden)
            }
        }
    }
}
