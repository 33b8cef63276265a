import Foundation

/// A JSON value read strictly (a boolean is never a number), for checking responses against schemas.
enum JSON: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSON]), object([String: JSON])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSON].self)) }
    }

    subscript(key: String) -> JSON? { if case .object(let o) = self { o[key] } else { nil } }
    var string: String? { if case .string(let s) = self { s } else { nil } }
    var strings: [String] { if case .array(let a) = self { a.compactMap(\.string) } else { [] } }
    var object: [String: JSON] { if case .object(let o) = self { o } else { [:] } }
    var array: [JSON] { if case .array(let a) = self { a } else { [] } }
}

/// Checks JSON against the subset of JSON Schema our OpenAPI document uses: type (also as
/// `[type, "null"]`), properties, required, additionalProperties false, items, enum, const, $ref.
struct SchemaValidator {
    let components: [String: JSON]

    func errors(_ value: JSON, _ schema: JSON, at path: String = "$") -> [String] {
        if let ref = schema["$ref"]?.string {
            let name = String(ref.split(separator: "/").last ?? "")
            guard let target = components[name] else { return ["\(path): unknown $ref \(ref)"] }
            return errors(value, target, at: path)
        }
        let types = schema["type"].map { $0.string.map { [$0] } ?? $0.strings } ?? []
        if !types.isEmpty && !types.contains(where: { Self.matches(value, $0) }) {
            return ["\(path): \(value) is not \(types.joined(separator: "|"))"]
        }
        var found: [String] = []
        if case .array(let options)? = schema["enum"], !options.contains(value) { found.append("\(path): \(value) not in enum") }
        if let constant = schema["const"], constant != value { found.append("\(path): \(value) is not \(constant)") }
        if case .object(let object) = value, let properties = schema["properties"]?.object {
            for key in schema["required"]?.strings ?? [] where object[key] == nil { found.append("\(path).\(key): required but missing") }
            if schema["additionalProperties"] == .bool(false) {
                for key in object.keys where properties[key] == nil { found.append("\(path).\(key): not in the schema") }
            }
            for (key, sub) in properties { if let child = object[key] { found += errors(child, sub, at: "\(path).\(key)") } }
        }
        if case .array(let array) = value, let items = schema["items"] {
            for (index, item) in array.enumerated() { found += errors(item, items, at: "\(path)[\(index)]") }
        }
        return found
    }

    static func matches(_ value: JSON, _ type: String) -> Bool {
        switch (value, type) {
        case (.null, "null"), (.object, "object"), (.array, "array"), (.string, "string"), (.bool, "boolean"), (.number, "number"): true
        case (.number(let n), "integer"): n.rounded() == n
        default: false
        }
    }
}
