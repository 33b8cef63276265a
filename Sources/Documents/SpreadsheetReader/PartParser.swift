import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A streaming (SAX) pass over one XML part. A DOCTYPE is refused before parsing, so no entity can expand. The
/// deadline is checked every few hundred events; the first failure stops the parse and nothing after it is seen.
class PartParser: NSObject, XMLParserDelegate {
    let part: String
    let deadline: ReadDeadline
    var failure: XLSXReadError?
    private var events = 0

    init(part: String, deadline: ReadDeadline) {
        self.part = part
        self.deadline = deadline
    }

    func fail(_ error: XLSXReadError, _ parser: XMLParser) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }

    /// Whether to go on with this event: no failure yet and time left.
    private func proceed(_ parser: XMLParser) -> Bool {
        guard failure == nil else { return false }
        events &+= 1
        if events % 256 == 0, deadline.isPast { fail(.tooSlow(seconds: deadline.seconds), parser); return false }
        return true
    }

    func run(_ data: Data) throws(XLSXReadError) {
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil { throw .corrupted(part: part) }
        // Foundation's XMLParser (libxml2 in recovery mode) traps on a name that is not UTF-8 (found by fuzzing): parts
        // must be UTF-8, as the package format says, and declare no other encoding.
        guard String(data: data, encoding: .utf8) != nil, Self.declaresUTF8(data) else { throw .corrupted(part: part) }
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = self
        let ok = parser.parse()
        if let failure { throw failure }
        if !ok { throw .corrupted(part: part) }
    }

    /// No XML declaration, or one without an encoding or with UTF-8.
    static func declaresUTF8(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(200), as: UTF8.self)
        guard head.hasPrefix("<?xml") || head.hasPrefix("\u{FEFF}<?xml"), let end = head.range(of: "?>") else { return true }
        let declaration = head[..<end.lowerBound].lowercased()
        guard let encoding = declaration.range(of: "encoding") else { return true }
        let value = declaration[encoding.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
        return value.hasPrefix("utf-8") || value.hasPrefix("utf8")
    }

    // The delegate methods live here and call overridable ones: on Linux a subclass's own delegate methods would not
    // be found through the protocol conformance declared on this class.
    func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {}
    func end(_ name: String, _ parser: XMLParser) {}
    func characters(_ string: String) {}

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if proceed(parser) { start(name, attributes, parser) }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if proceed(parser) { end(name, parser) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if proceed(parser) { characters(string) } }

    /// `x:sheet` and `sheet` alike: some writers prefix the main namespace.
    static func local(_ name: String) -> String { name.split(separator: ":").last.map(String.init) ?? name }
}
