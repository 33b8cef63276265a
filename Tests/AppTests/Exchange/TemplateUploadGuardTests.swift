@testable import Documents
import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    /// Uploads are authorised before the file is parsed, crafted files are a 4xx with the reason and never stop the
    /// server, and CSV exports neutralise formulas but import back the same.
    @Suite("Template uploads and exports under attack") struct TemplateUploadGuardTests {
        /// The report's own template with one hostile edit in its sheet: the reproductions of issue 16.
        static func crafted(_ template: Data) throws -> [(label: String, file: Data, reference: String)] {
            let parts = try ZipPackage.parts(of: template).mapValues { String(decoding: $0, as: UTF8.self) }
            let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
            func with(_ edit: (String) -> String) throws -> Data {
                var changed = parts
                changed["xl/worksheets/sheet1.xml"] = edit(sheet)
                let order = ["[Content_Types].xml"] + changed.keys.filter { $0 != "[Content_Types].xml" }.sorted()
                return try Documents.ZipPackage.data(order.compactMap { path in changed[path].map { (path: path, content: $0) } })
            }
            func append(_ rows: String) throws -> Data { try with { $0.replacingOccurrences(of: "</sheetData>", with: rows + "</sheetData>") } }
            return [
                ("long column", try with { $0.replacingOccurrences(of: #"r="A4""#, with: #"r="AAAAAAAAAAAAAAA4""#) }, "AAAAAAAAAAAAAAA4"),
                ("far row", try append(#"<row r="1048570"><c r="A999999999999999999" t="inlineStr"><is><t>CT01</t></is></c></row>"#), "A999999999999999999"),
                ("row overflow", try append(#"<row r="9223372036854775807"><c t="inlineStr"><is><t>x</t></is></c></row><row><c/></row>"#), "9223372036854775807"),
                ("style -1", try append(#"<row r="900"><c r="F900" s="-1"><v>1</v></c></row>"#), "F900"),
                ("shared string -1", try append(#"<row r="901"><c r="A901" t="s"><v>-1</v></c></row>"#), "A901"),
            ]
        }

        static func upload(_ app: Application, _ data: Data, to id: UUID, as role: Role = .unitReporter, page: Bool = false,
                           query: String = "") async throws -> TestingHTTPResponse {
            var headers = try await app.session(role)
            headers.add(name: "X-CSRF-Token", value: try await csrfToken(of: headers, app: app))
            guard page else {
                return try await app.testing().sendRequest(.POST, "/api/v1/reports/\(id)/template.xlsx\(query)", headers: headers, body: ByteBuffer(data: data))
            }
            headers.contentType = HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": "ranh-gioi"])
            var body = Data("--ranh-gioi\r\nContent-Disposition: form-data; name=\"file\"; filename=\"mau.xlsx\"\r\n\r\n".utf8)
            body += data + Data("\r\n--ranh-gioi--\r\n".utf8)
            return try await app.testing().sendRequest(.POST, "/reports/\(id)/upload\(query)", headers: headers, body: ByteBuffer(data: body))
        }

        /// A JSON answer with its keys sorted (the error encoder's key order varies); a page as it is.
        static func normalised(_ body: String) -> String {
            guard let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)),
                  let sorted = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return body }
            return String(decoding: sorted, as: UTF8.self)
        }

        static func template(_ report: ReportRecord, on db: any Database) async throws -> Data {
            try ReportTemplate.workbook(try await Reports.load(report.requireID(), on: db))
        }

        @Test("each crafted file on one's own report is a 400 naming the sheet and the cell, in Vietnamese and English; nothing lands; /health answers")
        func craftedOnOwnReport() async throws {
            try await withApp { app in
                // setup
                let report = try await ReportFixtures.report("MAU-BVDK-A", on: app.db)
                let id = try report.requireID()
                for (label, file, reference) in try Self.crafted(try await Self.template(report, on: app.db)) {
                    // act
                    let vi = try await Self.upload(app, file, to: id)
                    let en = try await Self.upload(app, file, to: id, query: "?lang=en")
                    let page = try await Self.upload(app, file, to: id, page: true)
                    // validate
                    #expect(vi.status == .badRequest && vi.body.string.contains("Trang «Báo cáo»") && vi.body.string.contains(reference), "\(label): \(vi.body.string)")
                    #expect(en.status == .badRequest && en.body.string.contains("Sheet «Báo cáo»") && en.body.string.contains(reference), "\(label): \(en.body.string)")
                    #expect(page.status == .badRequest && page.body.string.contains(reference), "\(label): \(page.status)")
                }
                #expect(try await ReportValueRecord.query(on: app.db).count() == 0)
                #expect(try await app.get("/health", as: nil).status == .ok)
            }
        }

        @Test("a value of inf or nan in a template is a problem of its cell, not a number")
        func nonFiniteValue() async throws {
            try await withApp { app in
                let report = try await ReportFixtures.report("MAU-BVDK-A", on: app.db)
                let template = try await Self.template(report, on: app.db)
                let parts = try ZipPackage.parts(of: template).mapValues { String(decoding: $0, as: UTF8.self) }
                var changed = try #require(parts["xl/worksheets/sheet1.xml"])
                // CT01's numerator F4 gets an infinite value
                changed = changed.replacingOccurrences(of: #"<c r="F4" s="#, with: #"<c r="F4"><v>inf</v></c><c r="Z4" s="#)
                var edited = parts
                edited["xl/worksheets/sheet1.xml"] = changed
                let file = try Documents.ZipPackage.data(edited.sorted { $0.key < $1.key }.map { (path: $0.key, content: $0.value) })
                let response = try await Self.upload(app, file, to: try report.requireID())
                #expect(response.status == .badRequest && response.body.string.contains("«#NUM!» không phải là số"), "\(response.body.string)")
                #expect(try await ReportValueRecord.query(on: app.db).count() == 0)
            }
        }

        @Test("on a report the user may not write, a crafted file, an empty body and a valid template get the same answer, before any parsing")
        func sameAnswerWhateverTheBody() async throws {
            try await withApp { app in
                // setup: another unit's report, one's own locked report, and a coordinator (who reads but does not write)
                let other = try await ReportFixtures.report("MAU-BVDK-B", on: app.db)
                let locked = try await ReportFixtures.report("MAU-BVDK-A", .locked, on: app.db)
                let own = try await ReportFixtures.report("MAU-BVDK-A", on: app.db)
                let cases: [(ReportRecord, Role, HTTPStatus)] = [(other, .unitReporter, .forbidden), (locked, .unitReporter, .conflict), (own, .coordinator, .forbidden)]
                for (report, role, status) in cases {
                    let id = try report.requireID()
                    let valid = try await Self.template(report, on: app.db)
                    let bodies = [valid, Data(), Data("không phải tệp".utf8)] + (try Self.crafted(valid).map(\.file))
                    for page in [false, true] {
                        // act
                        var answers: [(HTTPStatus, String)] = []
                        for body in bodies {
                            let response = try await Self.upload(app, body, to: id, as: role, page: page)
                            answers.append((response.status, Self.normalised(response.body.string)))
                        }
                        // validate
                        #expect(answers.allSatisfy { $0.0 == status }, "\(role) \(page ? "page" : "API"): \(answers.map(\.0))")
                        #expect(Set(answers.map(\.1)).count == 1, "\(role) \(page ? "page" : "API"): the bodies differ: \(Set(answers.map { String($0.1.suffix(300)) }))")
                    }
                }
                #expect(try await ReportValueRecord.query(on: app.db).filter(\.$report.$id == own.requireID()).count() == 0)
            }
        }

        @Test("DHIS2 CSV: formula-like comments leave with a quote before them and come back exactly")
        func csvFormulaInjection() async throws {
            try await withApp { app in
                // setup: one count value of unit A
                let (period, _, _) = try await DataValueSetTests.world(app)
                let csv = HTTPMediaType(type: "text", subType: "csv")
                #expect(try await DataValueSetTests.post(app, "CT05,\(period),MAU-BVDK-A,,,3\n", contentType: csv).status == .ok)
                let record = try #require(try await ReportValueRecord.query(on: app.db).filter(\.$indicatorCode == "CT05").first())
                // each comment and the exported field that must hold it, protective quote included (CSV quoting where needed)
                let cases = [("=HYPERLINK(\"http://x\",\"y\")", #","'=HYPERLINK(""http://x"",""y"")",false"#), ("+1+1", ",'+1+1,false"),
                             ("-5 ngày so với kế hoạch", ",'-5 ngày so với kế hoạch,false"), ("@SUM(A1)", ",'@SUM(A1),false"),
                             ("'=đã có dấu nháy", ",''=đã có dấu nháy,false"), ("\tthụt lề", ",'\tthụt lề,false"), ("-12", ",-12,false"), ("'tên", ",'tên,false")]
                for (comment, field) in cases {
                    record.comment = comment
                    try await record.save(on: app.db)
                    // act
                    let exported = try await ReportAPI(app: app).call(.GET, "/api/v1/dataValueSets.csv?period=\(period)&orgUnit=MAU-BVDK-A", as: .unitReporter)
                    record.comment = "tạm"
                    try await record.save(on: app.db)
                    let imported = try await DataValueSetTests.post(app, exported.body.string, contentType: csv)
                    // validate
                    #expect(exported.body.string.contains(field), "\(comment.debugDescription): \(exported.body.string)")
                    #expect(imported.status == .ok, "\(imported.body.string)")
                    let stored = try await ReportValueRecord.find(record.requireID(), on: app.db)?.comment
                    // the import trims the whitespace around a comment, as it always has: only the tab goes
                    #expect(stored == comment.trimmingCharacters(in: .whitespaces), "\(comment.debugDescription) came back as \(stored.debugDescription)")
                }
            }
        }
    }
}
