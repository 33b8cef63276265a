import Foundation
import Planning

/// Writes a `Workbook` as the parts of an .xlsx package, in the element order the schema requires (Excel refuses
/// a worksheet whose elements are out of order).
struct WorkbookWriter {
    static let listSheetName = "DanhSach"

    var sheets: [Worksheet]
    let workbook: Workbook
    var strings = SharedStrings()
    var styles = StyleTable()

    init(_ workbook: Workbook) {
        self.workbook = workbook
        sheets = workbook.sheets
    }

    mutating func data() throws(WorkbookError) -> Data {
        try check()
        moveLongListsToSheet()
        var sheetXML: [String] = []
        var listColumn = 0
        for (index, sheet) in sheets.enumerated() {
            sheetXML.append(try sheetPart(sheet, selected: index == (sheets.firstIndex { !$0.isHidden } ?? 0), listColumn: &listColumn))
        }
        var parts: [(path: String, content: String)] = [
            ("[Content_Types].xml", contentTypes()), ("_rels/.rels", rootRelationships()),
            ("docProps/app.xml", app()), ("docProps/core.xml", core()),
            ("xl/workbook.xml", workbookPart()), ("xl/_rels/workbook.xml.rels", workbookRelationships()),
            ("xl/styles.xml", styles.xml()), ("xl/sharedStrings.xml", strings.xml()),
        ]
        if !workbook.customProperties.isEmpty { parts.append(("docProps/custom.xml", custom())) }
        for (index, xml) in sheetXML.enumerated() { parts.append(("xl/worksheets/sheet\(index + 1).xml", xml)) }
        do { return try ZipPackage.data(parts) } catch { throw .packaging(String(describing: error)) }
    }

    func check() throws(WorkbookError) {
        guard !sheets.isEmpty else { throw .noSheets }
        guard sheets.contains(where: { !$0.isHidden }) else { throw .noVisibleSheet }
        var seen = Set<String>()
        for sheet in sheets {
            let name = sheet.name
            if name.isEmpty || name.count > 31 || name.contains(where: { "[]:*?/\\".contains($0) }) || name.hasPrefix("'") {
                throw .invalidSheetName(name)
            }
            guard seen.insert(name.lowercased()).inserted else { throw .duplicateSheetName(name) }
            // Excel's grid: a cell past it would make a file no reader (ours included) opens.
            if sheet.rows.count > CellAddress.maximumRow { throw .invalidReference(CellReference.name(row: sheet.rows.count - 1, column: 0)) }
            if let wide = sheet.rows.firstIndex(where: { $0.count > CellAddress.maximumColumn }) {
                throw .invalidReference(CellReference.name(row: wide, column: sheet.rows[wide].count - 1))
            }
        }
    }

    /// Excel's inline list is one formula of at most 255 characters, with commas between items: a longer list, or
    /// one whose items contain commas, is written to a hidden sheet and referenced from there.
    mutating func moveLongListsToSheet() {
        var columns: [[String]] = []
        for s in sheets.indices {
            for v in sheets[s].validations.indices where Self.needsSheet(sheets[s].validations[v].options) {
                columns.append(sheets[s].validations[v].options)
            }
        }
        guard !columns.isEmpty else { return }
        let height = columns.map(\.count).max() ?? 0
        let rows = (0..<height).map { row in columns.map { row < $0.count ? Cell.text($0[row]) : .empty } }
        sheets.append(Worksheet(name: Self.listSheetName, rows: rows, isHidden: true))
    }

    static func needsSheet(_ options: [String]) -> Bool {
        options.contains { $0.contains(",") || $0.contains("\"") } || options.map { $0.count + 1 }.reduce(0, +) + 1 > 255
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.15g", value)
    }
}
