import Foundation
import Planning
import Testing
@testable import Documents

/// The uploads that used to kill the process or pin a core, each kept as a test: now a value or a typed error, fast.
@Suite("Crafted XLSX files that once trapped or spun")
struct XLSXRegressionTests {
    static func read(_ sheetData: String, strings: [String] = ["x"]) throws(XLSXReadError) -> ReadSheet? {
        let data: Data
        do { data = try HostileWorkbook.data(sheetData, strings: strings) } catch { return nil }
        return try XLSXReader.read(data).sheets.first
    }

    @Test("a date-formatted cell holding a huge, negative, infinite or NaN serial is a number or #NUM!, never a date",
          arguments: [("1e300", ReadValue.number(1e300)), ("-1", .number(-1)), ("2958466", .number(2_958_466)), ("nan", .error("#NUM!")),
                      ("inf", .error("#NUM!")), ("-inf", .error("#NUM!")), ("1e400", .error("#NUM!")), ("2958465", .date(Day(9999, 12, 31)))])
    func hugeDates(_ serial: String, _ expected: ReadValue) throws {
        let sheet = try #require(try Self.read(#"<row r="1"><c r="A1" s="1"><v>\#(serial)</v></c></row>"#))
        #expect(sheet.value(row: 1, column: 1) == expected)
    }

    @Test("a cell reference with a column past XFD or a row past 1 048 576 is refused, naming the sheet and the reference",
          arguments: ["AAAAAAAAAAAAAAA4", "A999999999999999999", "XFE1", "A1048577", "A0", "4", "A", "A-1", "Ａ1", "A1.5", "$A$1"])
    func references(_ reference: String) {
        let start = ContinuousClock.now
        #expect(throws: XLSXReadError.invalidReference(sheet: "Báo cáo", reference: reference)) {
            try Self.read(#"<row r="1"><c r="\#(reference)" t="s"><v>0</v></c></row>"#)
        }
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test("the last cell of Excel's grid is read")
    func lastCell() throws {
        let sheet = try #require(try Self.read(#"<row r="1048576"><c r="XFD1048576" t="s"><v>0</v></c></row>"#))
        #expect(sheet.value(row: 1_048_576, column: 16_384) == .text("x") && sheet.rows(withValueIn: 16_384) == [1_048_576])
    }

    @Test("a row numbered 9223372036854775807 and then a row without a number are refused, not overflowed")
    func rowOverflow() {
        #expect(throws: XLSXReadError.invalidReference(sheet: "Báo cáo", reference: "9223372036854775807")) {
            try Self.read(#"<row r="9223372036854775807"><c t="s"><v>0</v></c></row><row><c t="s"><v>0</v></c></row>"#)
        }
        #expect(throws: XLSXReadError.invalidReference(sheet: "Báo cáo", reference: "1048577")) {
            try Self.read(#"<row r="1048576"><c t="s"><v>0</v></c></row><row><c t="s"><v>0</v></c></row>"#)
        }
    }

    @Test("a cell without a reference after XFD is refused")
    func columnOverflow() {
        #expect(throws: XLSXReadError.invalidReference(sheet: "Báo cáo", reference: "XFE1")) {
            try Self.read(#"<row r="1"><c r="XFD1" t="s"><v>0</v></c><c t="s"><v>0</v></c></row>"#)
        }
    }

    @Test("a style index outside the file's cell formats is refused", arguments: ["-1", "2", "9223372036854775807", "x", ""])
    func styleIndex(_ index: String) {
        #expect(throws: XLSXReadError.invalidIndex(sheet: "Báo cáo", reference: "B2", table: .cellFormats)) {
            try Self.read(#"<row r="2"><c r="B2" s="\#(index)"><v>1</v></c></row>"#)
        }
    }

    @Test("a shared-string index outside the file's strings is refused", arguments: ["-1", "1", "9223372036854775808", "x"])
    func sharedStringIndex(_ index: String) {
        #expect(throws: XLSXReadError.invalidIndex(sheet: "Báo cáo", reference: "C3", table: .sharedStrings)) {
            try Self.read(#"<row r="3"><c r="C3" t="s"><v>\#(index)</v></c></row>"#)
        }
    }

    @Test("one far cell makes one row to look at, not a million")
    func farCell() throws {
        let sheet = try #require(try Self.read(#"<row r="1048576"><c r="A1048576" t="s"><v>0</v></c></row>"#))
        #expect(sheet.rows(withValueIn: 1) == [1_048_576] && sheet.rows(withValueIn: 2).isEmpty)
    }

    @Test("a read stops at its time budget")
    func deadline() throws {
        let data = try HostileWorkbook.data(#"<row r="1"><c r="A1"><v>1</v></c></row>"#)
        #expect(throws: XLSXReadError.tooSlow(seconds: 0)) { try XLSXReader.read(data, limits: .init(maxDuration: .zero)) }
        let rows = (1...20_000).map { #"<row r="\#($0)"><c r="A\#($0)"><v>\#($0)</v></c></row>"# }.joined()
        let big = try HostileWorkbook.data(rows)
        let start = ContinuousClock.now
        #expect(throws: XLSXReadError.tooSlow(seconds: 0)) { try XLSXReader.read(big, limits: .init(maxDuration: .milliseconds(1))) }
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(try XLSXReader.read(big).sheets.first?.cells.count == 20_000)
    }

    @Test("Excel's serial days stop at 31/12/9999 and refuse NaN, infinities and negatives",
          arguments: [(Double.nan, nil as Day?), (.infinity, nil), (-.infinity, nil), (-1, nil), (1e300, nil), (2_958_466, nil),
                      (2_958_465.99, Day(9999, 12, 31)), (0, Day(1899, 12, 31)), (61.5, Day(1900, 3, 1))])
    func serials(_ serial: Double, _ day: Day?) {
        #expect(ExcelDate.day(serial: serial, date1904: false) == day)
    }

    @Test("in the 1904 system the last day is also 31/12/9999")
    func serials1904() {
        #expect(ExcelDate.day(serial: Double(ExcelDate.lastSerial - 1_462), date1904: true) == Day(9999, 12, 31))
        #expect(ExcelDate.day(serial: Double(ExcelDate.lastSerial - 1_461), date1904: true) == nil)
    }
}
