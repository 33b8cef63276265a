import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    /// Issue 16's reproductions: a number outside its domain is refused at every entrance with a message naming the
    /// field, and one already stored (written before the domain was enforced) never stops a page, a document or an answer.
    @Suite("Number domains") struct NumberDomainTests {
        @Test("a huge, infinite or out-of-range value on the reports API is a 400 naming the indicator; nothing is saved", arguments: [
            #""CT05":{"amount":1e307}"#, #""CT05":{"amount":1000000000001}"#, #""CT01":{"numerator":1,"denominator":1.7e308}"#,
            #""CT01":{"numerator":-1e300,"denominator":10}"#,
        ])
        func reportsAPI(values: String) async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                let (id, _) = try await ReportTests.draft(app)
                let res = try await api.save(id, version: 1, values: values)
                #expect(res.status == .badRequest, "\(res.body.string)")
                #expect(res.body.string.contains("Số không hợp lệ") && (res.body.string.contains("CT05") || res.body.string.contains("CT01")), "\(res.body.string)")
                #expect(try await ReportValueRecord.query(on: app.db).count() == 0)
                let page = try await app.get("/reports/\(id)", as: .unitReporter)
                #expect(page.status == .ok)
            }
        }

        @Test("the form refuses a number typed with hundreds of digits (past Double's range it is no number at all), keeps it on the page, and saves nothing")
        func form() async throws {
            try await withApp { app in
                let (id, _) = try await ReportTests.draft(app)
                let digits = "1" + String(repeating: "0", count: 400)
                let res = try await ReportPageTests.post(app, "/reports/\(id)", [("version", "1"), ("intent", "save"), ("values[CT05][amount]", digits)], as: .unitReporter)
                #expect(res.status == .badRequest, "\(res.status)")
                #expect(res.body.string.contains("không phải là số") && res.body.string.contains(digits), "the field is named and what was typed is shown again")
                let big = try await ReportPageTests.post(app, "/reports/\(id)", [("version", "1"), ("intent", "save"), ("values[CT05][amount]", "2.000.000.000.000")], as: .unitReporter)
                #expect(big.status == .badRequest && big.body.string.contains("Số không hợp lệ"))
                #expect(try await ReportValueRecord.query(on: app.db).count() == 0)
            }
        }

        @Test("DHIS2 dataValueSets with 1.7e308, 1e400, NaN or Infinity: a conflict each, nothing written", arguments: ["1.7e308", "1e400", "NaN", "Infinity", "-1e13"])
        func dataValueSets(value: String) async throws {
            try await withApp { app in
                let (period, _, _) = try await DataValueSetTests.world(app)
                let body = DataValueSetTests.set(period, [("CT05", "MAU-BVDK-A", value), ("CT06", "MAU-BVDK-A", "3")])
                let res = try await DataValueSetTests.post(app, body)
                #expect(res.status == .conflict || res.status == .badRequest, "\(res.status) \(res.body.string)")
                #expect(res.body.string.contains("CT05"), "\(res.body.string)")
                #expect(try await DataValueSetTests.storedValues(app).isEmpty)
                let csv = "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\nCT05,\(period),MAU-BVDK-A,,,\(value)\n"
                let fromCSV = try await DataValueSetTests.post(app, csv, contentType: HTTPMediaType(type: "text", subType: "csv"))
                #expect(fromCSV.status == .conflict || fromCSV.status == .badRequest, "\(fromCSV.status) \(fromCSV.body.string)")
                #expect(try await DataValueSetTests.storedValues(app).isEmpty)
            }
        }

        @Test("a template upload with 1e307 and 1.7e308 in a ratio's cells is refused by row and indicator; nothing is saved")
        func templateUpload() async throws {
            try await withApp { app in
                let report = try await ReportFixtures.report("MAU-BVDK-A", on: app.db)
                let id = try report.requireID()
                let template = Data(buffer: try await ReportAPI(app: app).call(.GET, "/api/v1/reports/\(id)/template.xlsx", as: .unitReporter).body)
                let res = try await TemplateTests.upload(app, try TemplateTests.filled(template, ["F4": .number(1e307), "G4": .number(1.7e308)]), to: id)
                #expect(res.status == .badRequest, "\(res.body.string)")
                let problems = try res.content.decode(TemplateUpload.Result.self).problems
                #expect(problems.contains { $0.row == 4 && $0.indicator == "CT01" && $0.message.contains("Số không hợp lệ") }, "\(problems)")
                #expect(try await ReportValueRecord.query(on: app.db).count() == 0)
            }
        }

        @Test("a unit plan target of ≥ 1 followed by 307 zeros, or a count above 10^12, is a 400 naming the indicator and year")
        func unitPlan() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                for target in ["≥ 1" + String(repeating: "0", count: 307), "1" + String(repeating: "0", count: 400), "2000000000000"] {
                    let res = try await api.call(.PUT, "/api/v1/unit-plans/MAU-BVDK-A", as: .unitReporter,
                                                 json: #"{"targets":[{"indicator":"CT05","year":2030,"target":"\#(target)"}]}"#)
                    #expect(res.status == .badRequest, "\(target.prefix(20)): \(res.status)")
                    #expect(res.body.string.contains(#"CT05\/2030"#) && res.body.string.contains("quá lớn"), "\(res.body.string)")
                }
                #expect(try await UnitTargetRecord.query(on: app.db).count() == 0)
            }
        }

        @Test("values stored before the domain existed (1e307, 1.7e308) leave every page, answer and document working, shown as invalid")
        func storedOutOfDomain() async throws {
            try await withApp { app in
                // setup: approved reports, then two values rewritten in the database as an old release could have stored them
                _ = try await DashboardPagesTests.world(app)
                let values = try await ReportValueRecord.query(on: app.db).all()
                for value in values where value.indicatorCode == "CT05" { value.amount = 1e307; try await value.save(on: app.db) }
                for value in values where value.indicatorCode == "CT01" { value.numerator = 1.7e308; try await value.save(on: app.db) }
                let report = try #require(try await ReportRecord.query(on: app.db).filter(\.$organisationCode == "MAU-BVDK-A").all()
                    .first { $0.reportState == .approved && $0.approvedAt != nil })
                let id = try report.requireID()
                // act and validate: every reader of stored values answers
                let paths = ["/dashboard?period=2026NovS2", "/dashboard?period=2026NovS2&include=provisional", "/dashboard/indicators/CT05?period=2026NovS2",
                             "/dashboard/indicators/CT01?period=2026NovS2", "/dashboard/units/MAU-BVDK-A?period=2026NovS2",
                             "/api/v1/evaluation?period=2026NovS2", "/api/v1/indicators/CT05/series", "/api/v1/evaluation/report.docx?period=2026NovS2",
                             "/api/v1/evaluation/report.xlsx?period=2026NovS2", "/api/v1/evaluation/report.csv?period=2026NovS2",
                             "/api/v1/dataValueSets?period=2026NovS2", "/api/v1/dataValueSets.csv?period=2026NovS2", "/reports/\(id)",
                             "/api/v1/reports/\(id)", "/reports/\(id)/values/CT05", "/reports/\(id)/template.xlsx", "/summary-report?period=2026NovS2"]
                for path in paths {
                    let res = try await ReportAPI(app: app).call(.GET, path, as: .coordinator)
                    #expect(res.status == .ok, "GET \(path): \(res.status)")
                }
                let page = try await app.get("/reports/\(id)", as: .coordinator).body.string
                #expect(page.contains("Số không hợp lệ"), "the stored value is marked invalid next to its field")
                let evaluation = try await ReportAPI(app: app).call(.GET, "/api/v1/evaluation?period=2026NovS2", as: .coordinator).body.string
                #expect(!evaluation.contains("e+307") && !evaluation.contains("inf"), "an invalid value is never summed")
            }
        }
    }
}
