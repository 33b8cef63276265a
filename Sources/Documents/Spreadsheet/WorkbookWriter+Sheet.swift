import Foundation
import Planning

extension WorkbookWriter {
    /// One worksheet: views (frozen panes), columns, cells, protection, merges, drop-down lists — in schema order.
    mutating func sheetPart(_ sheet: Worksheet, selected: Bool, listColumn: inout Int) throws(WorkbookError) -> String {
        var xml = XMLText.declaration + #"<worksheet xmlns="\#(Self.main)" xmlns:r="\#(Self.relationships)">"#
        if sheet.print?.fitToWidth == true { xml += #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"# }
        xml += "<sheetViews><sheetView workbookViewId=\"0\"" + (selected ? " tabSelected=\"1\"" : "") + ">"
        if sheet.frozenRows > 0 || sheet.frozenColumns > 0 {
            let pane = sheet.frozenRows > 0 && sheet.frozenColumns > 0 ? "bottomRight" : sheet.frozenRows > 0 ? "bottomLeft" : "topRight"
            xml += "<pane" + (sheet.frozenColumns > 0 ? " xSplit=\"\(sheet.frozenColumns)\"" : "") + (sheet.frozenRows > 0 ? " ySplit=\"\(sheet.frozenRows)\"" : "")
                + " topLeftCell=\"\(CellReference.name(row: sheet.frozenRows, column: sheet.frozenColumns))\" activePane=\"\(pane)\" state=\"frozen\"/>"
                + "<selection pane=\"\(pane)\"/>"
        }
        xml += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        if !sheet.columnWidths.isEmpty {
            xml += "<cols>" + sheet.columnWidths.enumerated().map { index, width in
                "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(Self.number(max(0, min(width, 255))))\" customWidth=\"1\"/>"
            }.joined() + "</cols>"
        }
        xml += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            let height = Self.rowHeight(row, widths: sheet.columnWidths)
            xml += "<row r=\"\(r + 1)\"" + (height.map { " ht=\"\(Self.number($0))\" customHeight=\"1\"" } ?? "") + ">"
            for (c, cell) in row.enumerated() {
                let style = styles.index(of: cell.style)
                let reference = CellReference.name(row: r, column: c)
                let s = style == 0 ? "" : " s=\"\(style)\""
                switch cell.value {
                case .empty: if style != 0 { xml += "<c r=\"\(reference)\"\(s)/>" }
                case .text(let text):
                    // Text is a shared string, never a formula; one that looks like a formula also gets the quote prefix.
                    let guarded = FormulaGuard.isRisky(text) ? " s=\"\(styles.index(of: cell.style, quotePrefix: true))\"" : s
                    xml += "<c r=\"\(reference)\"\(guarded) t=\"s\"><v>\(strings.index(of: text))</v></c>"
                case .number(let n) where n.isFinite: xml += "<c r=\"\(reference)\"\(s)><v>\(Self.number(n))</v></c>"
                case .number: if style != 0 { xml += "<c r=\"\(reference)\"\(s)/>" }
                case .bool(let b): xml += "<c r=\"\(reference)\"\(s) t=\"b\"><v>\(b ? 1 : 0)</v></c>"
                case .date(let day) where !(1900...9999).contains(day.year):
                    // Outside Excel's calendar a serial would be wrong (or overflow): the day is written as text.
                    xml += "<c r=\"\(reference)\"\(s) t=\"s\"><v>\(strings.index(of: day.vietnamese))</v></c>"
                case .date(let day):
                    var dated = cell.style
                    dated.numberFormat = .date
                    xml += "<c r=\"\(reference)\" s=\"\(styles.index(of: dated))\"><v>\(ExcelDate.serial(day))</v></c>"
                case .dateTime(let moment):
                    var dated = cell.style
                    dated.numberFormat = .dateTime
                    guard let serial = ExcelDate.serial(moment) else {
                        xml += "<c r=\"\(reference)\"\(s) t=\"s\"><v>\(strings.index(of: Day(moment).vietnamese))</v></c>"
                        continue
                    }
                    xml += "<c r=\"\(reference)\" s=\"\(styles.index(of: dated))\"><v>\(Self.number(serial))</v></c>"
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        if sheet.isProtected {
            xml += #"<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0"/>"#
        }
        if let table = sheet.autoFilter, let reference = Self.reference(table) {
            xml += "<autoFilter ref=\"\(reference)\"/>"
        }
        if !sheet.merges.isEmpty {
            xml += "<mergeCells count=\"\(sheet.merges.count)\">" + sheet.merges.map { "<mergeCell ref=\"\(XMLText.escape($0))\"/>" }.joined() + "</mergeCells>"
        }
        if !sheet.validations.isEmpty {
            xml += "<dataValidations count=\"\(sheet.validations.count)\">"
            for validation in sheet.validations {
                guard validation.range.range(of: #"^[A-Z]{1,3}[0-9]+(:[A-Z]{1,3}[0-9]+)?$"#, options: .regularExpression) != nil else {
                    throw .invalidReference(validation.range)
                }
                let formula: String
                if Self.needsSheet(validation.options) {
                    let column = CellReference.column(listColumn)
                    listColumn += 1
                    formula = "\(Self.listSheetName)!$\(column)$1:$\(column)$\(max(1, validation.options.count))"
                } else {
                    formula = "\"" + validation.options.joined(separator: ",") + "\""
                }
                xml += "<dataValidation type=\"list\" allowBlank=\"\(validation.allowBlank ? 1 : 0)\" showInputMessage=\"1\" showErrorMessage=\"1\""
                if let message = validation.errorMessage {
                    xml += " errorTitle=\"\(XMLText.escape(String(message.prefix(32))))\" error=\"\(XMLText.escape(String(message.prefix(255))))\""
                }
                xml += " sqref=\"\(validation.range)\"><formula1>\(XMLText.escape(formula))</formula1></dataValidation>"
            }
            xml += "</dataValidations>"
        }
        xml += #"<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>"#
        if let print = sheet.print {
            // A4; fitted to one page wide and as many pages tall as it takes.
            xml += #"<pageSetup paperSize="9" orientation="\#(print.landscape ? "landscape" : "portrait")""#
                + (print.fitToWidth ? #" fitToWidth="1" fitToHeight="0""# : "") + "/>"
        }
        return xml + "</worksheet>"
    }

    /// The height a row needs for its wrapped texts to show whole (15 points a line, lines estimated from the column's
    /// width in characters), or nil when one line does: spreadsheet programs do not all grow rows on opening a file,
    /// and a row left too low prints over the next one.
    static func rowHeight(_ row: [Cell], widths: [Double]) -> Double? {
        var lines = 1
        for (column, cell) in row.enumerated() where cell.style.wrap {
            guard case .text(let text) = cell.value else { continue }
            let width = max(1, Int((column < widths.count ? widths[column] : 8.43).rounded(.down)) - 1)
            let needed = text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { $0 + max(1, ($1.count + width - 1) / width) }
            lines = max(lines, min(needed, 30))
        }
        return lines > 1 ? Double(lines) * 15 : nil
    }

    /// `A1:W38` for a table, or nil when it is empty.
    static func reference(_ table: TableRange) -> String? {
        guard table.rows > 0, table.columns > 0, table.headerRow >= 0 else { return nil }
        return CellReference.name(row: table.headerRow, column: 0) + ":" + CellReference.name(row: table.headerRow + table.rows - 1, column: table.columns - 1)
    }
}

/// Each distinct text once, referenced by index from the cells.
struct SharedStrings {
    private var indices: [String: Int] = [:]
    private var texts: [String] = []
    private(set) var references = 0

    mutating func index(of text: String) -> Int {
        references += 1
        if let index = indices[text] { return index }
        indices[text] = texts.count
        texts.append(text)
        return texts.count - 1
    }

    func xml() -> String {
        XMLText.declaration + #"<sst xmlns="\#(WorkbookWriter.main)" count="\#(references)" uniqueCount="\#(texts.count)">"#
            + texts.map { #"<si><t xml:space="preserve">\#(XMLText.escape($0))</t></si>"# }.joined() + "</sst>"
    }
}
