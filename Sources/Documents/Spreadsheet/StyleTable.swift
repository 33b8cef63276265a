import Foundation

/// The cell formats used, numbered in order of first use (0 is Excel's default), with their fonts, fills, borders
/// and number formats. A format may carry Excel's quote prefix: the cell's text is shown and edited as text even when it
/// begins like a formula (`FormulaGuard`), without a quote added to the value.
struct StyleTable {
    private struct Format: Hashable {
        let style: CellStyle
        let quotePrefix: Bool
    }

    private var formats: [Format] = [Format(style: .plain, quotePrefix: false)]
    private var indices: [Format: Int] = [Format(style: .plain, quotePrefix: false): 0]
    private var styles: [CellStyle] { formats.map(\.style) }

    mutating func index(of style: CellStyle, quotePrefix: Bool = false) -> Int {
        let format = Format(style: style, quotePrefix: quotePrefix)
        if let index = indices[format] { return index }
        indices[format] = formats.count
        formats.append(format)
        return formats.count - 1
    }

    static func code(_ format: NumberFormat) -> (id: Int, code: String?) {
        switch format {
        case .general: (0, nil)
        case .integer: (3, nil)
        case .text: (49, nil)
        case .date: (-1, "dd/mm/yyyy")
        case .dateTime: (-1, "dd/mm/yyyy hh:mm")
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
        xml += "<cellXfs count=\"\(formats.count)\">"
        for (style, quotePrefix) in formats.map({ ($0.style, $0.quotePrefix) }) {
            let format = Self.code(style.numberFormat)
            let numFmtId = format.code.map { 164 + (customCodes.firstIndex(of: $0) ?? 0) } ?? format.id
            let fontId = allFonts.firstIndex(of: FontKey(bold: style.bold, italic: style.italic)) ?? 0
            let fillId = style.fill.flatMap { fills.firstIndex(of: $0) }.map { $0 + 2 } ?? 0
            xml += "<xf numFmtId=\"\(numFmtId)\" fontId=\"\(fontId)\" fillId=\"\(fillId)\" borderId=\"\(style.border ? 1 : 0)\" xfId=\"0\""
                + (quotePrefix ? " quotePrefix=\"1\"" : "")
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
