import Documents
import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Excel templates of reports") struct TemplateTests {
        static func upload(_ app: Application, _ data: Data, to id: UUID, as role: Role = .unitReporter) async throws -> TestingHTTPResponse {
            var headers = try await app.session(role)
            headers.add(name: "X-CSRF-Token", value: try await csrfToken(of: headers, app: app))
            return try await app.testing().sendRequest(.POST, "/api/v1/reports/\(id)/template.xlsx", headers: headers, body: ByteBuffer(data: data))
        }

        /// The template read back, with cells changed as a person filling it in would (written again by the workbook writer).
        static func filled(_ template: Data, _ changes: [String: CellValue]) throws -> Data {
            let book = try XLSXReader.read(template)
            let sheets = book.sheets.map { sheet in
                let rows = (1...max(1, sheet.rowCount)).map { row in
                    (1...8).map { column -> Cell in
                        let address = CellAddress(row: row, column: column)
                        if let change = changes[address.name] { return Cell(change) }
                        switch sheet.cells[address] {
                        case .text(let t)?: return .text(t)
                        case .number(let n)?: return .number(n)
                        case .bool(let b)?: return Cell(.bool(b))
                        default: return .empty
                        }
                    }
                }
                return Worksheet(name: sheet.name, rows: rows, isHidden: sheet.isHidden)
            }
            return try Workbook(sheets: sheets, customProperties: book.customProperties.sorted { $0.key < $1.key }.map { .init(name: $0.key, value: $0.value) }).data()
        }

        @Test("the template has a row per indicator the unit reports, locked labels, open inputs, lists and the report's identity")
        func template() async throws {
            try await withApp { app in
                let report = try await ReportFixtures.report("MAU-BVDK-A", on: app.db)
                let response = try await ReportAPI(app: app).call(.GET, "/api/v1/reports/\(try report.requireID())/template.xlsx", as: .unitReporter)
                #expect(response.status == .ok && response.headers.first(name: .contentDisposition)?.contains("mau-bao-cao-MAU-BVDK-A-") == true)
                let book = try XLSXReader.read(Data(buffer: response.body))
                let sheet = try #require(book.sheet(named: "Báo cáo"))
                let context = try await Reports.load(report.id, on: app.db)
                #expect(sheet.value(row: 3, column: 1) == .text("Mã") && sheet.value(row: 3, column: 6) == .text("Tử số / Giá trị"))
                #expect((4..<(4 + context.indicators.count)).map { sheet.value(row: $0, column: 1)?.text } == context.indicators.map(\.code))
                let reportID = try report.requireID().uuidString
                #expect(book.customProperties["chitieu.organisation"] == "MAU-BVDK-A" && book.customProperties["chitieu.report"] == reportID)
                #expect(try #require(book.sheet(named: "chitieu")).isHidden)
                let xml = String(decoding: try #require(try ZipPackage.parts(of: Data(buffer: response.body))["xl/worksheets/sheet1.xml"]), as: UTF8.self)
                #expect(xml.contains("<sheetProtection sheet=\"1\"") && xml.contains("type=\"list\""))
                #expect(try await ReportAPI(app: app).call(.GET, "/api/v1/reports/\(try ReportFixtures.report("MAU-BVDK-B", on: app.db).requireID())/template.xlsx", as: .unitReporter).status == .forbidden)
            }
        }

        @Test("a filled template lands whole; a bad cell is named by sheet, row, column and indicator and nothing lands")
        func upload() async throws {
            try await withApp { app in
                let report = try await ReportFixtures.report("MAU-BVDK-A", on: app.db)
                let id = try report.requireID()
                let template = Data(buffer: try await ReportAPI(app: app).call(.GET, "/api/v1/reports/\(id)/template.xlsx", as: .unitReporter).body)
                // CT01 is row 4 (F numerator, G denominator), CT02 row 5
                let bad = try await Self.upload(app, try Self.filled(template, ["F4": .number(60), "G4": .number(50), "F5": .text("nhiều"), "H4": .text("x")]), to: id)
                #expect(bad.status == .badRequest, "\(bad.body.string)")
                let problems = try bad.content.decode(TemplateUpload.Result.self).problems
                #expect(problems.contains(TemplateUpload.Problem(sheet: "Báo cáo", row: 5, column: "F", indicator: "CT02", message: "«nhiều» không phải là số.")))
                #expect(problems.contains { $0.row == 4 && $0.indicator == "CT01" && $0.message.contains("Tử số không được lớn hơn mẫu số") })
                #expect(try await ReportValueRecord.query(on: app.db).count() == 0)
                let good = try await Self.upload(app, try Self.filled(template, ["F4": .text("1.200"), "G4": .number(1250), "H4": .text("Đã rà soát")]), to: id)
                let saved = try good.content.decode(TemplateUpload.Result.self).saved
                #expect(good.status == .ok && saved == 1, "\(good.body.string)")
                let value = try #require(try await ReportValueRecord.query(on: app.db).filter(\.$indicatorCode == "CT01").first())
                #expect((value.numerator, value.denominator, value.comment) == (1200, 1250, "Đã rà soát"))
            }
        }

        @Test("another unit's or cycle's template, a file that is not an .xlsx, a cut file and a locked report are refused with the reason")
        func refused() async throws {
            try await withApp { app in
                let mine = try await ReportFixtures.report("MAU-BVDK-A", on: app.db)
                let earlier = try await ReportFixtures.report("MAU-BVDK-A", on: app.db)
                let id = try mine.requireID()
                let otherTemplate = Data(buffer: try await ReportAPI(app: app).call(.GET, "/api/v1/reports/\(try earlier.requireID())/template.xlsx", as: .unitReporter).body)
                let wrong = try await Self.upload(app, otherTemplate, to: id)
                let earlierPeriod = try await earlier.$cycle.get(on: app.db).periodCode
                #expect(wrong.status == .badRequest && wrong.body.string.contains("Tệp mẫu này của MAU-BVDK-A, kỳ \(earlierPeriod)"))
                let csv = try await Self.upload(app, Data("Mã,Giá trị\nCT01,1\n".utf8), to: id)
                #expect(csv.status == .badRequest && csv.body.string.contains("Tệp không phải .xlsx"))
                let cut = try await Self.upload(app, otherTemplate.prefix(otherTemplate.count / 2), to: id)
                #expect(cut.status == .badRequest)
                let plain = try Workbook(sheets: [Worksheet(name: "Sheet1", rows: [[.text("CT01"), .number(1)]])]).data()
                let notTemplate = try await Self.upload(app, plain, to: id)
                #expect(notTemplate.status == .badRequest && notTemplate.body.string.contains("không phải mẫu báo cáo của hệ thống"), "\(notTemplate.body.string) / \(wrong.body.string)")
                let locked = try await ReportFixtures.report("MAU-BVDK-A", .locked, on: app.db)
                let lockedTemplate = Data(buffer: try await ReportAPI(app: app).call(.GET, "/api/v1/reports/\(try locked.requireID())/template.xlsx", as: .unitReporter).body)
                let refused = try await Self.upload(app, lockedTemplate, to: try locked.requireID())
                #expect(refused.status.code >= 400 && refused.status.code < 500, "\(refused.status)")
            }
        }
    }
}
