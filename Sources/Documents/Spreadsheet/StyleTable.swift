import Foundation

/// The cell formats used, numbered in order of first use (0 is Excel's default), with their fonts, fills, borders
/// and number formats.
struct StyleTable {
    private var styles: [CellStyle] = [.plain]
    private var indices: [CellStyle: Int] = [.plain: 0]

    mutating func index(of style: CellStyle) -> Int {
        if let index = indices[style] { return index }
        indices[style] = styles.count
        styles.append(style)
        return styles.count - 1
    }

    static func code(_ format: NumberFormat) -> (id: Int, code: String?) {
        switch format {
        case .general: (0, nil)
        case .integer: (3, nil)
        case .text: (49, nil)
        case .date: (-1, "dd/mm/yyyy")
        case .decimal(let places): places <= 0 ? (3, nil) : (-1, "#,##0." + String(repeating: "0", count: places))
        case .percent(let places): (-1, places <= 0 ? "0" : "0." + String(repeating: "0", count: places))
        case .custom(let code): (-1, code)
        }
    }

    func xml() -> String {
        var customCodes: [String] = []
        for style in styles { if let code = Self.code(style.numberFormat).code, !customCodes.contains(code) { customCodes.append(code) } }
        let fonts = Array(Set(styles.map { FontKey(bold: $0.bold, italic: $0.italic) })).sorted { ($0.bold ? 2 : 0) + ($0.italic ? 1 : 0) < ($1.bold ? 2 : 0) + ($1.italic ? 1 : 0) }
        let allFonts = [FontKey(bold: false, italic: false)] + fonts.filter { $0 != FontKey(bold: false, italic: false) }
        var fills: [String] = []
        for style in styles { if let fill = style.fill, !fills.contains(fill) { fills.append(fill) } }

        var xml = XMLText.declaration + #"<styleSheet xmlns="\#(WorkbookWriter.main)">"#
        if !customCodes.isEmpty {
            xml += "<numFmts count=\"\(customCodes.count)\">" + customCodes.enumerated().map {
                "<numFmt numFmtId=\"\(164 + $0.offset)\" formatCode=\"\(XMLText.escape($0.element))\"/>"
            }.joined() + "</numFmts>"
        }
        xml += "<fonts count=\"\(allFonts.count)\">" + allFonts.map {
            "<font>" + ($0.bold ? "<b/>" : "") + ($0.italic ? "<i/>" : "") + #"<sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
        }.joined() + "</fonts>"
        xml += "<fills count=\"\(fills.count + 2)\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
            + fills.map { #"<fill><patternFill patternType="solid"><fgColor rgb="FF\#($0)"/><bgColor indexed="64"/></patternFill></fill>"# }.joined() + "</fills>"
        let thin = #"<left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/>"#
        xml += #"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>\#(thin)</border></borders>"#
        xml += #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        xml += "<cellXfs count=\"\(styles.count)\">"
        for style in styles {
            let format = Self.code(style.numberFormat)
            let numFmtId = format.code.map { 164 + (customCodes.firstIndex(of: $0) ?? 0) } ?? format.id
            let fontId = allFonts.firstIndex(of: FontKey(bold: style.bold, italic: style.italic)) ?? 0
            let fillId = style.fill.flatMap { fills.firstIndex(of: $0) }.map { $0 + 2 } ?? 0
            xml += "<xf numFmtId=\"\(numFmtId)\" fontId=\"\(fontId)\" fillId=\"\(fillId)\" borderId=\"\(style.border ? 1 : 0)\" xfId=\"0\""
                + " applyNumberFormat=\"1\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\" applyProtection=\"1\">"
            xml += "<alignment" + (style.horizontal == .general ? "" : " horizontal=\"\(style.horizontal.rawValue)\"") + " vertical=\"top\""
                + (style.wrap ? " wrapText=\"1\"" : "") + "/>"
            xml += "<protection locked=\"\(style.locked ? 1 : 0)\"/></xf>"
        }
        xml += "</cellXfs>"
        xml += #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        return xml + "</styleSheet>"
    }

    private struct FontKey: Hashable {
        let bold: Bool
        let italic: Bool
    }
}
