import Foundation
import Planning
#if canImport(FoundationXML)
import FoundationXML
#endif

enum WorkbookPart {
    struct Sheet { let name: String; let relationship: String; let hidden: Bool }

    final class Parser: PartParser {
        var sheets: [Sheet] = []
        var date1904 = false
        override func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {
            switch Self.local(name) {
            case "sheet":
                let id = attributes.first { Self.local($0.key) == "id" && $0.key != "sheetId" }?.value ?? ""
                sheets.append(Sheet(name: attributes["name"] ?? "", relationship: id, hidden: ["hidden", "veryHidden"].contains(attributes["state"] ?? "")))
            case "workbookPr": date1904 = ["1", "true"].contains(attributes["date1904"] ?? "")
            default: break
            }
        }
    }

    static func parse(_ data: Data, deadline: ReadDeadline) throws(XLSXReadError) -> (sheets: [Sheet], date1904: Bool) {
        let parser = Parser(part: "xl/workbook.xml", deadline: deadline)
        try parser.run(data)
        return (parser.sheets, parser.date1904)
    }
}

enum RelationshipsPart {
    final class Parser: PartParser {
        var targets: [String: String] = [:]
        override func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {
            if Self.local(name) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
        }
    }

    static func parse(_ data: Data?, part: String, deadline: ReadDeadline) throws(XLSXReadError) -> [String: String] {
        guard let data else { throw .corrupted(part: part) }
        let parser = Parser(part: part, deadline: deadline)
        try parser.run(data)
        return parser.targets
    }
}

enum SharedStringsPart {
    /// Each `<si>`'s text: its `<t>`, or its rich-text runs' `<t>`s joined; phonetic runs (`<rPh>`) left out.
    final class Parser: PartParser {
        var strings: [String] = []
        var current = "", inText = false, inPhonetic = false
        override func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {
            switch Self.local(name) {
            case "si": current = ""
            case "t": inText = !inPhonetic
            case "rPh": inPhonetic = true
            default: break
            }
        }
        override func end(_ name: String, _ parser: XMLParser) {
            switch Self.local(name) {
            case "si": strings.append(current)
            case "t": inText = false
            case "rPh": inPhonetic = false
            default: break
            }
        }
        override func characters(_ string: String) { if inText { current += string } }
    }

    static func parse(_ data: Data, deadline: ReadDeadline) throws(XLSXReadError) -> [String] {
        let parser = Parser(part: "xl/sharedStrings.xml", deadline: deadline)
        try parser.run(data)
        return parser.strings
    }
}

enum StylesPart {
    /// For each cell format (by index), whether its number format shows a date.
    final class Parser: PartParser {
        var customFormats: [Int: String] = [:]
        var formatIDs: [Int] = []
        var inCellXfs = false
        override func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {
            switch Self.local(name) {
            case "numFmt": if let id = attributes["numFmtId"].flatMap(Int.init) { customFormats[id] = attributes["formatCode"] ?? "" }
            case "cellXfs": inCellXfs = true
            case "xf": if inCellXfs { formatIDs.append(attributes["numFmtId"].flatMap(Int.init) ?? 0) }
            default: break
            }
        }
        override func end(_ name: String, _ parser: XMLParser) {
            if Self.local(name) == "cellXfs" { inCellXfs = false }
        }
    }

    static func dateStyles(_ data: Data, deadline: ReadDeadline) throws(XLSXReadError) -> [Bool] {
        let parser = Parser(part: "xl/styles.xml", deadline: deadline)
        try parser.run(data)
        return parser.formatIDs.map { id in
            if (14...22).contains(id) || (45...47).contains(id) { return true }
            return parser.customFormats[id].map(isDateFormat) ?? false
        }
    }

    /// A format code shows a date when, outside quotes, brackets and escapes, it has d, m or y (an `h`/`s` with `m` is time).
    static func isDateFormat(_ code: String) -> Bool {
        var inQuote = false, inBracket = false, escaped = false, letters = Set<Character>()
        for c in code.lowercased() {
            if escaped { escaped = false; continue }
            switch c {
            case "\\": escaped = true
            case "\"": inQuote.toggle()
            case "[": if !inQuote { inBracket = true }
            case "]": if !inQuote { inBracket = false }
            default: if !inQuote && !inBracket { letters.insert(c) }
            }
        }
        return letters.contains("d") || letters.contains("y") || (letters.contains("m") && !letters.contains("h") && !letters.contains("s") && !letters.contains("0"))
    }
}

enum CustomPropertiesPart {
    final class Parser: PartParser {
        var properties: [String: String] = [:]
        var name: String?, value = ""
        override func start(_ element: String, _ attributes: [String: String], _ parser: XMLParser) {
            if Self.local(element) == "property" { name = attributes["name"]; value = "" }
        }
        override func end(_ element: String, _ parser: XMLParser) {
            if Self.local(element) == "property", let name { properties[name] = value; self.name = nil }
        }
        override func characters(_ string: String) { if name != nil { value += string } }
    }

    static func parse(_ data: Data, deadline: ReadDeadline) throws(XLSXReadError) -> [String: String] {
        let parser = Parser(part: "docProps/custom.xml", deadline: deadline)
        try parser.run(data)
        return parser.properties
    }
}
