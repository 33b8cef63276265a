import Planning
import Vapor

/// Refuses, before any handler or query runs, a request whose address or body holds a control
/// character (NUL breaks PostgreSQL text; none belongs in a code, a name or a password).
struct InputGuardMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let address = request.url.string.removingPercentEncoding ?? request.url.string
        if Text.hasControlCharacters(address) { throw AppError.controlCharacters }
        if !Self.isFile(request), let body = request.body.string, Self.hasControlCharacters(body, contentType: request.headers.contentType) {
            throw AppError.controlCharacters
        }
        return try await next.respond(to: request)
    }

    /// An uploaded file (a workbook, or a form that carries one) is binary: the reader checks what it takes from it.
    static func isFile(_ request: Request) -> Bool {
        if let type = request.headers.contentType,
           type.type == "multipart" || type.subType.contains("spreadsheetml") || type.subType == "octet-stream" { return true }
        return request.body.data.map { $0.readableBytesView.starts(with: [0x50, 0x4B, 0x03, 0x04]) } ?? false
    }

    /// A form body carries them percent-encoded (`%00`), JSON as `\u0000` escapes; either as raw bytes.
    /// Tab and line breaks may stand in a body (a multi-line narrative); fields that must not hold them
    /// (names, codes, `next`) refuse them where they are read.
    static func hasControlCharacters(_ body: String, contentType: HTTPMediaType?) -> Bool {
        if forbidden(body) { return true }
        if contentType == .urlEncodedForm {
            return forbidden(body.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? body)
        }
        if contentType == .json { return hasEscapedControlCharacter(body) }
        return false
    }

    /// A JSON escape of a control character: C0 (\u0000–\u001f except \u0009 tab, \u000a and \u000d line
    /// breaks), DEL (\u007f) and C1 (\u0080–\u009f, such as \u0085 or \u009b), as `forbidden` refuses raw.
    /// An escaped backslash before it (`\\u0085`, the six characters of text) is not an escape.
    static func hasEscapedControlCharacter(_ body: String) -> Bool {
        body.range(of: #"(?<!\\)(\\\\)*\\u00(0[0-8bcefBCEF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])"#, options: .regularExpression) != nil
    }

    static func forbidden(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\r" && $0 != "\t" }
    }
}

/// Serves `Public/` only for the paths that hold static files, so that no other request (an overlong
/// path, say) turns into a file-system lookup.
struct StaticFilesMiddleware: AsyncMiddleware {
    let files: FileMiddleware
    static let prefixes = ["/css/", "/js/", "/favicon.svg"]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.url.path.count < 256, Self.prefixes.contains(where: request.url.path.hasPrefix) else {
            return try await next.respond(to: request)
        }
        return try await files.respond(to: request, chainingTo: next).get()
    }
}
