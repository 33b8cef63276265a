import Foundation
import Planning
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The cells of one worksheet: `<c r="B7" t="s|str|inlineStr|b|e|n" s="3"><f>…</f><v>…</v><is><t>…</t></is></c>`. A cell
/// without `r` follows the previous one, a row without `r` the previous row (LibreOffice always writes `r`, some writers
/// don't). References, shared-string and format indices are checked as they come: the first bad one ends the read with
/// an error naming the sheet and the cell.
enum SheetPart {
    /// What the cells point into.
    struct Tables {
        let strings: [String]
        /// For each cell format (by index), whether it shows a date.
        let dateStyles: [Bool]
        let date1904: Bool
    }

    final class Parser: PartParser {
        let sheet: String
        let tables: Tables
        let limit: Int
        var cellsLeft: Int
        var cells: [CellAddress: ReadValue] = [:]
        var row = 0, column = 0
        var type = "n", style = 0, value = "", inline = "", reading: String?, inInline = false

        init(part: String, sheet: String, tables: Tables, cellsLeft: Int, limit: Int, deadline: ReadDeadline) {
            (self.sheet, self.tables, self.cellsLeft, self.limit) = (sheet, tables, cellsLeft, limit)
            super.init(part: part, deadline: deadline)
        }

        var reference: String { CellAddress(row: max(row, 1), column: max(column, 1)).name }

        override func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {
            switch Self.local(name) {
            case "row":
                if let text = attributes["r"] {
                    guard let number = CellAddress.row(text) else { return fail(.invalidReference(sheet: sheet, reference: String(text.prefix(40))), parser) }
                    row = number
                } else {
                    guard row < CellAddress.maximumRow else { return fail(.invalidReference(sheet: sheet, reference: String(row + 1)), parser) }
                    row += 1
                }
                column = 0
            case "c":
                if let text = attributes["r"] {
                    guard let address = CellAddress(text) else { return fail(.invalidReference(sheet: sheet, reference: String(text.prefix(40))), parser) }
                    (row, column) = (address.row, address.column)
                } else {
                    guard column < CellAddress.maximumColumn else {
                        return fail(.invalidReference(sheet: sheet, reference: CellReference.column(column) + String(max(row, 1))), parser)
                    }
                    column += 1
                }
                type = attributes["t"] ?? "n"
                style = 0
                if let text = attributes["s"] {
                    guard let index = Int(text), index >= 0, index < max(tables.dateStyles.count, 1) else {
                        return fail(.invalidIndex(sheet: sheet, reference: reference, table: .cellFormats), parser)
                    }
                    style = index
                }
                value = ""
                inline = ""
            case "v": reading = "v"
            case "is": inInline = true
            case "t": if inInline { reading = "t" }
            default: break
            }
        }

        override func characters(_ string: String) {
            if reading == "v" { value += string } else if reading == "t" { inline += string }
        }

        override func end(_ name: String, _ parser: XMLParser) {
            switch Self.local(name) {
            case "v", "t": reading = nil
            case "is": inInline = false
            case "c":
                let read: ReadValue?
                do { read = try cellValue() } catch { return fail(error, parser) }
                guard let read else { return }
                cellsLeft -= 1
                if cellsLeft < 0 { return fail(.tooManyCells(limit: limit), parser) }
                cells[CellAddress(row: max(row, 1), column: max(column, 1))] = read
            default: break
            }
        }

        func cellValue() throws(XLSXReadError) -> ReadValue? {
            switch type {
            case "s":
                let text = value.trimmingCharacters(in: .whitespaces)
                if text.isEmpty { return nil }
                guard let index = Int(text), index >= 0, index < tables.strings.count else {
                    throw .invalidIndex(sheet: sheet, reference: reference, table: .sharedStrings)
                }
                return .text(tables.strings[index])
            case "inlineStr": return inline.isEmpty ? nil : .text(inline)
            case "str": return value.isEmpty ? nil : .text(value)
            case "b": return value.isEmpty ? nil : .bool(value == "1" || value.lowercased() == "true")
            case "e": return .error(value)
            default:
                guard let number = Double(value.trimmingCharacters(in: .whitespaces)) else { return value.isEmpty ? nil : .text(value) }
                // Excel never stores an infinity or a NaN; Swift's parser reads `inf`, `nan` and `1e400` as such.
                guard number.isFinite else { return .error("#NUM!") }
                if style < tables.dateStyles.count, tables.dateStyles[style], let day = ExcelDate.day(serial: number, date1904: tables.date1904) {
                    return .date(day)
                }
                return .number(number)
            }
        }
    }

    static func parse(_ data: Data, part: String, sheet: String, tables: Tables, cellsLeft: inout Int, limit: Int,
                      deadline: ReadDeadline) throws(XLSXReadError) -> [CellAddress: ReadValue] {
        let parser = Parser(part: part, sheet: sheet, tables: tables, cellsLeft: cellsLeft, limit: limit, deadline: deadline)
        try parser.run(data)
        cellsLeft = parser.cellsLeft
        return parser.cells
    }
}
