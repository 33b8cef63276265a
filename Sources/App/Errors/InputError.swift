import Foundation
import Vapor

/// A request the framework could not read as the handler expects — a query parameter or body field of the
/// wrong type, a missing one, a body that is not JSON, a content type no route reads, a method the address
/// does not take. Built once from Vapor's and Foundation's errors (`init?(_:request:)`), so that no answer
/// carries a decoder's English ("Data corrupted at path …", "Can't decode data without a content type").
enum InputError: FeatureError, Equatable {
    /// Where the named value was read from.
    enum Place: Sendable, Equatable { case query, body }

    case wrongType(name: String, place: Place, expected: Expected)
    case missing(name: String, place: Place)
    case invalidValue(name: String, place: Place, expected: Expected?)
    case unreadableBody
    /// Valid JSON of the wrong shape as a whole (a list where an object is expected).
    case wrongBody(expected: Expected)
    case unsupportedMediaType(String)
    case bodyTooLarge
    case methodNotAllowed(allowed: [String])
    case badRequest

    var status: HTTPResponseStatus {
        switch self {
        case .unsupportedMediaType: .unsupportedMediaType
        case .bodyTooLarge: .payloadTooLarge
        case .methodNotAllowed: .methodNotAllowed
        default: .badRequest
        }
    }

    func message(_ language: Language) -> String {
        let vi = language == .vietnamese
        switch self {
        case .wrongType(let name, let place, let expected):
            return vi ? "\(Self.label(place, vi)) \(name) không hợp lệ: cần \(expected.text(vi))."
                      : "\(Self.label(place, vi)) \(name) is not valid: \(expected.text(vi)) is expected."
        case .missing(let name, let place):
            return vi ? "Thiếu \(Self.label(place, vi).lowercased()) \(name) (bắt buộc)." : "\(Self.label(place, vi)) \(name) is missing (required)."
        case .invalidValue(let name, let place, let expected):
            let hint = expected.map { vi ? ": cần \($0.text(vi))" : ": \($0.text(vi)) is expected" } ?? ""
            return vi ? "Giá trị của \(Self.label(place, vi).lowercased()) \(name) không hợp lệ\(hint)."
                      : "The value of \(Self.label(place, vi).lowercased()) \(name) is not valid\(hint)."
        case .unreadableBody:
            return vi ? "Nội dung gửi lên không phải JSON hợp lệ (Content-Type: application/json)."
                      : "The request body is not valid JSON (Content-Type: application/json)."
        case .wrongBody(let expected):
            return vi ? "Nội dung gửi lên phải là \(expected.text(vi))." : "The request body must be \(expected.text(vi))."
        case .unsupportedMediaType(let type) where type.isEmpty:
            return vi ? "Thiếu kiểu nội dung (Content-Type) của dữ liệu gửi lên; hãy gửi JSON (Content-Type: application/json)."
                      : "The request body has no content type; send JSON (Content-Type: application/json)."
        case .unsupportedMediaType(let type):
            return vi ? "Kiểu nội dung \"\(type.prefix(80))\" không được nhận ở đây; hãy gửi JSON (Content-Type: application/json)."
                      : "The content type \"\(type.prefix(80))\" is not accepted here; send JSON (Content-Type: application/json)."
        case .bodyTooLarge:
            return vi ? "Nội dung gửi lên quá lớn." : "The request body is too large."
        case .methodNotAllowed(let allowed):
            return vi ? "Địa chỉ này không nhận phương thức này; được phép: \(allowed.joined(separator: ", "))."
                      : "This address does not take this method; allowed: \(allowed.joined(separator: ", "))."
        case .badRequest:
            return vi ? "Yêu cầu không hợp lệ." : "The request is not valid."
        }
    }

    static func label(_ place: Place, _ vi: Bool) -> String {
        switch place {
        case .query: vi ? "Tham số" : "Parameter"
        case .body: vi ? "Trường" : "Field"
        }
    }
}
