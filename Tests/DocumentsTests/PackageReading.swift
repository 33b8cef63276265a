import Documents
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Opens a written package the way an office suite does: unzips it and parses every XML part.
struct PackageReading {
    let parts: [String: String]

    init(_ data: Data) throws {
        parts = try ZipPackage.parts(of: data).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// Every `.xml` and `.rels` part is well-formed XML.
    func allWellFormed() -> [String] {
        parts.filter { $0.key.hasSuffix(".xml") || $0.key.hasSuffix(".rels") }.compactMap { path, text in
            let parser = XMLParser(data: Data(text.utf8))
            return parser.parse() ? nil : "\(path): \(parser.parserError.map(String.init(describing:)) ?? "?")"
        }
    }

    func part(_ path: String) throws -> String { try #require(parts[path], "no part \(path) in \(parts.keys.sorted())") }
}
