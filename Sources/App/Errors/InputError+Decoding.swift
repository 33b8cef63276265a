import Foundation
import Vapor

extension InputError {
    /// What a value should have been, where the decoder knows it.
    enum Expected: Sendable, Equatable {
        case wholeNumber, number, boolean, text, list, object, uuid, date
        case oneOf([String])

        init?(_ type: Any.Type) {
            switch type {
            case is Bool.Type: self = .boolean
            case is String.Type, is Substring.Type: self = .text
            case is UUID.Type: self = .uuid
            case is Date.Type: self = .date
            case is any BinaryInteger.Type: self = .wholeNumber
            case is any BinaryFloatingPoint.Type, is Decimal.Type: self = .number
            case let type as any (CaseIterable & RawRepresentable).Type: self = .oneOf(Self.rawValues(type))
            case is [String: Any].Type, is [String: any Decodable].Type: self = .object
            case is [Any].Type, is [any Decodable].Type: self = .list
            default: return nil
            }
        }

        private static func rawValues<T: CaseIterable & RawRepresentable>(_: T.Type) -> [String] {
            T.allCases.map { "\($0.rawValue)" }
        }

        func text(_ vi: Bool) -> String {
            switch self {
            case .wholeNumber: vi ? "một số nguyên" : "a whole number"
            case .number: vi ? "một số" : "a number"
            case .boolean: vi ? "true hoặc false" : "true or false"
            case .text: vi ? "một chuỗi ký tự" : "a string"
            case .list: vi ? "một danh sách (mảng JSON)" : "a list (JSON array)"
            case .object: vi ? "một đối tượng JSON" : "a JSON object"
            case .uuid: vi ? "một mã UUID (ví dụ 3f2504e0-4f89-41d3-9a0c-0305e82c3301)" : "a UUID (such as 3f2504e0-4f89-41d3-9a0c-0305e82c3301)"
            case .date: vi ? "ngày giờ ISO 8601 (ví dụ 2026-06-01T00:00:00Z)" : "an ISO 8601 date and time (such as 2026-06-01T00:00:00Z)"
            case .oneOf(let values): (vi ? "một trong: " : "one of: ") + values.joined(separator: ", ")
            }
        }
    }

    /// The input error behind a framework error, or nil for an error that is not about reading the request.
    init?(_ error: any Error, request: Request) {
        switch error {
        case let error as DecodingError:
            self = Self.decoding(error, request: request)
        case let abort as any AbortError where abort.status == .unsupportedMediaType:
            self = .unsupportedMediaType(request.headers.contentType.map { "\($0.type)/\($0.subType)" } ?? "")
        case let abort as any AbortError where abort.status == .payloadTooLarge:
            self = .bodyTooLarge
        case let abort as any AbortError where abort.status == .badRequest && !(abort is any FeatureError):
            self = .badRequest
        default:
            return nil
        }
    }

    static func decoding(_ error: DecodingError, request: Request) -> InputError {
        switch error {
        case .typeMismatch(let type, let context):
            guard !context.codingPath.isEmpty else {
                // Plain text reaches a JSON handler through Vapor's plain-text decoder: the type is what is wrong.
                if let type = request.headers.contentType, type != .json, type != .urlEncodedForm { return .unsupportedMediaType("\(type.type)/\(type.subType)") }
                return .wrongBody(expected: Expected(type) ?? .object)
            }
            let name = Self.name(context.codingPath)
            return .wrongType(name: name, place: place(of: context.codingPath, in: request), expected: Expected(type) ?? .text)
        case .valueNotFound(_, let context) where context.codingPath.isEmpty:
            return .unreadableBody
        case .valueNotFound(_, let context):
            return .missing(name: Self.name(context.codingPath), place: place(of: context.codingPath, in: request))
        case .keyNotFound(let key, let context):
            let path = context.codingPath + [key]
            return .missing(name: Self.name(path), place: place(of: path, in: request))
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return .unreadableBody
        case .dataCorrupted(let context):
            let detail = context.debugDescription
            let expected: Expected? = detail.contains("UUID") ? .uuid : detail.lowercased().contains("date") ? .date : nil
            return .invalidValue(name: Self.name(context.codingPath), place: place(of: context.codingPath, in: request), expected: expected)
        @unknown default:
            return .badRequest
        }
    }

    /// `values.CT01.amount`, `lines[2].planned`.
    static func name(_ path: [any CodingKey]) -> String {
        path.reduce(into: "") { name, key in
            if let index = key.intValue, key.stringValue == String(index) || key.stringValue.hasPrefix("Index ") {
                name += "[\(index)]"
            } else {
                name += (name.isEmpty ? "" : ".") + key.stringValue
            }
        }
    }

    /// A value named in the address's query is a parameter; otherwise a GET's values come from the query and
    /// every other method's from the body.
    static func place(of path: [any CodingKey], in request: Request) -> Place {
        guard let first = path.first?.stringValue else { return .body }
        let queryNames = (request.url.query ?? "").split(separator: "&").map { item in
            (item.split(separator: "=", maxSplits: 1).first.map(String.init) ?? "").removingPercentEncoding ?? ""
        }
        if queryNames.contains(where: { $0 == first || $0.hasPrefix(first + "[") }) { return .query }
        return request.method == .GET || request.method == .HEAD ? .query : .body
    }
}
