import Foundation
@testable import Documents

/// The smallest package the reader takes, around a `<sheetData>` written by hand: sheet "Báo cáo", shared strings
/// `strings`, and two cell formats (0 general, 1 a date, dd/mm/yyyy).
enum HostileWorkbook {
    static func data(_ sheetData: String, strings: [String] = ["x"], date1904: Bool = false) throws -> Data {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        return try ZipPackage.data([
            ("xl/workbook.xml", #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)"><workbookPr date1904="\#(date1904 ? 1 : 0)"/>"#
                + #"<sheets><sheet name="Báo cáo" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
                + #"<Relationship Id="rId1" Type="\#(relationships)/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
            ("xl/styles.xml", #"<styleSheet xmlns="\#(main)"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#),
            ("xl/sharedStrings.xml", #"<sst xmlns="\#(main)">"# + strings.map { "<si><t>\(XMLText.escape($0))</t></si>" }.joined() + "</sst>"),
            ("xl/worksheets/sheet1.xml", #"<worksheet xmlns="\#(main)"><sheetData>\#(sheetData)</sheetData></worksheet>"#),
        ])
    }
}
