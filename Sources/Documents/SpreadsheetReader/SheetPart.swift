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
                if style < dateStyles.count, dateStyles[style], let day = Self.day(serial: number, date1904: date1904) { return .date(day) }
                return .number(number)
            }
        }

        /// Excel's serial day: 1 is 01/01/1900, and 60 the 29/02/1900 that never was (Lotus's bug, kept by Excel).
        static func day(serial: Double, date1904: Bool) -> Day? {
            let whole = Int(serial.rounded(.down))
            guard whole >= 0, whole < 3_000_000 else { return nil }
            if date1904 { return civil(days(1904, 1, 1) + whole) }
            if whole == 60 { return Day(1900, 2, 28) }
            return civil(days(1899, 12, whole < 60 ? 31 : 30) + whole)
        }

        static func days(_ y: Int, _ m: Int, _ d: Int) -> Int {
            let y = m <= 2 ? y - 1 : y
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
            return era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
        }

        static func civil(_ z: Int) -> Day {
            let z = z + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let doe = z - era * 146_097
            let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            let d = doy - (153 * mp + 2) / 5 + 1
            let m = mp < 10 ? mp + 3 : mp - 9
            return Day(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
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
