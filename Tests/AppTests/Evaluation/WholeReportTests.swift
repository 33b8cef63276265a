import Documents
import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("The whole report: coverage, tasks, funding, levels, narratives") struct WholeReportTests {
        /// The funding world (A's task NV01, amounts of A and B in 2026NovS2), A and B's approved reports with the same
        /// difficulty, and A's update of its task.
        static func world(_ app: Application) async throws {
            let (task, cycle) = try await FundingTests.enter(app)
            try await EvaluationAPITests.report("MAU-BVDK-A", in: cycle, .approved, ratio: (40, 50), amount: 2, on: app.db)
            try await EvaluationAPITests.report("MAU-BVDK-B", in: cycle, .approved, ratio: (30, 50), amount: 1, on: app.db)
            for (code, text) in [("MAU-BVDK-A", "- Thiếu nhân lực công nghệ thông tin.\n- Máy chủ cũ"), ("MAU-BVDK-B", "Thiếu nhân lực công nghệ thông tin")] {
                let report = try #require(try await ReportRecord.query(on: app.db).filter(\.$organisationCode == code).first())
                report.difficulties = text
                try await report.save(on: app.db)
            }
            let update = try await TaskFixture.send(app, .POST, "/api/v1/tasks/\(try task.requireID())/updates", as: .unitReporter,
                                                    json: #"{"status":"inProgress","progress":40}"#)
            #expect(update.status == .ok || update.status == .created)
        }

        @Test("the DOCX has coverage, provisional verdicts, the tasks and the funding; the narratives are summarised by point")
        func docx() async throws {
            try await withApp { app in
                // setup
                try await Self.world(app)
                // act
                let docx = try await SummaryDocumentTests.download(app, "/api/v1/evaluation/report.docx?period=2026NovS2")
                let page = try await app.get("/summary-report?period=2026NovS2", as: .coordinator).body.string
                // validate
                #expect(docx.status == .ok)
                let document = String(decoding: try #require(try ZipPackage.parts(of: Data(buffer: docx.body))["word/document.xml"]), as: UTF8.self)
                let expected = try await OrganisationRecord.query(on: app.db).filter(\.$isActive == true).all().filter { $0.kind != "department" }.count
                #expect(document.contains(">Đơn vị báo cáo<") && document.contains(">2/\(expected)<"), "the coverage of CT01")
                #expect(document.contains("(Chưa đủ số liệu: 2/\(expected) đơn vị)"), "a verdict with 2 units of \(expected) is provisional")
                #expect(document.contains("chưa đủ số liệu để kết luận"))
                #expect(document.contains(">4. Kết quả thực hiện các nhiệm vụ (Phụ lục II)<") && document.contains(">Nhiệm vụ NV01<"))
                #expect(document.contains("Tổng số 1 nhiệm vụ: 0 chưa bắt đầu; 1 đang thực hiện") && document.contains(">40 %<"))
                #expect(document.contains(">5. Kinh phí thực hiện (mục III của Kế hoạch)<"))
                #expect(document.contains("kế hoạch 2.010.000.107 đồng, đã chi 470.000.103 đồng"), "the sector's funding of the period")
                #expect(document.contains(">1.700.000.100<") && document.contains(">Ngân sách nhà nước<"))
                #expect(page.contains("- 2 đơn vị nêu: thiếu nhân lực công nghệ thông tin (Bệnh viện") && page.contains(": Máy chủ cũ."),
                        "the prefilled shortcomings summarise the shared point once")
            }
        }

        @Test("CSV tables: indicators with coverage, tasks, funding; the XLSX has a sheet for each; a wrong table is a 400")
        func tables() async throws {
            try await withApp { app in
                // setup
                try await Self.world(app)
                // act
                let indicators = try SummaryDocumentTests.csv(try await SummaryDocumentTests.download(app, "/api/v1/evaluation/report.csv?period=2026NovS2"))
                let tasks = try await SummaryDocumentTests.download(app, "/api/v1/evaluation/report.csv?period=2026NovS2&table=tasks")
                let funding = try await SummaryDocumentTests.download(app, "/api/v1/evaluation/report.csv?period=2026NovS2&table=funding")
                let xlsx = try await SummaryDocumentTests.download(app, "/api/v1/evaluation/report.xlsx?period=2026NovS2")
                let wrong = try await SummaryDocumentTests.download(app, "/api/v1/evaluation/report.csv?table=units")
                // validate
                #expect(indicators["CT01"]?["Đơn vị báo cáo"] == "2" && indicators["CT01"]?["Chưa đủ số liệu"]?.hasPrefix("Chưa đủ số liệu: 2/") == true)
                #expect(indicators["CT05"]?["Đánh giá"] == "Chưa có số liệu" || indicators["CT05"]?["Đánh giá so với"] == "Theo chỉ tiêu của ngành")
                let taskRows = try CSVReader.rows(Data(buffer: tasks.body)).map(\.fields)
                #expect(taskRows.first == SummaryWorkbook.taskHeader && taskRows.count == 2)
                #expect(taskRows.last?[0] == "NV01" && taskRows.last?[3] == "Đang thực hiện" && taskRows.last?[4] == "40")
                #expect(tasks.headers.first(name: .contentDisposition)?.contains("bao-cao-chi-tieu-2026NovS2.tasks.csv") == true)
                let fundingRows = try CSVReader.rows(Data(buffer: funding.body)).map(\.fields)
                #expect(fundingRows.contains(["", "Tổng", "Ngân sách nhà nước", "1700000100", "470000100"]))
                #expect(fundingRows.contains { $0.first == "MAU-BVDK-B" && $0[2] == "Quỹ đầu tư phát triển sự nghiệp" && $0[3] == "7" })
                let workbook = try ZipPackage.parts(of: Data(buffer: xlsx.body))
                let sheets = String(decoding: try #require(workbook["xl/workbook.xml"]), as: UTF8.self)
                #expect(sheets.contains(#"name="Nhiệm vụ""#) && sheets.contains(#"name="Kinh phí""#))
                #expect(wrong.status == .badRequest && wrong.body.string.contains("table"))
            }
        }

        @Test("a second half opening with many units silent: the API names the first 20 and counts them all, the page says how many more, the kept sums agree")
        func manyCarried() async throws {
            try await withApp { app in
                // setup: 25 more district centres; all report S1, only A reports S2
                for n in 1...25 {
                    let unit = OrganisationRecord()
                    unit.code = String(format: "TEST-TTYT-%02d", n); unit.name = "Trung tâm y tế mẫu \(n)"
                    unit.kind = OrganisationKind.districtHealthCentre.rawValue
                    unit.isMedical = true; unit.isDemo = true; unit.isActive = true; unit.spellings = []
                    try await unit.create(on: app.db)
                }
                let s1 = try await ReportFixtures.cycle(.closed, period: "2026NovS1", on: app.db)
                let s2 = try await ReportFixtures.cycle(.open, period: "2026NovS2", on: app.db)
                let units = (1...25).map { String(format: "TEST-TTYT-%02d", $0) }
                for code in units { try await EvaluationAPITests.report(code, in: s1, .approved, ratio: (10, 50), amount: 1, on: app.db) }
                try await EvaluationAPITests.report(units[0], in: s2, .approved, ratio: (40, 50), amount: 2, on: app.db)
                // act
                let answer = try await ReportAPI(app: app).call(.GET, "/api/v1/evaluation?period=2026NovS2&kind=districtHealthCentre", as: .coordinator)
                let page = try await app.get("/dashboard/indicators/CT01?period=2026NovS2&kind=districtHealthCentre", as: .coordinator)
                let (_, differences) = try await PeriodSums.verify(on: app.db)
                // validate
                #expect(answer.status == .ok, "\(answer.body.string)")
                let rows = try JSONSerialization.jsonObject(with: Data(buffer: answer.body)) as? [[String: Any]] ?? []
                let ct01 = try #require(rows.first { $0["code"] as? String == "CT01" })
                let coverage = try #require(ct01["coverage"] as? [String: Any])
                let named = coverage["carriedForward"] as? [String] ?? []
                #expect(coverage["carriedForwardCount"] as? Int == 24)
                #expect(named.count == 20 && Set(named).isSubset(of: Set(units.dropFirst())))
                #expect(page.status == .ok)
                #expect(page.body.string.contains("và 4 đơn vị khác"), "the page counts the carried units it does not name")
                #expect(differences.isEmpty, "\(differences)")
            }
        }

        @Test("the evaluation API carries coverage, the provisional mark, carried-forward units and whose targets apply")
        func api() async throws {
            try await withApp { app in
                // setup: A reports CT01 in both halves, B only in the first: B is carried into the second
                let s1 = try await ReportFixtures.cycle(.closed, period: "2026NovS1", on: app.db)
                let s2 = try await ReportFixtures.cycle(.open, period: "2026NovS2", on: app.db)
                try await EvaluationAPITests.report("MAU-BVDK-A", in: s1, .approved, ratio: (10, 50), amount: 1, on: app.db)
                try await EvaluationAPITests.report("MAU-BVDK-B", in: s1, .approved, ratio: (20, 50), amount: 1, on: app.db)
                try await EvaluationAPITests.report("MAU-BVDK-A", in: s2, .approved, ratio: (40, 50), amount: 2, on: app.db)
                // act
                let sector = try await ReportAPI(app: app).call(.GET, "/api/v1/evaluation?period=2026NovS2", as: .coordinator)
                let unit = try await ReportAPI(app: app).call(.GET, "/api/v1/evaluation?period=2026NovS2&org=MAU-BVDK-A", as: .coordinator)
                // validate
                let rows = try JSONSerialization.jsonObject(with: Data(buffer: sector.body)) as? [[String: Any]] ?? []
                let ct01 = try #require(rows.first { $0["code"] as? String == "CT01" })
                let coverage = try #require(ct01["coverage"] as? [String: Any])
                #expect(coverage["reported"] as? Int == 1 && coverage["carriedForward"] as? [String] == ["MAU-BVDK-B"])
                #expect(ct01["numerator"] as? Double == 60 && ct01["provisional"] as? Bool == true && ct01["targetSource"] as? String == "sector")
                let own = try JSONSerialization.jsonObject(with: Data(buffer: unit.body)) as? [[String: Any]] ?? []
                let ct05 = try #require(own.first { $0["code"] as? String == "CT05" })
                #expect(ct05["status"] as? String == "sectorTotal" && ct05["targetSource"] as? String == "sectorTotal" && ct05["value"] as? Double == 3)
            }
        }
    }
}
