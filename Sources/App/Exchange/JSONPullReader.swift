import Foundation

/// A hand-written JSON tokenizer that reads as it goes: it holds one chunk of the input, never the whole document,
/// and says where (line, column) the input stops making sense.
struct JSONPullReader {
    struct Failure: Error, Equatable, Sendable {
        enum Kind: Equatable, Sendable {
            case truncated
            case unexpected(String)
            case notUTF8
            case tooDeep
        }
        let kind: Kind
        let line: Int
        let column: Int
    }

    /// A scalar as text: strings unescaped, numbers as written, booleans `true`/`false`, null nil.
    enum Scalar: Equatable, Sendable {
        case string(String)
        case number(String)
        case bool(Bool)
        case null
    }

    private let source: ByteSource
    private var buffer: [UInt8] = []
    private var index = 0
    private var finished = false
    private var consumedBefore = 0
    private var line = 1
    private var lineStart = 0
    private var scratch: [UInt8] = []
    static let maximumDepth = 64

    init(_ source: ByteSource) { self.source = source }

    // MARK: bytes

    private mutating func refill() throws -> Bool {
        guard !finished else { return false }
        while let chunk = try source.read() {
            guard !chunk.isEmpty else { continue }
            consumedBefore += buffer.count
            buffer = chunk
            index = 0
            return true
        }
        finished = true
        return false
    }

    /// The next byte without consuming it; nil at the end of the input.
    @inline(__always) mutating func peek() throws -> UInt8? {
        if index < buffer.count { return buffer[index] }
        return try refill() ? buffer[index] : nil
    }

    @inline(__always) private mutating func take() throws -> UInt8 {
        guard let byte = try peek() else { throw failure(.truncated) }
        index += 1
        return byte
    }

    func failure(_ kind: Failure.Kind) -> Failure {
        let offset = consumedBefore + index
        return Failure(kind: kind, line: line, column: max(1, offset - lineStart + 1))
    }

    /// Skips blanks and answers the next byte (not consumed); nil at the end.
    mutating func nextToken() throws -> UInt8? {
        while let byte = try peek() {
            switch byte {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = consumedBefore + index
            default: return byte
            }
        }
        return nil
    }

    /// Consumes `byte` after blanks, or fails naming what was expected.
    mutating func expect(_ byte: UInt8) throws {
        guard let next = try nextToken() else { throw failure(.truncated) }
        guard next == byte else { throw failure(.unexpected(String(UnicodeScalar(byte)))) }
        index += 1
    }

    /// After a member of an object or array: true for `,`, false for the closing byte.
    mutating func nextMember(closing: UInt8) throws -> Bool {
        guard let next = try nextToken() else { throw failure(.truncated) }
        index += 1
        if next == UInt8(ascii: ",") { return true }
        if next == closing { return false }
        index -= 1
        throw failure(.unexpected(closing == UInt8(ascii: "}") ? ", }" : ", ]"))
    }

    /// `{` then: true when the object has a first member, false for `{}`.
    mutating func beginObject() throws -> Bool {
        try expect(UInt8(ascii: "{"))
        if try nextToken() == UInt8(ascii: "}") { index += 1; return false }
        return true
    }

    mutating func beginArray() throws -> Bool {
        try expect(UInt8(ascii: "["))
        if try nextToken() == UInt8(ascii: "]") { index += 1; return false }
        return true
    }

    /// A member's name and the colon after it.
    mutating func key() throws -> String {
        guard let next = try nextToken() else { throw failure(.truncated) }
        guard next == UInt8(ascii: "\"") else { throw failure(.unexpected("\"")) }
        let name = try string()
        try expect(UInt8(ascii: ":"))
        return name
    }

    /// The next value when it is a scalar; nil (nothing consumed) when it is an object or an array.
    mutating func scalar() throws -> Scalar? {
        guard let next = try nextToken() else { throw failure(.truncated) }
        switch next {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"), UInt8(ascii: "["): return nil
        case UInt8(ascii: "t"): try word("true"); return .bool(true)
        case UInt8(ascii: "f"): try word("false"); return .bool(false)
        case UInt8(ascii: "n"): try word("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure(.unexpected("value"))
        }
    }

    /// Skips any value, however nested (an unknown member).
    mutating func skipValue(depth: Int = 0) throws {
        guard depth < Self.maximumDepth else { throw failure(.tooDeep) }
        if try scalar() != nil { return }
        if try nextToken() == UInt8(ascii: "{") {
            guard try beginObject() else { return }
            repeat { _ = try key(); try skipValue(depth: depth + 1) } while try nextMember(closing: UInt8(ascii: "}"))
        } else {
            guard try beginArray() else { return }
            repeat { try skipValue(depth: depth + 1) } while try nextMember(closing: UInt8(ascii: "]"))
        }
    }

    /// Only blanks may follow the document.
    mutating func end() throws {
        if try nextToken() != nil { throw failure(.unexpected("end")) }
    }

    // MARK: tokens

    private mutating func word(_ text: StaticString) throws {
        let bytes = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        for expected in bytes {
            guard try take() == expected else { index -= 1; throw failure(.unexpected("value")) }
        }
    }

    private mutating func number() throws -> String {
        scratch.removeAll(keepingCapacity: true)
        func digits(_ reader: inout JSONPullReader) throws -> Int {
            var count = 0
            while let byte = try reader.peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                reader.scratch.append(byte); reader.index += 1; count += 1
            }
            return count
        }
        if try peek() == UInt8(ascii: "-") { let sign = try take(); scratch.append(sign) }
        guard try digits(&self) > 0 else { throw try peek() == nil ? failure(.truncated) : failure(.unexpected("number")) }
        if try peek() == UInt8(ascii: ".") {
            let point = try take()
            scratch.append(point)
            guard try digits(&self) > 0 else { throw try peek() == nil ? failure(.truncated) : failure(.unexpected("number")) }
        }
        if let e = try peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            let exponent = try take()
            scratch.append(exponent)
            if let sign = try peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { index += 1; scratch.append(sign) }
            guard try digits(&self) > 0 else { throw try peek() == nil ? failure(.truncated) : failure(.unexpected("number")) }
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    /// A string, the opening quote not yet consumed.
    private mutating func string() throws -> String {
        index += 1
        scratch.removeAll(keepingCapacity: true)
        var plain = true
        while true {
            // The common case: a run of plain bytes inside the current chunk, copied at once.
            let start = index
            while index < buffer.count {
                let byte = buffer[index]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                if byte >= 0x80 { plain = false }
                index += 1
            }
            if index > start { scratch.append(contentsOf: buffer[start..<index]) }
            guard let byte = try peek() else { throw failure(.truncated) }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                if plain { return String(decoding: scratch, as: UTF8.self) }
                guard let text = String(validating: scratch, as: UTF8.self) else { throw failure(.notUTF8) }
                return text
            case UInt8(ascii: "\\"):
                index += 1
                try escape(&plain)
            case 0x00..<0x20: throw failure(.unexpected("\""))
            default: continue
            }
        }
    }

    private mutating func escape(_ plain: inout Bool) throws {
        let byte = try take()
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800..<0xDC00).contains(code) {
                // A surrogate pair: the low half must follow as another \u escape.
                guard try take() == UInt8(ascii: "\\"), try take() == UInt8(ascii: "u") else { index -= 1; throw failure(.unexpected("\\u")) }
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw failure(.unexpected("\\u")) }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(code) {
                throw failure(.unexpected("\\u"))
            }
            guard let scalar = Unicode.Scalar(code) else { throw failure(.unexpected("\\u")) }
            scratch.append(contentsOf: Array(String(Character(scalar)).utf8))
            plain = false
        default:
            index -= 1
            throw failure(.unexpected("escape"))
        }
    }

    private mutating func hex4() throws -> UInt32 {
        var code: UInt32 = 0
        for _ in 0..<4 {
            let byte = try take()
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: index -= 1; throw failure(.unexpected("hex"))
            }
            code = code << 4 | UInt32(digit)
        }
        return code
    }
}
