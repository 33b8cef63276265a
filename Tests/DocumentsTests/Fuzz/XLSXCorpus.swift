import Foundation
import Planning
@testable import Documents

/// Real workbooks to mutate: files written by openpyxl and saved by LibreOffice Calc (`Fixtures/`), and one written
/// by our own writer in the shape of a report template (frozen header, protected, lists, hidden identity sheet).
enum XLSXCorpus {
    static let fixtureNames = ["written-by-openpyxl.xlsx", "saved-by-libreoffice.xlsx", "template-filled-by-openpyxl.xlsx",
                               "template-saved-by-libreoffice.xlsx"]

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(name)"))
    }

    static func ownTemplate() throws -> Data {
        let input = CellStyle(locked: false, fill: "FFF2CC", border: true)
        let rows: [[Cell]] = [[.text("BÁO CÁO KẾT QUẢ", style: CellStyle(bold: true))], [.text("Điền vào các ô màu vàng.")],
                              ["Mã", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu năm 2026", "Kỳ trước", "Tử số / Giá trị", "Mẫu số", "Ghi chú"].map { .text($0, style: .header) },
                              [.text("CT01"), .text("Tỷ lệ hồ sơ bệnh án điện tử"), .text("%"), .text("≥ 80"), .text("88 %"), .number(1200, style: input),
                               .number(1250, style: input), .text("=1+1", style: input)],
                              [.text("CT03"), .text("Có phần mềm"), .text(""), .text("Có"), .text("Có"), .text("Có", style: input), .empty,
                               Cell(.date(Day(2026, 6, 1)))]]
        let sheet = Worksheet(name: "Báo cáo", rows: rows, columnWidths: [8, 55], frozenRows: 3, frozenColumns: 2, isProtected: true,
                              validations: [ListValidation(range: "F5", options: ["Có", "Không"])], merges: ["A1:H1"])
        let hidden = Worksheet(name: "chitieu", rows: [[.text("chitieu.organisation"), .text("MAU-BVDK-A")]], isHidden: true)
        return try Workbook(sheets: [sheet, hidden], customProperties: [.init(name: "chitieu.organisation", value: "MAU-BVDK-A")]).data()
    }

    static func all() throws -> [Data] { try fixtureNames.map(fixture) + [ownTemplate()] }
}
