import Foundation

/// Small builders for WordprocessingML: runs, paragraphs, cells. Sizes in half-points (`w:sz`), lengths in twips
/// (1 mm = 56.7 twips).
enum WordML {
    struct RunStyle {
        var size: Int = 28
        var bold = false
        var italic = false
        var underline = false
    }

    struct ParagraphStyle {
        var alignment = "both"
        var firstLine = 0
        var left = 0
        var right = 0
        var before = 0
        var after = 0
        /// 240 = single line.
        var line = 240
        /// A line under the paragraph (the short rule under an issuer's name), as wide as its indents leave.
        var bottomRule = false
        var keepNext = false
    }

    static func twips(_ millimetres: Double) -> Int { Int((millimetres * 56.7).rounded()) }

    static func run(_ text: String, _ style: RunStyle) -> String {
        var properties = #"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/>"#
        if style.bold { properties += "<w:b/><w:bCs/>" }
        if style.italic { properties += "<w:i/><w:iCs/>" }
        if style.underline { properties += #"<w:u w:val="single"/>"# }
        properties += #"<w:sz w:val="\#(style.size)"/><w:szCs w:val="\#(style.size)"/>"#
        return "<w:r><w:rPr>\(properties)</w:rPr><w:t xml:space=\"preserve\">\(XMLText.escape(text))</w:t></w:r>"
    }

    static func paragraph(_ runs: String, _ style: ParagraphStyle, runSize: Int = 28) -> String {
        var properties = style.keepNext ? "<w:keepNext/>" : ""
        if style.bottomRule { properties += #"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>"# }
        properties += #"<w:spacing w:before="\#(style.before)" w:after="\#(style.after)" w:line="\#(style.line)" w:lineRule="auto"/>"#
        properties += #"<w:ind w:left="\#(style.left)" w:right="\#(style.right)" w:firstLine="\#(style.firstLine)"/>"#
        properties += #"<w:jc w:val="\#(style.alignment)"/>"#
        properties += #"<w:rPr><w:sz w:val="\#(runSize)"/><w:szCs w:val="\#(runSize)"/></w:rPr>"#
        return "<w:p><w:pPr>\(properties)</w:pPr>\(runs)</w:p>"
    }

    static func text(_ text: String, run: RunStyle = RunStyle(), paragraph: ParagraphStyle = ParagraphStyle()) -> String {
        Self.paragraph(text.isEmpty ? "" : Self.run(text, run), paragraph, runSize: run.size)
    }

    static func cell(_ content: String, width: Int, span: Int = 1, header: Bool = false) -> String {
        "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>" + (span > 1 ? "<w:gridSpan w:val=\"\(span)\"/>" : "")
            + (header ? #"<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>"# : "") + #"<w:vAlign w:val="center"/>"#
            + "</w:tcPr>\(content.isEmpty ? "<w:p/>" : content)</w:tc>"
    }

    /// A table: `borders` single lines, or none (the header and signature blocks).
    static func table(widths: [Int], rows: [String], borders: Bool) -> String {
        let line = borders ? #"w:val="single" w:sz="4" w:space="0" w:color="000000""# : #"w:val="nil""#
        let edges = ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) \(line)/>" }.joined()
        return "<w:tbl><w:tblPr><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>\(edges)</w:tblBorders>"
            + #"<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>"#
            + "<w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>" + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
            + rows.joined() + "</w:tbl>"
    }

    static func row(_ cells: [String], header: Bool = false) -> String {
        "<w:tr><w:trPr><w:cantSplit/>" + (header ? "<w:tblHeader/>" : "") + "</w:trPr>" + cells.joined() + "</w:tr>"
    }
}
