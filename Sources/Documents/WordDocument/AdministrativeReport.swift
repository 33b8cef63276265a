import Foundation
import Planning

/// Báo cáo — a report in the format of Nghị định 30/2020/NĐ-CP (Phụ lục I), written as an editable .docx: A4,
/// margins 20/20/30/15 mm, Times New Roman, the two-column header, title and subject, 14 pt justified body, tables,
/// the signature block and "Nơi nhận:", page numbers from the second page.
public struct AdministrativeReport: Sendable {
    /// Cơ quan chủ quản, e.g. "UBND TỈNH NINH BÌNH".
    public var authority: String
    /// Cơ quan ban hành, e.g. "SỞ Y TẾ".
    public var issuer: String
    /// The whole number line, e.g. "Số:      /BC-SYT".
    public var number: String
    public var place: String
    public var date: Day
    public var title: String
    /// Trích yếu.
    public var subject: String
    /// "Kính gửi: …", when the report is addressed.
    public var recipient: String?
    public var sections: [Section]
    public var signature: Signature
    /// Nơi nhận, one line each ("- UBND tỉnh (để b/c);" … "- Lưu: VT, …").
    public var distribution: [String]
    /// A mark at the top right of the first page ("DỰ THẢO") on a document that is not the one issued.
    public var draftMark: String?

    public init(authority: String, issuer: String, number: String, place: String, date: Day, title: String, subject: String,
                recipient: String?, sections: [Section], signature: Signature, distribution: [String]) {
        self.authority = authority
        self.issuer = issuer
        self.number = number
        self.place = place
        self.date = date
        self.title = title
        self.subject = subject
        self.recipient = recipient
        self.sections = sections
        self.signature = signature
        self.distribution = distribution
    }

    /// "Ninh Bình, ngày 05 tháng 01 năm 2027" — day and month with two digits.
    public var placeAndDate: String {
        String(format: "%@, ngày %02d tháng %02d năm %04d", place, date.day, date.month, date.year)
    }
}

public struct Section: Sendable {
    /// Bold; an empty heading writes only the blocks (an opening paragraph).
    public var heading: String
    public var blocks: [Block]

    public init(heading: String, blocks: [Block]) {
        self.heading = heading
        self.blocks = blocks
    }
}

public enum Block: Sendable {
    /// Body text: justified, first-line indent; each line of the text its own paragraph.
    case paragraph(String)
    case subheading(String)
    /// A body paragraph starting "- " (Vietnamese documents use dashes, not list bullets).
    case bullet(String)
    case table(Table)
}

public struct Table: Sendable {
    public enum Alignment: String, Sendable { case left, center, right }

    public struct Column: Sendable {
        public var title: String
        public var widthMillimetres: Double
        public var alignment: Alignment

        public init(title: String, widthMillimetres: Double, alignment: Alignment) {
            self.title = title
            self.widthMillimetres = widthMillimetres
            self.alignment = alignment
        }
    }

    public struct Row: Sendable {
        public var cells: [String]
        /// One bold cell across all the columns (a group's name).
        public var isGroupHeading: Bool

        public init(cells: [String], isGroupHeading: Bool) {
            self.cells = cells
            self.isGroupHeading = isGroupHeading
        }
    }

    public var columns: [Column]
    public var rows: [Row]

    public init(columns: [Column], rows: [Row]) {
        self.columns = columns
        self.rows = rows
    }
}

public struct Signature: Sendable {
    /// "KT. GIÁM ĐỐC"; nil when the head signs.
    public var mandate: String?
    public var title: String
    public var name: String

    public init(mandate: String?, title: String, name: String) {
        self.mandate = mandate
        self.title = title
        self.name = name
    }
}

public enum DocumentError: Error, Equatable, Sendable {
    /// A table row whose cell count is not the table's column count (1-based row among the body rows).
    case tableRowWidth(row: Int, expected: Int, found: Int)
    case packaging(String)
}
