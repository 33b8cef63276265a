import Foundation
import Vapor

/// The query of a DHIS2 request read as DHIS2 reads it: repeatable parameters (`filter=…&filter=…`,
/// `dimension=…`), and values kept whole — commas, brackets and pipes are part of DHIS2's syntax
/// (`filter=id:in:[A,B]`, `fields=id,parent[id]`), not list separators.
struct DHIS2Parameters: Sendable {
    let pairs: [(name: String, value: String)]

    init(_ request: Request) {
        pairs = (request.url.query ?? "").split(separator: "&").compactMap { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            guard let name = parts.first.map(decode), !name.isEmpty else { return nil }
            return (name, parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// The last value given (an empty one counts as absent).
    func value(_ name: String) -> String? { values(name).last.flatMap { $0.isEmpty ? nil : $0 } }

    /// `true`/`false` (DHIS2 takes no other spelling); absent gives `defaultValue`.
    func flag(_ name: String, default defaultValue: Bool = false) throws -> Bool {
        guard let text = value(name) else { return defaultValue }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw AppError.invalidQuery(parameter: name, value: text, allowed: ["true", "false"])
        }
    }

    /// The first of `names` that is given (DHIS2 spells some parameters two ways: `de`/`dataElement`).
    func value(_ names: String...) -> String? { names.lazy.compactMap { value($0) }.first }
}
