import Foundation
import Vapor

/// DHIS2's envelope for answers that are not data (`{"httpStatus": "Conflict", "httpStatusCode": 409, "status":
/// "ERROR", "message": …, "response": …}`): every error of the DHIS2 routes, and the import summaries.
struct WebMessage: Encodable {
    let httpStatus: String
    let httpStatusCode: Int
    /// OK, WARNING or ERROR.
    let status: String
    let message: String?
    let errorCode: String?
    let response: DHIS2JSON?

    init(_ status: HTTPResponseStatus, _ outcome: String, message: String?, errorCode: String? = nil, response: DHIS2JSON? = nil) {
        httpStatus = Self.reasonPhrase(status)
        httpStatusCode = Int(status.code)
        self.status = outcome
        self.message = message
        self.errorCode = errorCode
        self.response = response
    }

    /// DHIS2 writes Spring's reason phrases ("OK", "Conflict", "Not Found", "Unauthorized").
    static func reasonPhrase(_ status: HTTPResponseStatus) -> String { status.reasonPhrase }

    func encode(to encoder: any Encoder) throws {
        var pairs: [(String, DHIS2JSON)] = [("httpStatus", .string(httpStatus)), ("httpStatusCode", .number(Double(httpStatusCode))),
                                            ("status", .string(status))]
        if let message { pairs.append(("message", .string(message))) }
        if let errorCode { pairs.append(("errorCode", .string(errorCode))) }
        if let response { pairs.append(("response", response)) }
        try DHIS2JSON.object(pairs).encode(to: encoder)
    }

    func response(headers: HTTPHeaders = [:]) throws -> Response {
        let response = Response(status: HTTPResponseStatus(statusCode: httpStatusCode), headers: headers)
        try response.content.encode(self, as: .json)
        return response
    }

    /// An import's summary in the envelope, with the status DHIS2 ≥ 2.38 gives it: 200 OK when everything was taken,
    /// 409 Conflict with status WARNING (some values refused) or ERROR (nothing written).
    static func importSummary(_ summary: ImportSummary, options: DHIS2JSON) -> WebMessage {
        let conflicts = DHIS2JSON.array(summary.conflicts.map { .object([("object", .string($0.object)), ("value", .string($0.value))]) })
        let body = DHIS2JSON.object([
            ("responseType", .string("ImportSummary")), ("status", .string(summary.status)), ("importOptions", options),
            ("description", .string(summary.description)),
            ("importCount", .object([("imported", .number(Double(summary.importCount.imported))), ("updated", .number(Double(summary.importCount.updated))),
                                     ("ignored", .number(Double(summary.importCount.ignored))), ("deleted", .number(Double(summary.importCount.deleted)))])),
            ("conflicts", conflicts), ("dataSetComplete", .string(summary.dataSetComplete)),
        ])
        switch summary.status {
        case "SUCCESS": return WebMessage(.ok, "OK", message: "Import was successful.", response: body)
        case "WARNING": return WebMessage(.conflict, "WARNING", message: "One more conflicts encountered, please check import summary.", response: body)
        default: return WebMessage(.conflict, "ERROR", message: "An error occurred, please check import summary.", response: body)
        }
    }
}

/// A refusal of the DHIS2 routes that has no counterpart in chitieu's own errors (a missing DHIS2 parameter, an
/// unsupported option), with DHIS2's status and error code.
struct DHIS2Error: Error, Sendable {
    let status: HTTPResponseStatus
    let errorCode: String?
    let vietnamese: String
    let english: String

    init(_ status: HTTPResponseStatus = .conflict, code: String? = nil, vi: String, en: String) {
        (self.status, errorCode, vietnamese, english) = (status, code, vi, en)
    }

    static func missing(_ parameter: String, code: String? = nil) -> DHIS2Error {
        DHIS2Error(code: code, vi: "Thiếu tham số \(parameter) (bắt buộc).", en: "Parameter \(parameter) is required.")
    }

    static func unsupported(_ parameter: String, _ value: String, allowed: [String]) -> DHIS2Error {
        DHIS2Error(vi: "Tham số \(parameter)=\(value) không được hỗ trợ; giá trị được phép: \(allowed.joined(separator: ", ")).",
                   en: "Parameter \(parameter)=\(value) is not supported; allowed: \(allowed.joined(separator: ", ")).")
    }

    static func notFound(_ type: String, _ id: String) -> DHIS2Error {
        DHIS2Error(.notFound, code: "E1005", vi: "Không có \(type) mã \(id).", en: "\(type) with id \(id) could not be found.")
    }
}

/// Every error of the DHIS2 routes as a WebMessage, in the caller's language, with the status chitieu's own API gives
/// it (401, 403, 404, 409, 429 with `Retry-After`, 400 for unreadable input).
struct DHIS2ErrorMiddleware: AsyncMiddleware {
    static let versions = 29...42

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            if let version = request.parameters.get("version"), !(Int(version).map { Self.versions.contains($0) } ?? false) {
                throw DHIS2Error(.notFound, vi: "Không có phiên bản API \(version) (được phép 29–42).", en: "No API version \(version) (29–42 are served).")
            }
            return try await next.respond(to: request)
        } catch let error as DHIS2Error {
            let message = request.language == .vietnamese ? error.vietnamese : error.english
            return try WebMessage(error.status, "ERROR", message: message, errorCode: error.errorCode).response()
        } catch {
            let error = AppErrorMiddleware.inputError(error, request) ?? error
            let (status, reason) = AppErrorMiddleware.describe(error, request.language)
            if status.code >= 500 { request.logger.report(error: error) }
            var headers = HTTPHeaders()
            if case AppError.tooManyAttempts(let seconds) = error { headers.replaceOrAdd(name: .retryAfter, value: String(seconds)) }
            if status == .unauthorized { headers.replaceOrAdd(name: .wwwAuthenticate, value: #"Basic realm="DHIS2""#) }
            return try WebMessage(status, "ERROR", message: reason).response(headers: headers)
        }
    }
}
