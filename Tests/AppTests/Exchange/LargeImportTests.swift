import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    /// Imports at scale through the command line: files read as they go, batches written inside one transaction.
    @Suite("Large imports and national organisation lists") struct LargeImportTests {
        /// `units` test organisations (medical units) loaded from one CSV file, and an open cycle with their reports.
        static func world(_ app: Application, units: Int) async throws -> (period: String, codes: [String]) {
            let codes = (1...units).map { String(format: "TEST-%05d", $0) }
            let csv = "code,name,kind,medical,parent\n" + codes.map { "\($0),Đơn vị thử nghiệm \($0),districtHealthCentre,yes,SYT" }.joined(separator: "\n")
            _ = try await OrganisationImport.apply(Data(csv.utf8), by: .commandLine, on: app.db)
            let cycle = try await ReportFixtures.cycle(.open, on: app.db)
            _ = try await Reports.createReports(for: cycle, actor: .system, on: app.db)
            return (cycle.periodCode, codes)
        }

        /// The first `count` data values of the units, report by report in plan order, as DHIS2 writes them.
        static func values(_ app: Application, period: String, codes: [String], count: Int, bad: Int? = nil) async throws -> [(String, String, String)] {
            let (_, indicators) = try await IndicatorQueries.list(.init(), on: app.db)
            let unit = Organisation(code: "x", name: "x", kind: .districtHealthCentre, isMedical: true, parentCode: nil)
            let scope = ReportingScope.indicators(indicators, reportedBy: unit)
            var found: [(String, String, String)] = []
            for (u, code) in codes.enumerated() {
                for (i, indicator) in scope.enumerated() {
                    let elements: [(String, String)] = switch indicator.measure {
                    case .ratio: [("\(indicator.code).NUM", "\((u + i) % 20)"), ("\(indicator.code).DEN", "\(20 + u % 7)")]
                    case .count: [(indicator.code, "\((u * 3 + i) % 40)")]
                    case .shareOfUnits: [(indicator.code, (u + i) % 2 == 0 ? "true" : "false")]
                    case .level: [(indicator.code, indicator.scale[(u + i) % indicator.scale.count])]
                    }
                    for (element, value) in elements where found.count < count {
                        found.append((element, code, found.count == bad ? "hai" : value))
                    }
                }
            }
            return found
        }

        static func write(_ period: String, _ values: [(String, String, String)]) throws -> String {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString).json").path
            let items = values.map { #"{"dataElement":"\#($0.0)","period":"\#(period)","orgUnit":"\#($0.1)","value":"\#($0.2)"}"# }
            try Data((#"{"dataSet":"KH-BCD-SYT-NB-2025","dataValues":["# + items.joined(separator: ",\n") + "]}").utf8).write(to: URL(fileURLWithPath: path))
            return path
        }

        static func valueAuditCount(_ app: Application) async throws -> Int {
            try await AuditEntryRecord.query(on: app.db).filter(\.$entity == "value").count()
        }

        @Test("20,000 values from one file land whole: rows, one audit entry a value, the chain intact, each report's version raised once")
        func lands() async throws {
            try await withApp { app in
                // setup
                let (period, codes) = try await Self.world(app, units: 700)
                let values = try await Self.values(app, period: period, codes: codes, count: 20_000)
                let path = try Self.write(period, values)
                defer { try? FileManager.default.removeItem(atPath: path) }
                // act
                let output = try await TaskFixture.run(app, ["import", path])
                // validate
                #expect(output.joined(separator: "\n").contains("SUCCESS"), "\(output)")
                let rows = try await ReportValueRecord.query(on: app.db).join(ReportRecord.self, on: \ReportValueRecord.$report.$id == \ReportRecord.$id)
                    .filter(ReportRecord.self, \.$organisationCode ~~ codes).count()
                let expectedRows = Set(values.map { "\($0.1)|\($0.0.split(separator: ".")[0])" }).count
                #expect(rows == expectedRows)
                // 20,000 audit rows × 13 parameters and ~13,000 value rows × 11 are each far over one statement's limit.
                #expect(try await Self.valueAuditCount(app) == values.count)
                let touched = Set(values.map(\.1))
                let reports = try await ReportRecord.query(on: app.db).filter(\.$organisationCode ~~ Array(touched)).all()
                #expect(reports.count == touched.count && reports.allSatisfy { $0.version == 2 })
                let verified = try await Audit.verify(on: app.db)
                #expect(verified.break == nil)
                let sample = try #require(try await ReportValueRecord.query(on: app.db).join(ReportRecord.self, on: \ReportValueRecord.$report.$id == \ReportRecord.$id)
                    .filter(ReportRecord.self, \.$organisationCode == codes[3]).filter(\.$indicatorCode == "CT01").first())
                #expect(sample.numerator == Double(3 % 20) && sample.denominator == Double(20 + 3 % 7))
                // A second reading of the same file changes nothing.
                let again = try await TaskFixture.run(app, ["import", path])
                let auditAfter = try await Self.valueAuditCount(app)
                #expect(again.joined().contains("bỏ qua \(values.count)") && auditAfter == values.count, "\(again)")
            }
        }

        @Test("one bad value after the first batches were written: nothing stays, not even the audit entries")
        func badInTheMiddle() async throws {
            try await withApp { app in
                // setup
                let (period, codes) = try await Self.world(app, units: 700)
                let values = try await Self.values(app, period: period, codes: codes, count: 20_000, bad: 15_000)
                let path = try Self.write(period, values)
                defer { try? FileManager.default.removeItem(atPath: path) }
                let auditBefore = try await AuditEntryRecord.query(on: app.db).count()
                // act
                await #expect(throws: ExchangeError.self) { _ = try await TaskFixture.run(app, ["import", path]) }
                // validate
                let rows = try await ReportValueRecord.query(on: app.db).join(ReportRecord.self, on: \ReportValueRecord.$report.$id == \ReportRecord.$id)
                    .filter(ReportRecord.self, \.$organisationCode ~~ codes).count()
                #expect(rows == 0)
                #expect(try await AuditEntryRecord.query(on: app.db).count() == auditBefore)
                #expect(try await ReportRecord.query(on: app.db).filter(\.$organisationCode ~~ codes).all().allSatisfy { $0.version == 1 })
            }
        }

        @Test("a report's values spread over the file (not one run) still land as one report, duplicates across runs refused")
        func interleaved() async throws {
            try await withApp { app in
                // setup
                let (period, codes) = try await Self.world(app, units: 3)
                let body = #"{"period":"\#(period)","dataValues":["#
                    + #"{"dataElement":"CT01.NUM","orgUnit":"\#(codes[0])","value":"4"},{"dataElement":"CT05","orgUnit":"\#(codes[1])","value":"2"},"#
                    + #"{"dataElement":"CT01.DEN","orgUnit":"\#(codes[0])","value":"5"}]}"#
                let duplicate = #"{"period":"\#(period)","dataValues":["#
                    + #"{"dataElement":"CT05","orgUnit":"\#(codes[2])","value":"4"},{"dataElement":"CT05","orgUnit":"\#(codes[1])","value":"2"},"#
                    + #"{"dataElement":"CT05","orgUnit":"\#(codes[2])","value":"5"}]}"#
                // act
                let summary = try await ValueImport.run(.json(.memory(Array(body.utf8))), options: .init(), authority: .commandLine, actor: .commandLine,
                                                        checks: .init(), language: .vietnamese, on: app.db)
                let refused = try await ValueImport.run(.json(.memory(Array(duplicate.utf8))), options: .init(), authority: .commandLine, actor: .commandLine,
                                                        checks: .init(), language: .vietnamese, on: app.db)
                // validate
                #expect(summary.status == "SUCCESS" && summary.importCount.imported == 3, "\(summary.conflicts)")
                let ratio = try #require(try await ReportValueRecord.query(on: app.db).filter(\.$indicatorCode == "CT01").first())
                #expect((ratio.numerator, ratio.denominator) == (4, 5))
                #expect(refused.status == "ERROR" && refused.conflicts.map(\.value).joined().contains("dataValues[2]: giá trị CT05 của \(codes[2]) kỳ \(period) có hai lần"))
            }
        }

        @Test("a national list of 5,000 organisations loads from one file, its change log complete and whole")
        func organisations() async throws {
            try await withApp { app in
                // setup
                let codes = (1...5_000).map { String(format: "QG-%05d", $0) }
                let csv = "code,name,kind,medical,parent\n" + codes.map { "\($0),Trạm thử nghiệm \($0),districtHealthCentre,yes,SYT" }.joined(separator: "\n")
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("orgs-\(UUID().uuidString).csv").path
                try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
                defer { try? FileManager.default.removeItem(atPath: path) }
                // act
                let output = try await TaskFixture.run(app, ["orgs", "import", path])
                // validate
                #expect(output.joined().contains("5000 thêm mới"), "\(output)")
                #expect(try await OrganisationRecord.query(on: app.db).filter(\.$code ~~ codes).count() == codes.count)
                let entries = try await AuditEntryRecord.query(on: app.db).filter(\.$entity == "organisation").filter(\.$entityID ~~ codes).all()
                let fields = Dictionary(grouping: entries, by: \.entityID).mapValues(\.count)
                #expect(fields.count == codes.count && Set(fields.values).count == 1 && (fields.values.first ?? 0) >= 4)
                #expect(entries.contains { $0.entityID == "QG-04999" && $0.field == "name" && $0.newValue == "Trạm thử nghiệm QG-04999" })
                let verified = try await Audit.verify(on: app.db)
                #expect(verified.break == nil)
            }
        }
    }
}
