import Foundation
import Planning

/// Reads an uploaded .xlsx safely: limits on the file, on the inflated bytes (zip bombs), on the cells and on the time
/// spent; every XML part through a streaming parser, a DOCTYPE refused; every cell reference within Excel's grid and
/// every index into the shared strings and cell formats checked against the tables the file has. Values as the cells
/// hold them: shared and inline strings, numbers, booleans, dates (numbers with a date format), and the cached values
/// of formulas. Whatever the bytes, a read returns or throws an `XLSXReadError`.
public enum XLSXReader {
    public struct Limits: Sendable {
        public var maxFileBytes: Int
        public var maxUncompressedBytes: Int
        public var maxCells: Int
        /// Wall-clock time for the whole read, checked inside the unzip and parse loops.
        public var maxDuration: Duration

        public static let standard = Limits()

        public init(maxFileBytes: Int = 10_000_000, maxUncompressedBytes: Int = 50_000_000, maxCells: Int = 1_000_000, maxDuration: Duration = .seconds(10)) {
            self.maxFileBytes = maxFileBytes
            self.maxUncompressedBytes = maxUncompressedBytes
            self.maxCells = maxCells
            self.maxDuration = maxDuration
        }
    }

    public static func read(_ data: Data, limits: Limits = .standard) throws(XLSXReadError) -> ReadWorkbook {
        guard data.count <= limits.maxFileBytes else { throw .tooLarge(bytes: data.count, limit: limits.maxFileBytes) }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { throw .encrypted }
        let deadline = ReadDeadline(limits.maxDuration)
        let parts: [String: Data]
        do {
            parts = try ZipPackage.parts(of: data, limit: limits.maxUncompressedBytes, deadline: deadline)
        } catch {
            switch error {
            case .notAZip: throw .notAZip
            case .tooLarge(let part, _): throw .zipBomb(part: part)
            case .corrupted(let part): throw .corrupted(part: part)
            case .tooSlow: throw .tooSlow(seconds: deadline.seconds)
            case .temporaryFile: throw .temporaryFile
            }
        }
        guard let workbookXML = parts["xl/workbook.xml"] else { throw .notASpreadsheet }
        let workbook = try WorkbookPart.parse(workbookXML, deadline: deadline)
        let targets = try RelationshipsPart.parse(parts["xl/_rels/workbook.xml.rels"], part: "xl/_rels/workbook.xml.rels", deadline: deadline)
        var strings: [String] = [], dateStyles: [Bool] = []
        if let xml = parts["xl/sharedStrings.xml"] { strings = try SharedStringsPart.parse(xml, deadline: deadline) }
        if let xml = parts["xl/styles.xml"] { dateStyles = try StylesPart.dateStyles(xml, deadline: deadline) }
        var cellsLeft = limits.maxCells
        var sheets: [ReadSheet] = []
        for sheet in workbook.sheets {
            guard let target = targets[sheet.relationship] else { throw .corrupted(part: "xl/_rels/workbook.xml.rels") }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let xml = parts[path] else { throw .corrupted(part: path) }
            let tables = SheetPart.Tables(strings: strings, dateStyles: dateStyles, date1904: workbook.date1904)
            let cells = try SheetPart.parse(xml, part: path, sheet: sheet.name, tables: tables, cellsLeft: &cellsLeft, limit: limits.maxCells, deadline: deadline)
            sheets.append(ReadSheet(name: sheet.name, isHidden: sheet.hidden, cells: cells))
        }
        var properties: [String: String] = [:]
        if let xml = parts["docProps/custom.xml"] { properties = try CustomPropertiesPart.parse(xml, deadline: deadline) }
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
    /// A cell or row reference outside Excel's grid (columns A–XFD, rows 1–1 048 576) or not a reference at all; the
    /// reference is cut to 40 characters.
    case invalidReference(sheet: String, reference: String)
    /// A cell pointing to a shared string or a cell format the file does not have.
    case invalidIndex(sheet: String, reference: String, table: IndexedTable)
    /// Reading took longer than the budget (`Limits.maxDuration`).
    case tooSlow(seconds: Int)
    /// The server could not write the temporary file the package is read from.
    case temporaryFile

    public enum IndexedTable: Sendable, Equatable {
        case sharedStrings
        case cellFormats
    }
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
    /// The rows holding a value in `column`, in order: what to loop over (never `1...rowCount`, which a single far cell
    /// makes long).
    public func rows(withValueIn column: Int) -> [Int] { cells.keys.filter { $0.column == column }.map(\.row).sorted() }
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
