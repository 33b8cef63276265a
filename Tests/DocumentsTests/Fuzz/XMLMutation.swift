import Foundation
import FuzzSupport

/// Mutations of an XML part as text: hostile attribute values (`r`, `s`, `t`, `numFmtId`, `r:id`…), hostile `<v>`
/// text, elements repeated or removed, deep nesting. Rough on purpose: the result need not be well-formed.
enum XMLMutation {
    static let attributes = ["r", "s", "t", "numFmtId", "r:id", "date1904", "Target", "Id", "count", "name", "state"]

    static func mutate(_ xml: String, using g: inout SplitMix64) -> String {
        var text = xml
        for _ in 0..<Int.random(in: 1...3, using: &g) {
            switch Int.random(in: 0..<7, using: &g) {
            case 0, 1: text = replaceAttribute(in: text, using: &g)
            case 2: text = replaceElementText(in: text, element: ["v", "t"].randomElement(using: &g) ?? "v", using: &g)
            case 3: text = repeatElement(in: text, using: &g)
            case 4: text = removeElement(in: text, using: &g)
            case 5: text = nest(in: text, depth: Int.random(in: 10...3_000, using: &g), using: &g)
            default: text = insert(HostileText.random(using: &g), in: text, using: &g)
            }
        }
        return text
    }

    static func hostileValue(using g: inout SplitMix64) -> String {
        switch Int.random(in: 0..<4, using: &g) {
        case 0: HostileText.numbers.randomElement(using: &g) ?? ""
        case 1: (HostileText.letters.randomElement(using: &g) ?? "A") + (HostileText.numbers.randomElement(using: &g) ?? "1")
        case 2: ["s", "n", "b", "e", "str", "inlineStr", "d", "", "S"].randomElement(using: &g) ?? ""
        default: HostileText.random(using: &g)
        }
    }

    /// Each occurrence of ` name="` is a place; one of them gets a hostile value.
    static func replaceAttribute(in text: String, using g: inout SplitMix64) -> String {
        let name = attributes.randomElement(using: &g) ?? "r"
        let places = text.ranges(of: " \(name)=\"")
        guard let place = places.randomElement(using: &g), let close = text[place.upperBound...].firstIndex(of: "\"") else { return text }
        let value = hostileValue(using: &g).replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "<", with: "&lt;")
        return String(text[..<place.upperBound]) + value + String(text[close...])
    }

    static func replaceElementText(in text: String, element: String, using g: inout SplitMix64) -> String {
        let places = text.ranges(of: "<\(element)>")
        guard let place = places.randomElement(using: &g), let close = text[place.upperBound...].range(of: "</\(element)>") else { return text }
        let value = hostileValue(using: &g).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return String(text[..<place.upperBound]) + value + String(text[close.lowerBound...])
    }

    /// An element from `<name` to its `</name>` (or `/>`), found roughly.
    static func element(in text: String, using g: inout SplitMix64) -> Range<String.Index>? {
        let name = ["c", "row", "si", "xf", "sheet", "v", "Relationship", "property"].randomElement(using: &g) ?? "c"
        guard let start = text.ranges(of: "<\(name) ").randomElement(using: &g) ?? text.ranges(of: "<\(name)>").randomElement(using: &g) else { return nil }
        let rest = text[start.upperBound...]
        guard let end = rest.range(of: "</\(name)>")?.upperBound ?? rest.range(of: "/>")?.upperBound else { return nil }
        return start.lowerBound..<end
    }

    static func repeatElement(in text: String, using g: inout SplitMix64) -> String {
        guard let range = element(in: text, using: &g) else { return text }
        let copies = String(repeating: String(text[range]), count: Int.random(in: 1...50, using: &g))
        return String(text[..<range.upperBound]) + copies + String(text[range.upperBound...])
    }

    static func removeElement(in text: String, using g: inout SplitMix64) -> String {
        guard let range = element(in: text, using: &g) else { return text }
        return String(text[..<range.lowerBound]) + String(text[range.upperBound...])
    }

    static func nest(in text: String, depth: Int, using g: inout SplitMix64) -> String {
        insert(String(repeating: "<c>", count: depth) + String(repeating: "</c>", count: depth), in: text, using: &g)
    }

    static func insert(_ piece: String, in text: String, using g: inout SplitMix64) -> String {
        let places = text.ranges(of: ">")
        guard let place = places.randomElement(using: &g) else { return text + piece }
        return String(text[..<place.upperBound]) + piece + String(text[place.upperBound...])
    }
}
