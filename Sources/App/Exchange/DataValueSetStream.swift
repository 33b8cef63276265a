import Foundation
import Planning

/// Reads a DHIS2 dataValueSet (`{"dataSet":…, "period":…, "orgUnit":…, "completeDate":…, "dataValues":[{…},…]}`)
/// one data value at a time, holding one chunk of the input. Unknown members, however nested, are skipped; numbers and
/// booleans given as a value are read as text, as DHIS2 does.
struct DataValueSetStream {
    struct Header: Equatable, Sendable {
        var dataSet: String?
        var period: String?
        var orgUnit: String?
        var completeDate: String?
    }

    private enum State { case start, values, done }

    private var reader: JSONPullReader
    private var state = State.start
    private var sawValues = false
    /// The set's own members read so far.
    private(set) var header = Header()
    /// A member of the set came after its values had started: the values read before could not use it.
    private(set) var headerAfterValues = false
    /// Values read so far; the next one is `dataValues[count]`.
    private(set) var count = 0

    /// - Parameter header: members already known (a second reading of a set whose members follow its values).
    init(_ source: ByteSource, header: Header? = nil) {
        reader = JSONPullReader(source)
        if let header { self.header = header }
    }

    /// The next data value, or nil after the set's closing brace.
    mutating func next() throws(ExchangeError) -> DataValueSet.DataValue? {
        do {
            switch state {
            case .start:
                guard try reader.beginObject() else { throw ExchangeError.missing("dataValues", at: "") }
                return try members(first: true)
            case .values:
                if try reader.nextMember(closing: UInt8(ascii: "]")) { return try value() }
                return try members(first: false)
            case .done: return nil
            }
        } catch let failure as JSONPullReader.Failure {
            throw ExchangeError.syntax(failure)
        } catch let error as ExchangeError {
            throw error
        } catch {
            throw ExchangeError.unknownFormat
        }
    }

    /// The set's members until the values start (answers the first) or the set ends (answers nil).
    private mutating func members(first: Bool) throws -> DataValueSet.DataValue? {
        var more = try first || reader.nextMember(closing: UInt8(ascii: "}"))
        while more {
            let name = try reader.key()
            switch name {
            case "dataValues":
                guard try reader.nextToken() != UInt8(ascii: "n") else { throw ExchangeError.missingValue(at: "dataValues") }
                guard try reader.nextToken() == UInt8(ascii: "[") else { throw ExchangeError.wrongType(at: "dataValues") }
                sawValues = true
                if try reader.beginArray() {
                    state = .values
                    return try value()
                }
            case "dataSet": header.dataSet = try text(at: name); headerAfterValues = headerAfterValues || count > 0
            case "period": header.period = try text(at: name); headerAfterValues = headerAfterValues || count > 0
            case "orgUnit": header.orgUnit = try text(at: name); headerAfterValues = headerAfterValues || count > 0
            case "completeDate": header.completeDate = try text(at: name); headerAfterValues = headerAfterValues || count > 0
            default: try reader.skipValue()
            }
            more = try reader.nextMember(closing: UInt8(ascii: "}"))
        }
        try reader.end()
        guard sawValues else { throw ExchangeError.missing("dataValues", at: "") }
        state = .done
        return nil
    }

    private mutating func value() throws -> DataValueSet.DataValue {
        let at = "dataValues[\(count)]"
        guard try reader.nextToken() == UInt8(ascii: "{") else {
            if try reader.nextToken() == UInt8(ascii: "n") { throw ExchangeError.missingValue(at: at) }
            _ = try reader.scalar()
            throw ExchangeError.wrongType(at: at)
        }
        var dataElement: String?
        var item = DataValueSet.DataValue(dataElement: "", period: nil, orgUnit: nil, value: nil, comment: nil)
        if try reader.beginObject() {
            repeat {
                let name = try reader.key()
                switch name {
                case "dataElement":
                    guard let text = try text(at: "\(at).dataElement") else { throw ExchangeError.missingValue(at: "\(at).dataElement") }
                    dataElement = text
                case "period": item.period = try text(at: "\(at).period")
                case "orgUnit": item.orgUnit = try text(at: "\(at).orgUnit")
                case "categoryOptionCombo": item.categoryOptionCombo = try text(at: "\(at).categoryOptionCombo")
                case "attributeOptionCombo": item.attributeOptionCombo = try text(at: "\(at).attributeOptionCombo")
                case "comment": item.comment = try text(at: "\(at).comment")
                case "storedBy": item.storedBy = try text(at: "\(at).storedBy")
                case "lastUpdated": item.lastUpdated = try text(at: "\(at).lastUpdated")
                case "value":
                    switch try reader.scalar() {
                    case .string(let text)?: item.value = text
                    case .number(let text)?: item.value = Double(text).flatMap { $0.isFinite ? NumberStyle.plain($0) : nil } ?? text
                    case .bool(let flag)?: item.value = flag ? "true" : "false"
                    case .null?: item.value = nil
                    case nil: throw ExchangeError.unreadableValue(at: "\(at).value")
                    }
                case "followup":
                    switch try reader.scalar() {
                    case .bool(let flag)?: item.followup = flag
                    case .null?: item.followup = nil
                    default: throw ExchangeError.wrongType(at: "\(at).followup")
                    }
                default: try reader.skipValue()
                }
            } while try reader.nextMember(closing: UInt8(ascii: "}"))
        }
        guard let dataElement else { throw ExchangeError.missing("dataElement", at: at) }
        item.dataElement = dataElement
        count += 1
        return item
    }

    /// A string member, or nil for null; anything else is the wrong type.
    private mutating func text(at path: String) throws -> String? {
        switch try reader.scalar() {
        case .string(let text)?: return text
        case .null?: return nil
        default: throw ExchangeError.wrongType(at: path)
        }
    }
}

extension ExchangeError {
    /// The words JSONDecoder's errors used to produce, so that messages stay as clients know them.
    static func missing(_ key: String, at path: String) -> ExchangeError {
        .malformedJSON(vi: "thiếu «\(key)»" + (path.isEmpty ? "" : " ở \(path)"), en: "«\(key)» is missing" + (path.isEmpty ? "" : " at \(path)"))
    }

    static func missingValue(at path: String) -> ExchangeError { .malformedJSON(vi: "thiếu giá trị ở \(path)", en: "missing value at \(path)") }

    static func wrongType(at path: String) -> ExchangeError { .malformedJSON(vi: "sai kiểu ở \(path)", en: "wrong type at \(path)") }

    static func unreadableValue(at path: String) -> ExchangeError {
        .malformedJSON(vi: "giá trị không đọc được ở \(path)", en: "unreadable value at \(path)")
    }

    static func syntax(_ failure: JSONPullReader.Failure) -> ExchangeError {
        let (vi, en): (String, String) = switch failure.kind {
        case .truncated: ("tệp dừng giữa chừng", "the input ends in the middle")
        case .unexpected(let expected): ("cần «\(expected)»", "expected «\(expected)»")
        case .notUTF8: ("chữ không phải UTF-8", "text that is not UTF-8")
        case .tooDeep: ("lồng quá sâu", "nested too deep")
        }
        return .malformedJSON(vi: "sai cú pháp JSON hoặc tệp bị cắt ngang: \(vi) ở dòng \(failure.line), cột \(failure.column)",
                              en: "not valid JSON, or the file is cut short: \(en) at line \(failure.line), column \(failure.column)")
    }
}
