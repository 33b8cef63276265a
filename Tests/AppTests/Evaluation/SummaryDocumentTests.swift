import Documents
import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Report to the People's Committee: the documents") struct SummaryDocumentTests {
        static func download(_ app: Application, _ path: String, as role: Role = .coordinator) async throws -> TestingHTTPResponse {
            try await ReportAPI(app: app).call(.GET, path, as: role)
        }

        static func csv(_ response: TestingHTTPResponse) throws -> [String: [String: String]] {
            let rows = try CSVReader.rows(Data(buffer: response.body)).map(\.fields)
            let header = try #require(rows.first)
            return Dictionary(uniqueKeysWithValues: rows.dropFirst().map { row in (row[0], Dictionary(uniqueKeysWithValues: zip(header, row))) })
        }

        @Test("DOCX, XLSX and CSV carry the evaluation's figures and words, and the coordinator's text")
        func figures() async throws {
            try await withApp { app in
                // setup
                _ = try await DashboardPagesTests.world(app)
                let text = #"{"number":"125","date":"05/12/2026","results":"","shortcomings":"- Còn chậm tiến độ","proposals":"Tăng đầu tư","signerMandate":"KT. GIÁM ĐỐC","signerTitle":"PHÓ GIÁM ĐỐC","signerName":"Cán bộ ký (mẫu)","recipients":"- UBND tỉnh;\n- Lưu: VT."}"#
                #expect(try await ReportAPI(app: app).call(.PUT, "/api/v1/evaluation/report?period=2026NovS2", as: .coordinator, json: text).status == .ok)
                // act
                let docx = try await Self.download(app, "/api/v1/evaluation/report.docx?period=2026NovS2")
                let xlsx = try await Self.download(app, "/api/v1/evaluation/report.xlsx?period=2026NovS2")
                let csv = try await Self.download(app, "/api/v1/evaluation/report.csv?period=2026NovS2")
                let semicolon = try await Self.download(app, "/api/v1/evaluation/report.csv?period=2026NovS2&include=provisional&separator=semicolon")
                // validate
                #expect(docx.status == .ok && docx.headers.contentType?.serialize().contains("wordprocessingml") == true)
                #expect(docx.headers.first(name: .contentDisposition) == #"attachment; filename="bao-cao-chi-tieu-2026NovS2.docx""#)
                let document = String(decoding: try #require(try ZipPackage.parts(of: Data(buffer: docx.body))["word/document.xml"]), as: UTF8.self)
                #expect(document.contains(">Số: 125/BC-SYT<") && document.contains(">Ninh Bình, ngày 05 tháng 12 năm 2026<"))
                #expect(document.contains(">- Còn chậm tiến độ<") && document.contains(">Tăng đầu tư<") && document.contains(">Cán bộ ký (mẫu)<"))
                #expect(document.contains(">70 %<") && document.contains(">Chậm so với lộ trình (-30 điểm %)<"), "CT01: 70/100 against ≥ 100")
                let workbook = try ZipPackage.parts(of: Data(buffer: xlsx.body))
                #expect(xlsx.status == .ok && workbook["xl/worksheets/sheet1.xml"] != nil && workbook["xl/worksheets/sheet3.xml"] != nil)
                let strings = String(decoding: try #require(workbook["xl/sharedStrings.xml"]), as: UTF8.self)
                #expect(strings.contains(">Chậm so với lộ trình<") && strings.contains(">MAU-BVDK-A<"))
                #expect(String(decoding: try #require(workbook["docProps/custom.xml"]), as: UTF8.self).contains("2026NovS2"))
                let summary = try Self.csv(csv)
                #expect(Data(buffer: csv.body).starts(with: [0xEF, 0xBB, 0xBF]))
                #expect(summary["CT01"]?["Kết quả (số)"] == "70" && summary["CT01"]?["Tử số"] == "70" && summary["CT01"]?["Mẫu số"] == "100")
                #expect(summary["CT01"]?["Đánh giá"] == "Chậm so với lộ trình" && summary["CT01"]?["Đơn vị báo cáo"] == "2")
                #expect(summary["CT05"]?["Kết quả (số)"] == "4" && summary.count == 37)
                let provisional = try Self.csv(semicolon)
                #expect(provisional["CT01"]?["Kết quả (số)"] == "80" && provisional["CT01"]?["Kết quả"] == "80 %")
            }
        }

        @Test("a period with no data gives documents that say so; a bad period is a 400; a unit reporter cannot download")
        func empty() async throws {
            try await withApp { app in
                let csv = try await Self.download(app, "/api/v1/evaluation/report.csv?period=2031NovS1")
                let rows = try Self.csv(csv)
                #expect(rows.count == 37 && rows.values.allSatisfy { ["Chưa có số liệu", "Chưa có số liệu gốc"].contains($0["Đánh giá"] ?? "") })
                #expect(rows.values.allSatisfy { $0["Kết quả (số)"] == "" && $0["Kết quả"] == "—" })
                #expect(rows["CT33"]?["Đánh giá"] == "Chưa có số liệu gốc" && rows["CT33"]?["Chỉ tiêu của kỳ"] == "Mốc 2045: Đạt chuẩn tiên tiến",
                        "awaiting a baseline, the period shows the milestone the line will run to")
                let docx = try await Self.download(app, "/api/v1/evaluation/report.docx?period=2031NovS1")
                let document = String(decoding: try #require(try ZipPackage.parts(of: Data(buffer: docx.body))["word/document.xml"]), as: UTF8.self)
                #expect(document.contains(">Chưa mở đợt báo cáo cho kỳ này.<") && !document.contains("NaN"))
                #expect(try await Self.download(app, "/api/v1/evaluation/report.xlsx?period=2031NovS1").status == .ok)
                #expect(try await Self.download(app, "/api/v1/evaluation/report.docx?period=2031S1").status == .badRequest)
                #expect(try await Self.download(app, "/api/v1/evaluation/report.xlsx?lead=KHONG", as: .leadership).status == .badRequest)
                #expect(try await Self.download(app, "/api/v1/evaluation/report.csv", as: .unitReporter).status == .forbidden)
                for query in ["separator=null", "separator=comma&separator=semicolon", "separator=tab"] {
                    let refused = try await Self.download(app, "/api/v1/evaluation/report.csv?\(query)")
                    #expect(refused.status == .badRequest && refused.body.string.contains("separator"), "\(query)")
                }
                #expect(try await Self.download(app, "/api/v1/evaluation/report.csv?separator=").status == .ok, "empty is the default")
            }
        }
    }
}
