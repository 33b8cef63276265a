import Vapor

/// What every page's frame needs: language, labels, title, and the link to the other language.
struct Layout: Encodable {
    let lang: String
    /// Labels by key with `_` for `.` (Leaf reads `t.nav_indicators`, not subscripts).
    let t: [String: String]
    let title: String
    let otherLanguageURL: String

    init(_ request: Request, title: String) {
        let language = request.language
        lang = language.rawValue
        t = Dictionary(uniqueKeysWithValues: Localizer.table(language).map { ($0.key.replacingOccurrences(of: ".", with: "_"), $0.value) })
        self.title = title
        let other = language == .vietnamese ? Language.english : .vietnamese
        otherLanguageURL = request.url.path + "?lang=" + other.rawValue
    }
}

extension Request {
    /// Renders a page and remembers a language chosen with `?lang=` in a cookie.
    func page(_ template: String, _ context: some Encodable) async throws -> Response {
        let response = try await view.render(template, context).encodeResponse(for: self)
        if let chosen = query[String.self, at: "lang"], let language = Language(rawValue: chosen) {
            response.cookies["lang"] = HTTPCookies.Value(string: language.rawValue, maxAge: 365 * 24 * 3600,
                                                         path: "/", isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }
}
