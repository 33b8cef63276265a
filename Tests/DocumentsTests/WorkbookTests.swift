import Foundation
import Planning
import Testing
@testable import Documents

@Suite("Writing XLSX workbooks")
struct WorkbookTests {
    static func sample() -> Workbook {
        let input = CellStyle(locked: false, fill: "FFF2CC", border: true, numberFormat: .decimal(places: 1))
        let summary = Worksheet(name: "Tổng hợp", rows: [
            [.text("Mã", style: .header), .text("Chỉ tiêu", style: .header), .text("Kết quả", style: .header), .text("Mức", style: .header)],
            [.text("CT01"), .text("Tỷ lệ hồ sơ bệnh án điện tử <&\"> "), .number(72.5, style: input), Cell(.text("Mức 1"), style: CellStyle(locked: false))],
            [.text("CT01"), Cell(.bool(true)), Cell(.date(Day(2026, 6, 1))), .number(.nan)],
        ], columnWidths: [8, 60, 12], frozenRows: 1, frozenColumns: 1, isProtected: true,
           validations: [ListValidation(range: "D2:D3", options: ["Mức 1", "Mức 2"], errorMessage: "Chọn một mức trong danh sách"),
                         ListValidation(range: "E2", options: (1...40).map { "Mức rất dài số \($0), có dấu phẩy" })],
           merges: ["A5:D5"])
        let hidden = Worksheet(name: "Thông tin", rows: [[.text("chitieu.cycle"), .text("2026NovS1")]], isHidden: true)
        return Workbook(sheets: [summary, hidden], customProperties: [.init(name: "chitieu.organisation", value: "MAU-BVDK-A")])
    }

    @Test("the package has its parts, every part is well-formed XML, and the custom properties are there")
    func parts() throws {
        let package = try PackageReading(try Self.sample().data())
        for path in ["[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "docProps/custom.xml", "xl/workbook.xml",
                     "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
            _ = try package.part(path)
        }
        #expect(package.allWellFormed() == [])
        #expect(try package.part("docProps/custom.xml").contains(#"name="chitieu.organisation"><vt:lpwstr>MAU-BVDK-A</vt:lpwstr>"#))
        #expect(try package.part("[Content_Types].xml").contains("/docProps/custom.xml"))
    }

    @Test("texts are shared once and escaped; Vietnamese and trailing spaces are kept; NaN is an empty cell")
    func strings() throws {
        let package = try PackageReading(try Self.sample().data())
        let strings = try package.part("xl/sharedStrings.xml")
        #expect(strings.contains(#"<t xml:space="preserve">Tỷ lệ hồ sơ bệnh án điện tử &lt;&amp;&quot;&gt; </t>"#))
        #expect(strings.components(separatedBy: ">CT01<").count == 2, "CT01 is stored once")
        let sheet = try package.part("xl/worksheets/sheet1.xml")
        #expect(!sheet.contains("nan") && !sheet.contains("inf"))
        #expect(sheet.contains(#"<c r="B3" t="b"><v>1</v></c>"#))
        #expect(sheet.contains(#"<v>46174</v>"#), "01/06/2026 is serial 46174")
    }

    @Test("frozen header, widths, protection with unlocked input cells, merges and drop-down lists in schema order")
    func sheetFeatures() throws {
        let package = try PackageReading(try Self.sample().data())
        let sheet = try package.part("xl/worksheets/sheet1.xml")
        #expect(sheet.contains(#"<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>"#))
        #expect(sheet.contains(#"<col min="2" max="2" width="60" customWidth="1"/>"#))
        #expect(sheet.contains(#"<sheetProtection sheet="1""#))
        #expect(sheet.contains(#"<formula1>&quot;Mức 1,Mức 2&quot;</formula1>"#) && sheet.contains(#"error="Chọn một mức trong danh sách""#))
        #expect(sheet.contains("<formula1>DanhSach!$A$1:$A$40</formula1>"), "a long list with commas goes to a hidden sheet")
        let order = ["<sheetViews>", "<cols>", "<sheetData>", "<sheetProtection", "<mergeCells", "<dataValidations", "<pageMargins"]
        let positions = try order.map { try #require(sheet.range(of: $0), "\($0)").lowerBound }
        #expect(positions == positions.sorted())
        let styles = try package.part("xl/styles.xml")
        #expect(styles.contains(#"<protection locked="0"/>"#) && styles.contains(##"formatCode="#,##0.0""##) && styles.contains(#"formatCode="dd/mm/yyyy""#))
        let workbook = try package.part("xl/workbook.xml")
        #expect(workbook.contains(#"<sheet name="Thông tin" sheetId="2" state="hidden""#) && workbook.contains(#"<sheet name="DanhSach" sheetId="3" state="hidden""#))
    }

    @Test("column names", arguments: [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")])
    func columns(_ index: Int, _ name: String) {
        #expect(CellReference.column(index) == name)
    }

    @Test("bad sheet names and a workbook with nothing to show are refused")
    func errors() {
        #expect(throws: WorkbookError.noSheets) { try Workbook(sheets: []).data() }
        #expect(throws: WorkbookError.noVisibleSheet) { try Workbook(sheets: [Worksheet(name: "A", isHidden: true)]).data() }
        for name in ["", "a/b", "[x]", String(repeating: "x", count: 32)] {
            #expect(throws: WorkbookError.invalidSheetName(name)) { try Workbook(sheets: [Worksheet(name: name)]).data() }
        }
        #expect(throws: WorkbookError.duplicateSheetName("tổng hợp")) { try Workbook(sheets: [Worksheet(name: "Tổng hợp"), Worksheet(name: "tổng hợp")]).data() }
        #expect(throws: WorkbookError.invalidReference("D2;D3")) {
            try Workbook(sheets: [Worksheet(name: "A", validations: [ListValidation(range: "D2;D3", options: ["x"])])]).data()
        }
    }
}

@Suite("Writing CSV files")
struct CSVWriterTests {
    @Test("UTF-8 with a BOM by default, CRLF, quoting only where needed; the reader reads back what was written")
    func roundTrip() throws {
        let rows = [["Mã", "Tên, viết tắt", "Ghi chú"], ["CT01", "Tỷ lệ \"điện tử\"", "dòng 1\ndòng 2"], ["CT02", "", "72.5"]]
        let data = CSVWriter.data(rows)
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("Mã,\"Tên, viết tắt\",Ghi chú\r\nCT01,\"Tỷ lệ \"\"điện tử\"\"\",\"dòng 1\ndòng 2\"\r\n"))
        #expect(try CSVReader.rows(data).map(\.fields) == rows)
    }

    @Test("semicolons, and no BOM when asked")
    func semicolon() throws {
        let data = CSVWriter.data([["a;b", "72,5"]], separator: ";", byteOrderMark: false)
        #expect(String(decoding: data, as: UTF8.self) == "\"a;b\";72,5\r\n")
    }
}
