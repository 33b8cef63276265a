import Foundation
import Testing
@testable import Documents

@Suite("Formula injection in CSV and XLSX output")
struct FormulaGuardTests {
    @Test("text a spreadsheet would evaluate gets a quote in CSV; numbers and plain text do not",
          arguments: [("=1+1", "'=1+1"), ("+84 912", "'+84 912"), ("-5 ngày", "'-5 ngày"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
                      ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("'=x", "''=x"), ("''-x", "'''-x"),
                      ("-12", "-12"), ("-3,5", "-3,5"), ("+1.5e-3", "+1.5e-3"), ("-40%", "-40%"), ("-1+1", "'-1+1"), ("-", "'-"), ("-e5", "'-e5"),
                      ("Bệnh viện", "Bệnh viện"), ("'tên", "'tên"), ("", ""), ("a=b", "a=b"), (" =1", " =1")])
    func neutralised(_ text: String, _ written: String) {
        #expect(FormulaGuard.neutralised(text) == written)
        #expect(FormulaGuard.restored(written) == text)
    }

    @Test("the CSV writer quotes as RFC 4180 and guards formulas; a negative number stays a bare number")
    func csvBytes() {
        let data = CSVWriter.data([["mã", "giá trị", "ghi chú"], ["CT05", "-3", "=cmd|' /C calc'!A0"], ["CT01.NUM", "-2.5", "\rx"]], byteOrderMark: false)
        #expect(String(decoding: data, as: UTF8.self) == "mã,giá trị,ghi chú\r\nCT05,-3,'=cmd|' /C calc'!A0\r\nCT01.NUM,-2.5,\"'\rx\"\r\n")
        let semicolons = CSVWriter.data([["a", "b"], ["-1,5", "@x"]], separator: ";", byteOrderMark: false)
        #expect(String(decoding: semicolons, as: UTF8.self) == "a;b\r\n-1,5;'@x\r\n")
    }

    @Test("a comma file quotes semicolons, so the reader still finds the commas")
    func semicolonsInCommaFile() throws {
        let rows = [["a;b;c", "d"], ["e", "f;g"]]
        #expect(try CSVReader.rows(CSVWriter.data(rows)).map(\.fields) == rows)
    }

    @Test("a combining mark after a comma or a quote does not hide it from the reader")
    func combiningMarks() throws {
        let rows = [["a", "\u{301}b", "\"\u{301}c"], ["x", "y", "z"]]
        #expect(try CSVReader.rows(CSVWriter.data(rows)).map(\.fields) == rows)
    }

    @Test("XLSX: formula-like text is a shared string with the quote-prefix format, its value unchanged; no cell holds a formula")
    func workbook() throws {
        let data = try Workbook(sheets: [Worksheet(name: "A", rows: [[.text("=1+1"), .text("-5 ngày"), .number(-5), .text("bình thường")]])]).data()
        let parts = try PackageReading(data)
        let sheet = try parts.part("xl/worksheets/sheet1.xml")
        let styles = try parts.part("xl/styles.xml")
        #expect(!sheet.contains("<f>") && !sheet.contains("<f "))
        #expect(sheet.contains(#"<c r="A1" s="1" t="s">"#) && sheet.contains(#"<c r="B1" s="1" t="s">"#) && sheet.contains(#"<c r="C1"><v>-5</v>"#))
        #expect(sheet.contains(#"<c r="D1" t="s">"#))
        #expect(styles.contains(#"quotePrefix="1""#) && styles.contains(#"<cellXfs count="2">"#))
        let read = try #require(try XLSXReader.read(data).sheets.first)
        #expect(read.value(row: 1, column: 1) == .text("=1+1") && read.value(row: 1, column: 2) == .text("-5 ngày") && read.value(row: 1, column: 3) == .number(-5))
    }
}
