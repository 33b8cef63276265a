import Foundation
import Planning

/// Reads an uploaded .xlsx safely: limits on the file, on the inflated bytes (zip bombs) and on the cells; every XML
/// part through a streaming parser, a DOCTYPE refused. Values as the cells hold them: shared and inline strings,
/// numbers, booleans, dates (numbers with a date format), and the cached values of formulas.
public enum XLSXReader {
    public struct Limits: Sendable {
        public var maxFileBytes: Int
        public var maxUncompressedBytes: Int
        public var maxCells: Int

        public static let standard = Limits()

        public init(maxFileBytes: Int = 10_000_000, maxUncompressedBytes: Int = 50_000_000, maxCells: Int = 1_000_000) {
            self.maxFileBytes = maxFileBytes
            self.maxUncompressedBytes = maxUncompressedBytes
            self.maxCells = maxCells
        }
    }

    public static func read(_ data: Data, limits: Limits = .standard) throws(XLSXReadError) -> ReadWorkbook {
        guard data.count <= limits.maxFileBytes else { throw .tooLarge(bytes: data.count, limit: limits.maxFileBytes) }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { throw .encrypted }
        let parts: [String: Data]
        do {
            parts = try ZipPackage.parts(of: data, limit: limits.maxUncompressedBytes)
        } catch {
            switch error {
            case .notAZip: throw .notAZip
            case .tooLarge(let part, _): throw .zipBomb(part: part)
            case .corrupted(let part): throw .corrupted(part: part)
            }
        }
        guard let workbookXML = parts["xl/workbook.xml"] else { throw .notASpreadsheet }
        let workbook = try WorkbookPart.parse(workbookXML)
        let targets = try RelationshipsPart.parse(parts["xl/_rels/workbook.xml.rels"], part: "xl/_rels/workbook.xml.rels")
        var strings: [String] = [], dateStyles: [Bool] = []
        if let xml = parts["xl/sharedStrings.xml"] { strings = try SharedStringsPart.parse(xml) }
        if let xml = parts["xl/styles.xml"] { dateStyles = try StylesPart.dateStyles(xml) }
        var cellsLeft = limits.maxCells
        var sheets: [ReadSheet] = []
        for sheet in workbook.sheets {
            guard let target = targets[sheet.relationship] else { throw .corrupted(part: "xl/_rels/workbook.xml.rels") }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let xml = parts[path] else { throw .corrupted(part: path) }
            let cells = try SheetPart.parse(xml, part: path, strings: strings, dateStyles: dateStyles, date1904: workbook.date1904, cellsLeft: &cellsLeft,
                                            limit: limits.maxCells)
            sheets.append(ReadSheet(name: sheet.name, isHidden: sheet.hidden, cells: cells))
        }
        var properties: [String: String] = [:]
        if let xml = parts["docProps/custom.xml"] { properties = try CustomPropertiesPart.parse(xml) }
        return ReadWorkbook(sheets: sheets, customProperties: properties)
    }
}

public enum XLSXReadError: Error, Equatable, Sendable {
    case tooLarge(bytes: Int, limit: Int)
    /// Not a zip at all (a CSV or a PDF renamed .xlsx, or a file cut short).
    case notAZip
    /// A zip without a workbook (e.g. a .docx).
    case notASpreadsheet
    case corrupted(part: String)
    case zipBomb(part: String)
    case tooManyCells(limit: Int)
    /// An OLE file: a password-protected workbook or an old .xls.
    case encrypted
}

public struct ReadWorkbook: Sendable {
    public var sheets: [ReadSheet]
    public var customProperties: [String: String]

    public func sheet(named name: String) -> ReadSheet? { sheets.first { $0.name == name } }
}

public struct ReadSheet: Sendable {
    public var name: String
    public var isHidden: Bool
    public var cells: [CellAddress: ReadValue]

    /// 1-based row and column.
    public func value(row: Int, column: Int) -> ReadValue? { cells[CellAddress(row: row, column: column)] }
    public var rowCount: Int { cells.keys.map(\.row).max() ?? 0 }
}

public struct CellAddress: Sendable, Hashable, Comparable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// `B7` → row 7, column 2.
    public init?(_ reference: String) {
        var column = 0, digits = ""
        for character in reference.uppercased() {
            if let ascii = character.asciiValue, (65...90).contains(ascii), digits.isEmpty {
                column = column * 26 + Int(ascii - 64)
            } else if character.isASCII, character.isNumber {
                digits.append(character)
            } else {
                return nil
            }
        }
        guard column > 0, let row = Int(digits), row > 0 else { return nil }
        self.init(row: row, column: column)
    }

    public var name: String { CellReference.column(column - 1) + String(row) }

    public static func < (a: CellAddress, b: CellAddress) -> Bool { (a.row, a.column) < (b.row, b.column) }
}

public enum ReadValue: Sendable, Hashable {
    case text(String)
    case number(Double)
    case bool(Bool)
    case date(Day)
    case error(String)

    /// How the value reads in a message.
    public var text: String {
        switch self {
        case .text(let s): s
        case .number(let n): NumberStyle.plain(n)
        case .bool(let b): b ? "TRUE" : "FALSE"
        case .date(let d): d.vietnamese
        case .error(let e): e
        }
    }
}
