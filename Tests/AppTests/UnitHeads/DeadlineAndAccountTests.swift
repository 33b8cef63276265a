import Documents
import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Due days and unit-head accounts") struct DeadlineAndAccountTests {
        @Test("a report is on time until its due day begins in Việt Nam: due tomorrow is on time, due today already late",
              arguments: [(1, false), (0, true)])
        func dueBefore(daysAhead: Int, late: Bool) async throws {
            try await withApp { app in
                // setup
                let api = ReportAPI(app: app)
                let (id, report) = try await ReportTests.draft(app, due: Day(Date()).adding(days: daysAhead))
                // act
                let sent = try await api.save(id, version: 1, values: ReportAPI.allValues(try await api.report(id)), submit: true)
                // validate
                #expect(sent.status == .ok)
                #expect(try await api.report(id).report.late == late)
                let cycle = try await api.call(.GET, "/api/v1/cycles/\(report.$cycle.id)", as: .coordinator).content.decode(CycleDTO.self)
                #expect(cycle.statistics.late == (late ? 1 : 0))
            }
        }

        @Test("every page that shows a due day says 'Hạn nộp: trước ngày …' ('Due: before …' in English)")
        func dueWording() async throws {
            try await withApp { app in
                // setup
                let cycle = try await ReportFixtures.cycle(.open, period: "2026NovS1", on: app.db)
                let report = ReportRecord(cycleID: try cycle.requireID(), organisationCode: "MAU-BVDK-A")
                try await report.create(on: app.db)
                let id = try report.requireID(), cycleID = try cycle.requireID()
                // act
                let cyclePage = try await app.get("/cycles/\(cycleID)", as: .coordinator).body.string
                let cycles = try await app.get("/cycles", as: .coordinator).body.string
                let reportPage = try await app.get("/reports/\(id)", as: .unitReporter).body.string
                let reports = try await app.get("/reports", as: .unitReporter).body.string
                let followUp = try await app.get("/cycles/\(cycleID)/follow-up", as: .coordinator).body.string
                let english = try await app.get("/reports/\(id)?lang=en", as: .unitReporter).body.string
                // validate
                #expect(cyclePage.contains("<dd>trước ngày 01/06/2026</dd>"))
                #expect(cycles.contains("trước ngày 01/06/2026") && reports.contains("trước ngày 01/06/2026"))
                #expect(reportPage.contains("Hạn nộp: trước ngày 01/06/2026"))
                #expect(followUp.contains("Hạn nộp: trước ngày 01/06/2026"))
                #expect(english.contains("Due: before 01/06/2026"))
            }
        }

        @Test("the report to the People's Committee says the due day the same way (DOCX text, XLSX reporting sheet)")
        func dueInDocuments() async throws {
            try await withApp { app in
                // setup
                _ = try await ReportFixtures.cycle(.open, period: "2026NovS1", on: app.db)
                // act
                let docx = try await SummaryDocumentTests.download(app, "/api/v1/evaluation/report.docx?period=2026NovS1")
                let xlsx = try await SummaryDocumentTests.download(app, "/api/v1/evaluation/report.xlsx?period=2026NovS1")
                // validate
                let document = String(decoding: try #require(try ZipPackage.parts(of: Data(buffer: docx.body))["word/document.xml"]), as: UTF8.self)
                #expect(document.contains(">Hạn nộp: trước ngày 01/06/2026. Có 0/0 cơ quan, đơn vị gửi báo cáo"))
                let strings = String(decoding: try #require(try ZipPackage.parts(of: Data(buffer: xlsx.body))["xl/sharedStrings.xml"]), as: UTF8.self)
                #expect(strings.contains(">Hạn nộp<") && strings.contains(">trước ngày 01/06/2026<"))
            }
        }

        @Test("the administrator creates a unit head for a unit or office, never for the Department", arguments: [
            ("MAU-BVDK-A", true), ("BHYT", true), ("SYT", false),
        ])
        func createHead(organisation: String, allowed: Bool) async throws {
            try await withApp { app in
                // setup
                let api = ReportAPI(app: app)
                // act
                let res = try await api.call(.POST, "/api/v1/users", as: .admin,
                                             json: #"{"email":"thutruong@\#(organisation.lowercased()).vn","name":"Thủ trưởng","role":"unitHead","organisation":"\#(organisation)"}"#)
                // validate
                if allowed {
                    #expect(res.status == .ok || res.status == .created, "\(res.body.string)")
                    #expect(try await UserRecord.query(on: app.db).filter(\.$role == "unitHead").filter(\.$organisationCode == organisation).count() == 1)
                } else {
                    #expect(res.status == .badRequest && res.body.string.contains("thủ trưởng đơn vị"), "\(res.body.string)")
                    #expect(try await UserRecord.query(on: app.db).filter(\.$role == "unitHead").count() == 0)
                }
            }
        }

        @Test("the admin's user form offers the unit head role")
        func rolesOffered() async throws {
            try await withApp { app in
                let page = try await app.get("/admin/users", as: .admin).body.string
                #expect(page.contains(#"value="unitHead""#) && page.contains("Thủ trưởng đơn vị"))
            }
        }
    }
}
