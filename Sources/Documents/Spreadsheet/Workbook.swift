import Foundation
import Planning

/// A workbook to write as .xlsx (SpreadsheetML), with what reports and templates need: typed cells, styles, frozen
/// header rows, column widths, drop-down lists, sheet protection without password, hidden sheets, custom properties.
public struct Workbook: Sendable {
    public struct CustomProperty: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var sheets: [Worksheet]
    public var customProperties: [CustomProperty]
    public var creator: String

    public init(sheets: [Worksheet], customProperties: [CustomProperty] = [], creator: String = "chitieu") {
        self.sheets = sheets
        self.customProperties = customProperties
        self.creator = creator
    }

    /// The .xlsx file.
    public func data() throws(WorkbookError) -> Data {
        var writer = WorkbookWriter(self)
        return try writer.data()
    }
}

public enum WorkbookError: Error, Equatable, Sendable {
    case noSheets
    case noVisibleSheet
    /// Empty, longer than 31 characters, or with one of `[]:*?/\`.
    case invalidSheetName(String)
    case duplicateSheetName(String)
    case invalidReference(String)
    case packaging(String)
}

public struct Worksheet: Sendable {
    public var name: String
    /// Row-major; row 0 is Excel's row 1. Rows may be ragged.
    public var rows: [[Cell]]
    /// In characters; index 0 is column A.
    public var columnWidths: [Double]
    public var frozenRows: Int
    public var frozenColumns: Int
    public var isHidden: Bool
    /// Protected without a password: locked cells cannot be changed, cells styled `locked: false` can.
    public var isProtected: Bool
    public var validations: [ListValidation]
    /// Merged ranges such as `A1:D1`.
    public var merges: [String]
    /// The table's filter buttons on its header row (the header and the rows under it), or nil for none.
    public var autoFilter: TableRange?
    /// How the sheet prints; nil: the application's defaults.
    public var print: PrintSetup?

    public init(name: String, rows: [[Cell]] = [], columnWidths: [Double] = [], frozenRows: Int = 0, frozenColumns: Int = 0,
                isHidden: Bool = false, isProtected: Bool = false, validations: [ListValidation] = [], merges: [String] = [],
                autoFilter: TableRange? = nil, print: PrintSetup? = nil) {
        self.name = name
        self.rows = rows
        self.columnWidths = columnWidths
        self.frozenRows = frozenRows
        self.frozenColumns = frozenColumns
        self.isHidden = isHidden
        self.isProtected = isProtected
        self.validations = validations
        self.merges = merges
        self.autoFilter = autoFilter
        self.print = print
    }
}

/// A block of rows and columns counted from the sheet's top left (`headerRow` 0 is row 1).
public struct TableRange: Sendable, Hashable {
    public var headerRow: Int
    public var rows: Int
    public var columns: Int

    /// `rows` includes the header row.
    public init(headerRow: Int = 0, rows: Int, columns: Int) {
        self.headerRow = headerRow
        self.rows = rows
        self.columns = columns
    }
}

/// Print set-up: A4, the orientation, scaled to the page's width, and the header rows printed again on each page.
public struct PrintSetup: Sendable, Hashable {
    public var landscape: Bool
    public var fitToWidth: Bool
    /// Rows 1 … `repeatedRows` print at the top of every page (0: none).
    public var repeatedRows: Int
    /// Columns A … print at the left of every page, for a table too wide for one page (0: none).
    public var repeatedColumns: Int

    public init(landscape: Bool = true, fitToWidth: Bool = true, repeatedRows: Int = 1, repeatedColumns: Int = 0) {
        self.landscape = landscape
        self.fitToWidth = fitToWidth
        self.repeatedRows = repeatedRows
        self.repeatedColumns = repeatedColumns
    }

    /// A wide table: landscape, as wide as the page, its header on every page.
    public static func table(headerRows: Int) -> PrintSetup { PrintSetup(landscape: true, fitToWidth: true, repeatedRows: headerRows) }
}

public enum CellValue: Sendable, Hashable {
    case empty
    case text(String)
    case number(Double)
    case bool(Bool)
    case date(Day)
    /// A moment, written as Việt Nam's local date and time (dd/mm/yyyy hh:mm).
    case dateTime(Date)
}

public struct Cell: Sendable, Hashable {
    public var value: CellValue
    public var style: CellStyle

    public init(_ value: CellValue, style: CellStyle = .plain) {
        self.value = value
        self.style = style
    }

    public static func text(_ text: String, style: CellStyle = .plain) -> Cell { Cell(.text(text), style: style) }
    public static func number(_ number: Double, style: CellStyle = .plain) -> Cell { Cell(.number(number), style: style) }
    public static let empty = Cell(.empty)
}

public enum NumberFormat: Sendable, Hashable {
    case general
    /// `#,##0`
    case integer
    /// `#,##0.0…`
    case decimal(places: Int)
    /// A value already in percent points, shown with its places (not Excel's %, which multiplies by 100).
    case percent(places: Int)
    /// dd/mm/yyyy
    case date
    /// dd/mm/yyyy hh:mm
    case dateTime
    /// `@`: what is typed stays text.
    case text
    case custom(String)
}

public struct CellStyle: Sendable, Hashable {
    public enum Alignment: String, Sendable, Hashable { case general, left, center, right }

    public var bold: Bool
    public var italic: Bool
    public var wrap: Bool
    public var locked: Bool
    public var horizontal: Alignment
    /// `RRGGBB` background.
    public var fill: String?
    /// A thin border on every side.
    public var border: Bool
    public var numberFormat: NumberFormat

    public init(bold: Bool = false, italic: Bool = false, wrap: Bool = false, locked: Bool = true, horizontal: Alignment = .general,
                fill: String? = nil, border: Bool = false, numberFormat: NumberFormat = .general) {
        self.bold = bold
        self.italic = italic
        self.wrap = wrap
        self.locked = locked
        self.horizontal = horizontal
        self.fill = fill
        self.border = border
        self.numberFormat = numberFormat
    }

    public static let plain = CellStyle()
    public static let header = CellStyle(bold: true, wrap: true, horizontal: .center, fill: "D9E1F2", border: true)
}

/// A drop-down list on a range. Lists too long for Excel's 255-character formula go to a hidden sheet of options.
public struct ListValidation: Sendable, Hashable {
    public var range: String
    public var options: [String]
    public var allowBlank: Bool
    public var errorMessage: String?

    public init(range: String, options: [String], allowBlank: Bool = true, errorMessage: String? = nil) {
        self.range = range
        self.options = options
        self.allowBlank = allowBlank
        self.errorMessage = errorMessage
    }
}

public enum CellReference {
    /// 0 → A, 25 → Z, 26 → AA; empty for a negative index.
    public static func column(_ index: Int) -> String {
        guard index >= 0, index < Int.max else { return "" }
        var n = index + 1, name = ""
        while n > 0 {
            let remainder = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// 0-based row and column → `A1`.
    public static func name(row: Int, column: Int) -> String { Self.column(column) + String(row + 1) }
}
