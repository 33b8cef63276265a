import Foundation
import Planning
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The cells of one worksheet: `<c r="B7" t="s|str|inlineStr|b|e|n" s="3"><f>…</f><v>…</v><is><t>…</t></is></c>`. A cell
/// without `r` follows the previous one (LibreOffice always writes `r`, some writers don't).
enum SheetPart {
    final class Parser: PartParser {
        let strings: [String]
        let dateStyles: [Bool]
        let date1904: Bool
        let limit: Int
        var cellsLeft: Int
        var cells: [CellAddress: ReadValue] = [:]
        var row = 0, column = 0
        var type = "n", style = 0, value = "", inline = "", reading: String?, inInline = false

        init(part: String, strings: [String], dateStyles: [Bool], date1904: Bool, cellsLeft: Int, limit: Int) {
            (self.strings, self.dateStyles, self.date1904, self.cellsLeft, self.limit) = (strings, dateStyles, date1904, cellsLeft, limit)
            super.init(part: part)
        }

        override func start(_ name: String, _ attributes: [String: String]) {
            switch Self.local(name) {
            case "row":
                row = attributes["r"].flatMap(Int.init) ?? row + 1
                column = 0
            case "c":
                if let reference = attributes["r"], let address = CellAddress(reference) { (row, column) = (address.row, address.column) } else { column += 1 }
                type = attributes["t"] ?? "n"
                style = attributes["s"].flatMap(Int.init) ?? 0
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
                guard let read = cellValue() else { return }
                cellsLeft -= 1
                if cellsLeft < 0 { failure = .tooManyCells(limit: limit); parser.abortParsing(); return }
                cells[CellAddress(row: max(row, 1), column: max(column, 1))] = read
            default: break
            }
        }

        func cellValue() -> ReadValue? {
            switch type {
            case "s": return Int(value).flatMap { $0 < strings.count ? .text(strings[$0]) : nil }
            case "inlineStr": return inline.isEmpty ? nil : .text(inline)
            case "str": return value.isEmpty ? nil : .text(value)
            case "b": return value.isEmpty ? nil : .bool(value == "1" || value.lowercased() == "true")
            case "e": return .error(value)
            default:
                guard let number = Double(value.trimmingCharacters(in: .whitespaces)) else { return value.isEmpty ? nil : .text(value) }
                if style < dateStyles.count, dateStyles[style], let day = ExcelDate.day(serial: number, date1904: date1904) { return .date(day) }
                return .number(number)
            }
        }
    }

    static func parse(_ data: Data, part: String, strings: [String], dateStyles: [Bool], date1904: Bool, cellsLeft: inout Int,
                      limit: Int) throws(XLSXReadError) -> [CellAddress: ReadValue] {
        let parser = Parser(part: part, strings: strings, dateStyles: dateStyles, date1904: date1904, cellsLeft: cellsLeft, limit: limit)
        try parser.run(data)
        cellsLeft = parser.cellsLeft
        return parser.cells
    }
}
