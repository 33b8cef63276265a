import Foundation

/// The plan file (`Resources/Plans/*.json`) as written on disk.
///
/// Every field is optional here so that a missing one is reported by `validated()` with the indicator
/// and field it belongs to, rather than as a bare decoding failure.
public struct PlanFile: Codable, Sendable {
    public var format: String?
    public var code: String?
    public var title: String?
    public var issuer: String?
    public var issuedOn: String?
    public var source: String?
    public var note: String?
    public var milestoneYears: [Int]?
    public var groups: [Group]?
    public var offices: [OfficeEntry]?
    public var indicators: [IndicatorEntry]?

    public static let currentFormat = "chitieu-plan/1"

    public struct Group: Codable, Sendable {
        public var code: String?
        public var name: String?
    }

    public struct OfficeEntry: Codable, Sendable {
        public var code: String?
        public var name: String?
        public var spellings: [String]?
    }

    public struct IndicatorEntry: Codable, Sendable {
        public var code: String?
        public var number: Int?
        public var group: String?
        public var name: String?
        public var unit: String?
        public var leadOffice: String?
        public var leadOffices: [String]?
        public var implementers: String?
        public var reporters: String?
        public var measure: String?
        public var aggregation: String?
        public var scale: [String]?
        public var targets: [TargetEntry]?
        public var note: String?
        /// Optional, ratios only: what the numerator and the denominator count, as the plan words them.
        public var numerator: String?
        public var denominator: String?
    }

    /// A milestone cell: the text exactly as written, and the meaning the transcriber read in it.
    public struct TargetEntry: Codable, Sendable {
        public var year: Int?
        public var text: String?
        public var kind: String?
        public var value: Double?
        public var low: Double?
        public var high: Double?
        public var level: String?
    }

    /// Decodes and validates a plan file. Throws `PlanFileError` listing every problem found.
    public static func load(_ data: Data) throws(PlanFileError) -> Plan {
        let file: PlanFile
        do {
            file = try JSONDecoder().decode(PlanFile.self, from: data)
        } catch let error as DecodingError {
            throw PlanFileError(problems: [PlanProblem.decoding(error, codes: indicatorCodes(in: data))])
        } catch {
            throw PlanFileError(problems: [PlanProblem(indicator: nil, field: "", reason: .unreadable(String(describing: error)))])
        }
        return try file.validated()
    }
}

extension PlanFile {
    /// The `code` of each entry of `indicators`, read leniently, so that a problem in an entry can be
    /// named by its code even when the entry does not decode.
    static func indicatorCodes(in data: Data) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let entries = object["indicators"] as? [Any] else { return [] }
        return entries.map { (($0 as? [String: Any])?["code"] as? String) ?? "" }
    }
}

/// A plan file that cannot be loaded, with every problem in it.
public struct PlanFileError: Error, Sendable, Equatable {
    public let problems: [PlanProblem]
}

/// One problem in a plan file: where it is (indicator code and field) and what is wrong.
public struct PlanProblem: Sendable, Equatable {
    /// The indicator's code (or `#n` for the n-th entry when it has no code); nil for plan-level fields.
    public let indicator: String?
    /// The field, e.g. `targets[2030].kind`.
    public let field: String
    public let reason: Reason

    public enum Reason: Sendable, Equatable {
        case unreadable(String)
        case missing
        case empty
        case notAllowed(value: String, allowed: [String])
        case duplicate(String)
        case wrongNumber(expected: Int, found: Int)
        case unknownGroup(String)
        case unknownOffice(String)
        case unparsableTarget(text: String, detail: String)
        /// The stated meaning of a target cell differs from what its text says.
        case targetMismatch(stated: String, parsed: String)
        /// A target number outside its indicator's domain (a percentage above 100, a count above 10^12).
        case targetOutOfDomain(value: Double, maximum: Double)
        case missingMilestone(Int)
        case unexpectedYear(Int)
        case scaleNotAllowed
        case scaleTooShort
        /// A numerator or denominator description on an indicator that is not a ratio.
        case ratioPartNotAllowed
    }

    static func decoding(_ error: DecodingError, codes: [String] = []) -> PlanProblem {
        let (path, detail): ([CodingKey], String) = switch error {
        case .typeMismatch(let type, let context): (context.codingPath, "kiểu \(type)")
        case .valueNotFound(let type, let context): (context.codingPath, "thiếu \(type)")
        case .keyNotFound(let key, let context): (context.codingPath + [key], "thiếu trường")
        case .dataCorrupted(let context) where context.codingPath.isEmpty: ([], "không phải JSON hợp lệ — \(context.underlyingError.map { String(describing: $0) } ?? context.debugDescription)")
        case .dataCorrupted(let context): (context.codingPath, context.debugDescription)
        @unknown default: ([], String(describing: error))
        }
        var indicator: String?
        if path.count >= 2, path[0].stringValue == "indicators", let index = path[1].intValue {
            indicator = index < codes.count && !codes[index].isEmpty ? codes[index] : "#\(index + 1)"
        }
        let field = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return PlanProblem(indicator: indicator, field: String(field.drop(while: { $0 == "." })), reason: .unreadable(detail))
    }
}
