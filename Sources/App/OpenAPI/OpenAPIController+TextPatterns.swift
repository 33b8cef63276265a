import Foundation

extension OpenAPIController {
    /// No control character in an address (C0, DEL, C1): the input guard refuses them with 400.
    static let addressText = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$"
    /// In a body, tab and line breaks may stand in text (a narrative); no other control character.
    static let bodyText = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"

    /// States the input guard's rule in the document: every free-text string of a parameter or request body
    /// (no `enum`, `format` or `pattern` of its own) gets the pattern above. Request bodies refer to
    /// `components.schemas`, so those schemas get the body pattern.
    static func addTextPatterns(paths: [String: Any], schemas: [String: Any]) -> (paths: [String: Any], schemas: [String: Any]) {
        var bodySchemas = Set<String>()
        let paths = paths.mapValues { item -> Any in
            guard var item = item as? [String: Any] else { return item }
            for (method, value) in item {
                guard var operation = value as? [String: Any] else { continue }
                if let parameters = operation["parameters"] as? [[String: Any]] {
                    operation["parameters"] = parameters.map { parameter in
                        var parameter = parameter
                        var ignored = Set<String>()
                        if let schema = parameter["schema"] { parameter["schema"] = withPattern(schema, addressText, references: &ignored) }
                        return parameter
                    }
                }
                if var body = operation["requestBody"] as? [String: Any], var content = body["content"] as? [String: Any],
                   var json = content["application/json"] as? [String: Any], let schema = json["schema"] {
                    var references = Set<String>()
                    json["schema"] = withPattern(schema, bodyText, references: &references)
                    bodySchemas.formUnion(references)
                    content["application/json"] = json
                    body["content"] = content
                    operation["requestBody"] = body
                }
                item[method] = operation
            }
            return item
        }
        var schemas = schemas
        var pending = Array(bodySchemas), done = Set<String>()
        while let name = pending.popLast() {
            guard !done.contains(name), let schema = schemas[name] else { continue }
            done.insert(name)
            var references = Set<String>()
            schemas[name] = withPattern(schema, bodyText, references: &references)
            pending += references.subtracting(done)
        }
        return (paths, schemas)
    }

    /// `schema` with `pattern` on every free-text string in it; the names of the components it refers to are collected.
    static func withPattern(_ schema: Any, _ pattern: String, references: inout Set<String>) -> Any {
        guard var schema = schema as? [String: Any] else { return schema }
        if let reference = schema["$ref"] as? String {
            references.insert(String(reference.split(separator: "/").last ?? ""))
            return schema
        }
        let types = (schema["type"] as? [String]) ?? [schema["type"] as? String].compactMap { $0 }
        if types.contains("string"), schema["enum"] == nil, schema["format"] == nil, schema["pattern"] == nil, schema["const"] == nil {
            schema["pattern"] = pattern
        }
        for key in ["items", "additionalProperties"] where schema[key] is [String: Any] {
            schema[key] = withPattern(schema[key] as Any, pattern, references: &references)
        }
        if let properties = schema["properties"] as? [String: Any] {
            schema["properties"] = properties.mapValues { withPattern($0, pattern, references: &references) }
        }
        for key in ["oneOf", "anyOf", "allOf"] {
            if let list = schema[key] as? [Any] { schema[key] = list.map { withPattern($0, pattern, references: &references) } }
        }
        return schema
    }
}
