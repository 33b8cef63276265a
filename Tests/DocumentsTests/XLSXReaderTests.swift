import Foundation
import Planning
import Testing
@testable import Documents

@Suite("Reading uploaded XLSX files")
struct XLSXReaderTests {
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)"))
    }

    /// Both files hold the same cells: A1 "Mã", B1 Vietnamese text, C1 72.5, D1 TRUE, A2 01/06/2026 (dd/mm/yyyy),
    /// B2 46023, C2 =C1*2, D2 =A1&"x", A3 =1/0, a hidden sheet "Ẩn", and the custom property chitieu.organisation.
    @Test("a file written by openpyxl and the same file saved by LibreOffice Calc read the same", arguments: ["written-by-openpyxl.xlsx", "saved-by-libreoffice.xlsx"])
    func realFiles(_ name: String) throws {
        let book = try XLSXReader.read(try Self.fixture(name))
        let sheet = try #require(book.sheet(named: "Báo cáo"))
        #expect(sheet.value(row: 1, column: 1) == .text("Mã"))
        #expect(sheet.value(row: 1, column: 2) == .text("Tỷ lệ hồ sơ bệnh án điện tử"))
        #expect(sheet.value(row: 1, column: 3) == .number(72.5))
        #expect(sheet.value(row: 1, column: 4) == .bool(true))
        #expect(sheet.value(row: 2, column: 1) == .date(Day(2026, 6, 1)))
        #expect(sheet.value(row: 2, column: 2) == .number(46023), "a plain number stays a number")
        #expect(try #require(book.sheet(named: "Ẩn")).isHidden && book.sheets.count == 2)
        #expect(book.customProperties["chitieu.organisation"] == "MAU-BVDK-A")
        if name.contains("libreoffice") {
            #expect(sheet.value(row: 2, column: 3) == .number(145), "a formula's cached value")
            #expect(sheet.value(row: 2, column: 4) == .text("Mãx"), "a formula's cached text")
            #expect(sheet.value(row: 3, column: 1) == .error("#DIV/0!"))
        }
    }

    @Test("what the workbook writer writes, the reader reads back, inline strings too")
    func roundTrip() throws {
        let written = try Workbook(sheets: [Worksheet(name: "A", rows: [[.text("x <&>"), .number(-1.25), Cell(.bool(false)), Cell(.date(Day(2027, 2, 28)))]])],
                                   customProperties: [.init(name: "chitieu.cycle", value: "2026NovS2")]).data()
        let sheet = try #require(try XLSXReader.read(written).sheets.first)
        #expect(sheet.cells == [CellAddress(row: 1, column: 1): .text("x <&>"), CellAddress(row: 1, column: 2): .number(-1.25),
                                CellAddress(row: 1, column: 3): .bool(false), CellAddress(row: 1, column: 4): .date(Day(2027, 2, 28))])
        #expect(try XLSXReader.read(written).customProperties == ["chitieu.cycle": "2026NovS2"])
    }

    @Test("Excel's serial days, with the 1900 leap-year bug", arguments: [(1, Day(1900, 1, 1)), (59, Day(1900, 2, 28)), (61, Day(1900, 3, 1)), (46023, Day(2026, 1, 1))])
    func serials(_ serial: Int, _ day: Day) {
        #expect(ExcelDate.day(serial: Double(serial), date1904: false) == day && (serial < 61 || ExcelDate.serial(day) == serial))
    }

    @Test("date formats are told from number formats", arguments: [("dd/mm/yyyy", true), ("d-mmm-yy", true), ("[$-42A]dd/mm/yyyy", true), ("#,##0.0", false),
                                                                   ("0.0\"d\"", false), ("mm:ss", false), ("General", false)])
    func dateFormats(_ code: String, _ isDate: Bool) {
        #expect(StylesPart.isDateFormat(code) == isDate)
    }

    @Test("bad files are refused with the reason")
    func refused() throws {
        let good = try Self.fixture("saved-by-libreoffice.xlsx")
        #expect(throws: XLSXReadError.notAZip) { try XLSXReader.read(Data("mã,tên\nCT01,x\n".utf8)) }
        #expect(throws: XLSXReadError.notAZip) { try XLSXReader.read(good.prefix(good.count / 2)) }
        #expect(throws: XLSXReadError.encrypted) { try XLSXReader.read(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 100))) }
        #expect(throws: XLSXReadError.tooLarge(bytes: good.count, limit: 1000)) { try XLSXReader.read(good, limits: .init(maxFileBytes: 1000)) }
        #expect(throws: XLSXReadError.tooManyCells(limit: 3)) { try XLSXReader.read(good, limits: .init(maxCells: 3)) }
        let document = try ZipPackage.data([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")])
        #expect(throws: XLSXReadError.notASpreadsheet) { try XLSXReader.read(document) }
    }

    @Test("a zip bomb stops at the inflated limit; a DOCTYPE with entities is refused")
    func hostile() throws {
        let zeros = String(repeating: "0", count: 20_000_000)
        let bomb = try ZipPackage.data([("xl/workbook.xml", "<workbook/>"), ("xl/worksheets/sheet1.xml", zeros)])
        #expect(bomb.count < 200_000, "20 MB of zeros deflate to little")
        #expect(throws: XLSXReadError.zipBomb(part: "xl/worksheets/sheet1.xml")) { try XLSXReader.read(bomb, limits: .init(maxUncompressedBytes: 5_000_000)) }
        let entities = #"<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><workbook><sheets><sheet name="&b;" r:id="rId1"/></sheets></workbook>"#
        let billion = try ZipPackage.data([("xl/workbook.xml", entities)])
        #expect(throws: XLSXReadError.corrupted(part: "xl/workbook.xml")) { try XLSXReader.read(billion) }
    }
}
