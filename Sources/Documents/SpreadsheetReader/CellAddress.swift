import Foundation

/// A cell's place on a sheet, 1-based. Excel's grid is columns A–XFD and rows 1–1 048 576; a reference outside it is
/// refused when read, so no arithmetic on references can overflow and no loop over rows can run long.
public struct CellAddress: Sendable, Hashable, Comparable {
    public static let maximumRow = 1_048_576
    public static let maximumColumn = 16_384

    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// `B7` → row 7, column 2; nil for anything but one to three letters within XFD and a row number within Excel's.
    public init?(_ reference: String) {
        var column = 0, row = 0, letters = 0, digits = 0
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                letters += 1
                column = column * 26 + Int((byte & 0xDF) - 64)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7 else { return nil }
                digits += 1
                row = row * 10 + Int(byte - 48)
            default: return nil
            }
        }
        guard (1...Self.maximumColumn).contains(column), (1...Self.maximumRow).contains(row) else { return nil }
        self.init(row: row, column: column)
    }

    /// A row number as a `<row r="…">` holds it, within Excel's rows.
    static func row(_ text: String) -> Int? {
        guard text.utf8.count <= 7, text.utf8.allSatisfy({ (48...57).contains($0) }), let row = Int(text), (1...maximumRow).contains(row) else { return nil }
        return row
    }

    public var name: String { CellReference.column(column - 1) + String(row) }

    public static func < (a: CellAddress, b: CellAddress) -> Bool { (a.row, a.column) < (b.row, b.column) }
}
