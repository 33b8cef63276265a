import Documents
import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("DHIS2 dataValueSets") struct DataValueSetTests {
        struct WireSummary: Decodable {
            struct Count: Decodable, Equatable { let imported, updated, ignored, deleted: Int }
            struct Conflict: Decodable { let object, value: String }
            let status: String
            let importCount: Count
            let conflicts: [Conflict]
        }

        struct WireSet: Decodable {
            struct Value: Decodable, Hashable { let dataElement: String; let period: String?; let orgUnit: String?; let value: String?; let comment: String? }
            let dataSet: String?
            let dataValues: [Value]
        }

        /// A fresh open cycle with empty draft reports of units A and B.
        static func world(_ app: Application) async throws -> (period: String, a: ReportRecord, b: ReportRecord) {
            let cycle = try await ReportFixtures.cycle(.open, on: app.db)
            var reports: [ReportRecord] = []
            for org in ["MAU-BVDK-A", "MAU-BVDK-B"] {
                let report = ReportRecord(cycleID: try cycle.requireID(), organisationCode: org)
                report.state = ReportState.draft.rawValue
                try await report.create(on: app.db)
                reports.append(report)
            }
            return (cycle.periodCode, reports[0], reports[1])
        }

        static func post(_ app: Application, _ body: String, query: String = "", as role: Role = .unitReporter, organisation: String? = nil,
                         contentType: HTTPMediaType = .json) async throws -> TestingHTTPResponse {
            var headers = try await app.session(role, organisation: organisation)
            headers.add(name: "X-CSRF-Token", value: try await csrfToken(of: headers, app: app))
            headers.contentType = contentType
            return try await app.testing().sendRequest(.POST, "/api/v1/dataValueSets" + query, headers: headers, body: ByteBuffer(string: body))
        }

        static func set(_ period: String, _ values: [(String, String, String)], org: String = "MAU-BVDK-A") -> String {
            let items = values.map { #"{"dataElement":"\#($0.0)","orgUnit":"\#($0.1)","value":"\#($0.2)","comment":"từ DHIS2"}"# }
            return #"{"dataSet":"KH-BCD-SYT-NB-2025","period":"\#(period)","orgUnit":"\#(org)","dataValues":[\#(items.joined(separator: ","))]}"#
        }

        static func storedValues(_ app: Application) async throws -> [String] {
            try await ReportValueRecord.query(on: app.db).all().map { "\($0.indicatorCode)=\($0.entry)" }.sorted()
        }

        @Test("a unit's values import, export back the same, and a second import changes nothing")
        func roundTrip() async throws {
            try await withApp { app in
                let (period, _, _) = try await Self.world(app)
                let (_, indicators) = try await IndicatorQueries.list(.init(), on: app.db)
                let yesNo = try #require(indicators.first { $0.measure == .shareOfUnits && $0.reporters == .medicalUnits || $0.measure == .shareOfUnits && $0.reporters == .affiliatedUnits })
                let level = try #require(indicators.first { $0.measure == .level && $0.reporters != .department })
                let values = [("CT01.NUM", "MAU-BVDK-A", "40"), ("CT01.DEN", "MAU-BVDK-A", "50"), ("CT05", "MAU-BVDK-A", "2"),
                              (yesNo.code, "MAU-BVDK-A", "true"), (level.code, "MAU-BVDK-A", level.scale[1])]
                // act
                let first = try await Self.post(app, Self.set(period, values))
                let exported = try await ReportAPI(app: app).call(.GET, "/api/v1/dataValueSets?period=\(period)&orgUnit=MAU-BVDK-A", as: .unitReporter)
                let again = try await Self.post(app, String(decoding: Data(buffer: exported.body), as: UTF8.self))
                // validate
                let summary = try first.content.decode(WireSummary.self)
                #expect(first.status == .ok && summary.status == "SUCCESS" && summary.importCount == .init(imported: 5, updated: 0, ignored: 0, deleted: 0), "\(first.body.string)")
                let set = try exported.content.decode(WireSet.self)
                #expect(Set(set.dataValues.map { "\($0.dataElement)|\($0.orgUnit!)|\($0.value!)" }) == Set(values.map { "\($0.0)|\($0.1)|\($0.2)" }))
                #expect(set.dataValues.allSatisfy { $0.period == period && $0.comment == "từ DHIS2" } && set.dataSet == "KH-BCD-SYT-NB-2025")
                #expect(try again.content.decode(WireSummary.self).importCount == .init(imported: 0, updated: 0, ignored: 5, deleted: 0))
                let stored = try #require(try await ReportValueRecord.query(on: app.db).filter(\.$indicatorCode == "CT01").first())
                #expect((stored.numerator, stored.denominator) == (40, 50))
            }
        }

        @Test("every bad value is a conflict with its position and reason, and nothing at all is written")
        func atomic() async throws {
            try await withApp { app in
                let (period, _, _) = try await Self.world(app)
                let body = #"{"period":"\#(period)","orgUnit":"MAU-BVDK-A","dataValues":["#
                    + #"{"dataElement":"CT01.NUM","value":"40"},{"dataElement":"CT01.DEN","value":"50"},"#
                    + #"{"dataElement":"CT99","value":"1"},"#
                    + #"{"dataElement":"CT05","value":"hai"},"#
                    + #"{"dataElement":"CT05","orgUnit":"KHONG-CO","value":"1"},"#
                    + #"{"dataElement":"CT05","period":"2199NovS1","value":"1"},"#
                    + #"{"dataElement":"CT01.NUM","value":"41"},"#
                    + #"{"dataElement":"CT05","orgUnit":"MAU-BVDK-B","value":"3"},"#
                    + #"{"dataElement":"CT05.NUM","value":"3"}]}"#
                let response = try await Self.post(app, body)
                let summary = try response.content.decode(WireSummary.self)
                #expect(response.status == .conflict && summary.status == "ERROR")
                #expect(summary.importCount == .init(imported: 0, updated: 0, ignored: 9, deleted: 0))
                let text = summary.conflicts.map(\.value).joined(separator: "\n")
                for expected in ["dataValues[2]: không có phần tử dữ liệu «CT99»", "dataValues[3]: giá trị «hai» của CT05 không hợp lệ",
                                 "dataValues[4]: không có cơ quan, đơn vị «KHONG-CO»", "dataValues[5]: chưa có đợt báo cáo kỳ 2199NovS1",
                                 "dataValues[6]: giá trị CT01.NUM của MAU-BVDK-A kỳ \(period) có hai lần", "dataValues[7]: ", "dataValues[8]: CT05 là"] {
                    #expect(text.contains(expected), "\(expected) in:\n\(text)")
                }
                #expect(try await Self.storedValues(app) == [])
            }
        }

        @Test("rules of the form apply: numerator above denominator is refused; atomicMode=NONE writes the good values; dryRun writes nothing")
        func modes() async throws {
            try await withApp { app in
                let (period, _, _) = try await Self.world(app)
                let bad = Self.set(period, [("CT01.NUM", "MAU-BVDK-A", "60"), ("CT01.DEN", "MAU-BVDK-A", "50"), ("CT05", "MAU-BVDK-A", "2")])
                let refused = try await Self.post(app, bad)
                #expect(refused.status == .conflict && refused.body.string.contains("Tử số không được lớn hơn mẫu số"))
                let dry = try await Self.post(app, bad, query: "?dryRun=true&atomicMode=NONE")
                let afterDryRun = try await Self.storedValues(app)
                #expect(try dry.content.decode(WireSummary.self).status == "WARNING" && afterDryRun == [])
                let partial = try await Self.post(app, bad, query: "?atomicMode=NONE")
                #expect(try partial.content.decode(WireSummary.self).status == "WARNING")
                #expect(try await Self.storedValues(app).count == 1, "CT05 landed, CT01 did not")
                let update = try await Self.post(app, Self.set(period, [("CT05", "MAU-BVDK-A", "3"), ("CT07", "MAU-BVDK-A", "1")]), query: "?importStrategy=UPDATE")
                #expect(try update.content.decode(WireSummary.self).importCount == .init(imported: 0, updated: 1, ignored: 1, deleted: 0))
                let delete = try await Self.post(app, Self.set(period, [("CT05", "MAU-BVDK-A", "")]), query: "?importStrategy=DELETE")
                #expect(try delete.content.decode(WireSummary.self).importCount == .init(imported: 0, updated: 0, ignored: 0, deleted: 1))
                #expect(try await Self.post(app, bad, query: "?importStrategy=MERGE").status == .badRequest)
                #expect(try await Self.post(app, bad, query: "?atomicMode=SOME").status == .badRequest)
            }
        }

        @Test("malformed, truncated and empty bodies get a 400 with the reason; another unit's values are refused")
        func badBodies() async throws {
            try await withApp { app in
                let (period, _, _) = try await Self.world(app)
                let truncated = try await Self.post(app, #"{"dataValues":[{"dataElement":"CT05","#)
                #expect(truncated.status == .badRequest && truncated.body.string.contains("sai cú pháp JSON hoặc tệp bị cắt ngang"))
                let missing = try await Self.post(app, #"{"dataValues":[{"value":"1"}]}"#)
                #expect(missing.status == .badRequest && missing.body.string.contains("thiếu «dataElement» ở dataValues[0]"))
                #expect(try await Self.post(app, #"{"dataValues":[]}"#).status == .badRequest)
                #expect(try await Self.post(app, "", contentType: .plainText).status == .badRequest)
                let other = try await Self.post(app, Self.set(period, [("CT05", "MAU-BVDK-B", "2")], org: "MAU-BVDK-B"))
                #expect(other.status == .conflict, "\(other.body.string)")
                #expect(try await Self.storedValues(app) == [])
                #expect(try await Self.post(app, Self.set(period, [("CT05", "MAU-BVDK-A", "2")]), query: "?dataSet=KHAC").status == .badRequest)
                #expect(try await ReportAPI(app: app).call(.GET, "/api/v1/dataValueSets?period=\(period)&orgUnit=MAU-BVDK-B", as: .unitReporter).status == .forbidden)
                #expect(try await ReportAPI(app: app).call(.GET, "/api/v1/dataValueSets?period=2026X", as: .coordinator).status == .badRequest)
            }
        }

        @Test("DHIS2 CSV: with a header line or in DHIS2's column order; export as CSV")
        func csv() async throws {
            try await withApp { app in
                let (period, _, _) = try await Self.world(app)
                let withHeader = "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup\n"
                    + "CT01.NUM,\(period),MAU-BVDK-A,,,40,,,\"Ghi chú, có dấu phẩy\",false\nCT01.DEN,\(period),MAU-BVDK-A,,,50,,,,false\n"
                let first = try await Self.post(app, withHeader, contentType: HTTPMediaType(type: "text", subType: "csv"))
                #expect(try first.content.decode(WireSummary.self).importCount.imported == 2, "\(first.body.string)")
                let plain = "CT05,\(period),MAU-BVDK-A,,,3\nCT01,\(period),MAU-BVDK-A,NUM,,45\n"
                let second = try await Self.post(app, plain, contentType: HTTPMediaType(type: "text", subType: "csv"))
                #expect(try second.content.decode(WireSummary.self).importCount == .init(imported: 1, updated: 1, ignored: 0, deleted: 0), "\(second.body.string)")
                let exported = try await ReportAPI(app: app).call(.GET, "/api/v1/dataValueSets.csv?period=\(period)&orgUnit=SYT&children=true", as: .coordinator)
                let rows = try CSVReader.rows(Data(buffer: exported.body)).map(\.fields)
                #expect(rows.first == DataValueCSV.header && rows.count == 4)
                #expect(rows.contains { $0[0] == "CT01.NUM" && $0[5] == "45" && $0[8] == "Ghi chú, có dấu phẩy" })
            }
        }
    }
}
