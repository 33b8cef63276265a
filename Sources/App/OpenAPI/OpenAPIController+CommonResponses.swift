import Foundation

extension OpenAPIController {
    /// Answers every operation can give for reasons outside its own handler, added once here rather than
    /// repeated in each fragment: 400 from the input guard (a control character in the address or body) and
    /// from reading the query; 413 and 415 for an operation that takes a body (too large; a content type it
    /// does not read); 404 where a `plan` parameter names no loaded plan; 401 for every operation (a public one
    /// too answers 401 to a token that is invalid). An operation's own description of the same status is kept.
    static func addCommonResponses(to paths: [String: Any]) -> [String: Any] {
        paths.mapValues { item -> Any in
            guard var item = item as? [String: Any] else { return item }
            for (method, operation) in item {
                guard var operation = operation as? [String: Any], var responses = operation["responses"] as? [String: Any] else { continue }
                let takesBody = operation["requestBody"] != nil
                let parameters = (operation["parameters"] as? [[String: Any]] ?? []) + (item["parameters"] as? [[String: Any]] ?? [])
                let isPublic = (operation["security"] as? [Any])?.isEmpty == true
                var common: [(String, String)] = [("400", "Bad input: a control character in the address or body, or a parameter of the wrong type — the reason names it")]
                if takesBody {
                    common += [("413", "The body is larger than the server takes"),
                               ("415", "A Content-Type this operation does not read (or none)")]
                }
                if parameters.contains(where: { $0["name"] as? String == "plan" && $0["in"] as? String == "query" }) {
                    common.append(("404", "No plan with this code (plan), or nothing at this address"))
                }
                common.append(("401", isPublic ? "An Authorization header whose token is invalid, expired or revoked"
                                                : "Not signed in, or the token is invalid, expired or revoked"))
                for (status, description) in common where responses[status] == nil {
                    responses[status] = errorResponse(description)
                }
                operation["responses"] = responses
                item[method] = operation
            }
            return item
        }
    }

    static func errorResponse(_ description: String) -> [String: Any] {
        ["description": description, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
    }
}
