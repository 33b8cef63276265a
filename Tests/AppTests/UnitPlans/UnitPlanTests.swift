import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Unit plans") struct UnitPlanTests {
        struct WireRow: Decodable {
            let indicator: String
            let year: Int
            let target: String?
            let sectorTarget: String
            let flag: String?
            let organisation: String?
        }

        struct WirePlan: Decodable {
            let organisation: String
            let targets: [WireRow]
            func row(_ code: String, _ year: Int) -> WireRow? { targets.first { $0.indicator == code && $0.year == year } }
        }

        static func put(_ api: ReportAPI, _ org: String, _ targets: String, as role: Role = .unitReporter, organisation: String? = nil) async throws -> TestingHTTPResponse {
            try await api.call(.PUT, "/api/v1/unit-plans/\(org)", as: role, organisation: organisation, json: #"{"targets":[\#(targets)]}"#)
        }

        @Test("targets are saved as typed and flagged when below the sector's, with both values; each change is logged")
        func saveAndFlag() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                // act: CT01 2030 sector 100; CT08 2030 sector ≥ 60; CT10 2035 sector «Ứng dụng mạnh mẽ»; CT29 2035 sector > 80
                let res = try await Self.put(api, "MAU-BVDK-A", #"{"indicator":"CT01","year":2030,"target":"95"},{"indicator":"CT08","year":2030,"target":"≥ 70"},"# +
                                             #"{"indicator":"CT10","year":2035,"target":"có"},{"indicator":"CT29","year":2035,"target":"≥ 80"}"#)
                // validate
                #expect(res.status == .ok, "\(res.body.string)")
                let plan = try res.content.decode(WirePlan.self)
                #expect(plan.row("CT01", 2030).map { ($0.target, $0.sectorTarget, $0.flag) } ?? (nil, "", nil) == ("95", "100", "below"))
                #expect(plan.row("CT08", 2030)?.flag == nil)
                #expect(plan.row("CT10", 2035).map { ($0.target, $0.flag) } ?? (nil, nil) == ("có", "below"))
                #expect(plan.row("CT29", 2035)?.flag == "below", "≥ 80 asks less than > 80")
                #expect(plan.row("CT02", 2030)?.flag == "missing")
                #expect(plan.row("CT03", 2030) == nil, "a unit does not plan the Department's indicators")
                let log = try await AuditEntryRecord.query(on: app.db).filter(\.$entity == "unit-target").all()
                #expect(Set(log.map { "\($0.entityID) \($0.field) \($0.newValue ?? "-")" }) == ["MAU-BVDK-A CT01/2030 95", "MAU-BVDK-A CT08/2030 ≥ 70", "MAU-BVDK-A CT10/2035 có", "MAU-BVDK-A CT29/2035 ≥ 80"])
                // the coordinator's list
                let flags = try await api.call(.GET, "/api/v1/unit-plans/flags", as: .coordinator).content.decode([WireRow].self)
                #expect(Set(flags.map { "\($0.organisation ?? "") \($0.indicator)/\($0.year)" }) == ["MAU-BVDK-A CT01/2030", "MAU-BVDK-A CT10/2035", "MAU-BVDK-A CT29/2035"])
                let page = try await app.get("/unit-plans/flags", as: .coordinator).body.string
                #expect(page.contains("Thấp hơn chỉ tiêu của ngành") && page.contains("<strong>95</strong>"))
                // an empty target removes it, logged as such
                #expect(try await Self.put(api, "MAU-BVDK-A", #"{"indicator":"CT01","year":2030,"target":""}"#).status == .ok)
                #expect(try await UnitTargetRecord.query(on: app.db).filter(\.$indicatorCode == "CT01").count() == 0)
            }
        }

        @Test("a sector total is never flagged per unit; the units' plans added up are compared with the sector's target")
        func sectorTotals() async throws {
            try await withApp { app in
                // setup: CT06 (researchers, ≥ 200 in 2030): A plans 80, B plans 70 — 150 together
                let api = ReportAPI(app: app)
                #expect(try await Self.put(api, "MAU-BVDK-A", #"{"indicator":"CT06","year":2030,"target":"80"}"#).status == .ok)
                #expect(try await Self.put(api, "MAU-BVDK-B", #"{"indicator":"CT06","year":2030,"target":"≥ 70"}"#, organisation: "MAU-BVDK-B").status == .ok)
                // act
                let plan = try await api.call(.GET, "/api/v1/unit-plans/MAU-BVDK-A", as: .coordinator).content.decode(WirePlan.self)
                let flags = try await api.call(.GET, "/api/v1/unit-plans/flags?missing=yes", as: .coordinator).content.decode([WireRow].self)
                let page = try await app.get("/unit-plans/flags", as: .coordinator).body.string
                // validate
                #expect(plan.row("CT06", 2030)?.flag == nil && plan.row("CT05", 2030)?.flag == nil, "80 is not 'below ≥ 200' for one unit, nor a blank 'missing'")
                let sum = flags.filter { $0.indicator == "CT06" }
                #expect(sum.count == 1 && sum.first?.organisation == "SYT" && sum.first?.year == 2030 && sum.first?.flag == "sumBelow" && sum.first?.target == "150 (2)")
                #expect(!flags.contains { $0.indicator == "CT05" }, "no unit planned CT05: nothing to add up")
                #expect(page.contains("Kế hoạch các đơn vị cộng lại 150 (2 đơn vị) / ngành ≥ 200"))
            }
        }

        @Test("one bad row refuses them all, each problem named by indicator and year", arguments: [
            (#"{"indicator":"CT01","year":2030,"target":"nhiều"}"#, "«nhiều»"), (#"{"indicator":"CT01","year":2030,"target":"120"}"#, "100"),
            (#"{"indicator":"CT10","year":2035,"target":"80"}"#, "định tính"), (#"{"indicator":"CT01","year":2031,"target":"90"}"#, "năm mốc"),
            (#"{"indicator":"CT03","year":2030,"target":"90"}"#, "không báo cáo"), (#"{"indicator":"CT08","year":2030,"target":"90-80"}"#, "đầu dưới"),
        ])
        func allOrNothing(bad: String, mentions: String) async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                let res = try await Self.put(api, "MAU-BVDK-A", #"{"indicator":"CT02","year":2030,"target":"100"},"# + bad)
                #expect(res.status == .badRequest && res.body.string.contains(mentions), "\(res.body.string)")
                #expect(try await UnitTargetRecord.query(on: app.db).count() == 0)
            }
        }

        @Test("a unit writes only its own plan and reads no other; the Department's rows belong to the lead office of each indicator")
        func permissions() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                #expect(try await Self.put(api, "MAU-BVDK-B", #"{"indicator":"CT01","year":2030,"target":"100"}"#).status == .forbidden)
                #expect(try await api.call(.GET, "/api/v1/unit-plans/MAU-BVDK-B", as: .unitReporter).status == .forbidden)
                #expect(try await Self.put(api, "MAU-BVDK-A", #"{"indicator":"CT01","year":2030,"target":"100"}"#, as: .leadership).status == .forbidden)
                // BHYT leads CT03, VP leads CT17
                #expect(try await Self.put(api, "SYT", #"{"indicator":"CT03","year":2030,"target":"≥ 92"}"#, as: .leadOffice).status == .ok)
                let other = try await Self.put(api, "SYT", #"{"indicator":"CT17","year":2030,"target":"100"}"#, as: .leadOffice)
                #expect(other.status == .forbidden && other.body.string.contains("phòng khác"))
                #expect(try await UnitTargetRecord.query(on: app.db).count() == 1)
                #expect(try await app.get("/unit-plans", as: .unitReporter).headers.first(name: .location) == "/unit-plans/MAU-BVDK-A")
            }
        }

        @Test("the page form saves every year at once and shows problems next to the field with what was typed")
        func page() async throws {
            try await withApp { app in
                var headers = try await app.session(.unitReporter)
                headers.contentType = .urlEncodedForm
                let csrf = try await csrfToken(of: headers, app: app)
                let bad = try await app.testing().sendRequest(.POST, "/unit-plans/MAU-BVDK-A", headers: headers,
                    body: ByteBuffer(string: Sample.encode([("t[CT01/2030]", "95"), ("t[CT02/2030]", "rất cao"), ("csrf", csrf)])))
                #expect(bad.status == .badRequest && bad.body.string.contains("«rất cao» không phải chỉ tiêu hợp lệ") && bad.body.string.contains(#"value="rất cao""#))
                #expect(try await UnitTargetRecord.query(on: app.db).count() == 0)
                let good = try await app.testing().sendRequest(.POST, "/unit-plans/MAU-BVDK-A", headers: headers,
                    body: ByteBuffer(string: Sample.encode([("t[CT01/2030]", "95"), ("t[CT02/2030]", "100"), ("csrf", csrf)])))
                #expect(good.status == .seeOther)
                let shown = try await app.get("/unit-plans/MAU-BVDK-A", as: .unitReporter).body.string
                #expect(shown.contains(#"value="95""#) && shown.contains("Thấp hơn chỉ tiêu của ngành"))
            }
        }
    }
}
