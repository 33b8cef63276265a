import Foundation
import Planning
import Vapor

/// A JSON value built in memory: DHIS2's metadata objects are trees whose fields a client picks (`fields=`), so they
/// are built as trees and cut, filtered and paged generically (`MetadataQuery`).
indirect enum DHIS2JSON: Sendable, Equatable, Encodable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([DHIS2JSON])
    /// Keys in the order they were written (what the client reads first stays first).
    case object([(String, DHIS2JSON)])
    /// Another metadata object, written `{"id": …}` unless the client asks for more of it (`parent[id,name]`).
    case reference(type: String, id: String)

    static func == (a: DHIS2JSON, b: DHIS2JSON) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.reference(let t, let x), .reference(let u, let y)): t == u && x == y
        default: false
        }
    }

    /// A reference to another object, as DHIS2 writes one: `{"id": "SYT"}`.
    static func reference(_ id: String) -> DHIS2JSON { .object([("id", .string(id))]) }

    subscript(key: String) -> DHIS2JSON? {
        switch self {
        case .object(let pairs): pairs.first { $0.0 == key }?.1
        case .reference(_, let id): key == "id" ? .string(id) : nil
        default: nil
        }
    }

    var keys: [String] {
        guard case .object(let pairs) = self else { return [] }
        return pairs.map(\.0)
    }

    /// The value as text for comparisons (`filter=`): numbers as DHIS2 writes them, booleans as true/false.
    var text: String? {
        switch self {
        case .string(let s): s
        case .number(let n): NumberStyle.plain(n)
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let s): var c = encoder.singleValueContainer(); try c.encode(s)
        case .number(let n): var c = encoder.singleValueContainer(); try c.encode(n)
        case .bool(let b): var c = encoder.singleValueContainer(); try c.encode(b)
        case .null: var c = encoder.singleValueContainer(); try c.encodeNil()
        case .array(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(item) }
        case .object(let pairs):
            var c = encoder.container(keyedBy: Key.self)
            for (key, value) in pairs { try c.encode(value, forKey: Key(stringValue: key)) }
        case .reference(_, let id):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(id, forKey: Key(stringValue: "id"))
        }
    }

    /// A JSON answer with DHIS2's content type.
    func response(status: HTTPResponseStatus = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let response = Response(status: status, body: .init(data: try encoder.encode(self)))
        response.headers.contentType = .json
        return response
    }
}
