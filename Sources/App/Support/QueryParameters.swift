import Vapor

extension Request {
    /// One query parameter's text: nil when it is absent or empty ("any"); a 400 naming the parameter when it is
    /// given twice, or when `allowed` is set and the text is not one of them.
    func queryText(_ name: String, allowed: [String]? = nil) throws -> String? {
        let texts = (try? query.get([String].self, at: name)) ?? query[String.self, at: name].map { [$0] } ?? []
        let given = texts.filter { !$0.isEmpty }
        guard given.count <= 1 else {
            throw AppError.invalidQuery(parameter: name, value: given.joined(separator: ", "), allowed: allowed ?? ["một giá trị"])
        }
        guard let text = given.first else { return nil }
        if let allowed, !allowed.contains(text) {
            throw AppError.invalidQuery(parameter: name, value: text, allowed: allowed)
        }
        return text
    }
}

extension Request {
    /// A whole-number query parameter: nil when absent or empty; a 400 naming the parameter when it is not one.
    func queryWholeNumber(_ name: String) throws -> Int? {
        guard let text = try queryText(name) else { return nil }
        guard let number = Int(text) else { throw InputError.wrongType(name: name, place: .query, expected: .wholeNumber) }
        return number
    }

    /// A UUID query parameter (a cycle's id …): nil when absent or empty; a 400 naming the parameter when it is not one.
    func queryUUID(_ name: String) throws -> UUID? {
        guard let text = try queryText(name) else { return nil }
        guard let id = UUID(uuidString: text) else { throw InputError.invalidValue(name: name, place: .query, expected: .uuid) }
        return id
    }
}

extension String {
    /// The text as one value of an address's query: everything but RFC 3986's unreserved characters percent-encoded.
    var queryValue: String {
        addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }
}
