import Foundation

/// Reads CSV as Excel and LibreOffice write it: RFC 4180 quoting, CRLF or LF, an optional UTF-8 BOM,
/// and a comma or semicolon delimiter (read from the header line; vi-VN Excel writes semicolons).
public enum CSVReader {
    public enum Failure: Error, Equatable, Sendable {
        case notUTF8
        /// A quoted field that never closes, starting on this line (1-based).
        case unterminatedQuote(line: Int)
    }

    /// The rows of `data`, each with the 1-based line it starts on. Blank lines are skipped.
    public static func rows(_ data: Data) throws(Failure) -> [(line: Int, fields: [String])] {
        guard var text = String(data: data, encoding: .utf8) else { throw .notUTF8 }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return try parse(text, delimiter: delimiter(of: text))
    }

    /// Semicolon when the header (the first non-blank line) has more of them than commas outside quotes:
    /// a name such as `Tên, viết tắt` must not turn a semicolon file into a comma one.
    static func delimiter(of text: String) -> Unicode.Scalar {
        var commas = 0, semicolons = 0, inQuotes = false, blank = true
        for c in text.unicodeScalars {
            if c == "\"" { inQuotes.toggle() }
            if inQuotes { blank = false; continue }
            switch c {
            case ",": commas += 1
            case ";": semicolons += 1
            case "\n", "\r": if !blank { return semicolons > commas ? ";" : "," }
            default: break
            }
            if !c.properties.isWhitespace { blank = false }
        }
        return semicolons > commas ? ";" : ","
    }

    /// Scalar by scalar rather than by `Character`: a combining mark after a quote or a comma must not hide it.
    private static func parse(_ text: String, delimiter: Unicode.Scalar) throws(Failure) -> [(line: Int, fields: [String])] {
        var rows: [(Int, [String])] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false, inQuotes = false
        var line = 1, rowStart = 1
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRow() {
            fields.append(String(field))
            if !(fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty && !quoted) {
                rows.append((rowStart, fields))
            }
            fields = []; field = String.UnicodeScalarView(); quoted = false
        }
        while let c = pending ?? scalars.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let next = scalars.next() {
                        if next == "\"" { field.append("\"") } else { inQuotes = false; pending = next }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty: inQuotes = true; quoted = true
            case delimiter: fields.append(String(field)); field = String.UnicodeScalarView(); quoted = false
            case "\r", "\n":
                // CRLF is one line end
                if c == "\r", let next = scalars.next(), next != "\n" { pending = next }
                endRow(); line += 1; rowStart = line
            default: field.append(c)
            }
        }
        if inQuotes { throw .unterminatedQuote(line: rowStart) }
        if !field.isEmpty || !fields.isEmpty || quoted { endRow() }
        return rows
    }
}

/// Reads CSV row by row from chunks of bytes (a file a megabyte at a time), with the rules of `CSVReader.rows`:
/// memory holds one chunk and one row, whatever the size of the file.
public struct CSVStream {
    private let nextChunk: () throws -> [UInt8]?
    private var buffer: [UInt8] = []
    private var index = 0
    private var finished = false
    private var started = false
    private var delimiter = UInt8(ascii: ",")
    private var line = 1

    /// - Parameter nextChunk: the next bytes of the input, nil at its end.
    public init(_ nextChunk: @escaping () throws -> [UInt8]?) { self.nextChunk = nextChunk }

    private mutating func refill() throws -> Bool {
        guard !finished else { return false }
        while let chunk = try nextChunk() {
            guard !chunk.isEmpty else { continue }
            buffer = index < buffer.count ? Array(buffer[index...]) + chunk : chunk
            index = 0
            return true
        }
        finished = true
        return false
    }

    @inline(__always) private mutating func take() throws -> UInt8? {
        if index < buffer.count { index += 1; return buffer[index - 1] }
        guard try refill() else { return nil }
        index += 1
        return buffer[index - 1]
    }

    /// Reads ahead to the end of the first non-blank line to choose the delimiter, and drops a BOM.
    private mutating func start() throws {
        started = true
        while firstLineEnd() == nil, try refill() {}
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        let end = firstLineEnd() ?? buffer.count
        delimiter = UInt8(truncatingIfNeeded: CSVReader.delimiter(of: String(decoding: buffer[index..<max(index, end)], as: UTF8.self)).value)
    }

    /// Where the first non-blank line ends (outside quotes), if the buffer holds it.
    private func firstLineEnd() -> Int? {
        var inQuotes = false, blank = true
        for position in index..<buffer.count {
            let byte = buffer[position]
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if inQuotes { blank = false; continue }
            if byte == 0x0A || byte == 0x0D { if !blank { return position } } else if byte != 0x20 && byte != 0x09 { blank = false }
        }
        return nil
    }

    /// The next non-blank row with the 1-based line it starts on; nil at the end.
    public mutating func next() throws(CSVReader.Failure) -> (line: Int, fields: [String])? {
        do { return try row() } catch let failure as CSVReader.Failure { throw failure } catch { throw .notUTF8 }
    }

    private mutating func row() throws -> (line: Int, fields: [String])? {
        if !started { try start() }
        while true {
            var fields: [String] = []
            var field: [UInt8] = []
            var quoted = false
            let rowStart = line
            func text(_ bytes: [UInt8]) throws -> String {
                guard let value = String(validating: bytes, as: UTF8.self) else { throw CSVReader.Failure.notUTF8 }
                return value
            }
            var ended = false
            while let byte = try take() {
                if byte == UInt8(ascii: "\"") && field.isEmpty && !quoted {
                    quoted = true
                    // Inside quotes until a lone quote.
                    while true {
                        guard let inner = try take() else { throw CSVReader.Failure.unterminatedQuote(line: rowStart) }
                        if inner == UInt8(ascii: "\"") {
                            if index >= buffer.count, !(try refill()) { break }
                            if buffer[index] == UInt8(ascii: "\"") { index += 1; field.append(inner) } else { break }
                        } else {
                            if inner == 0x0A { line += 1 }
                            field.append(inner)
                        }
                    }
                    continue
                }
                if byte == delimiter {
                    fields.append(try text(field)); field.removeAll(keepingCapacity: true); quoted = false
                    continue
                }
                if byte == 0x0D || byte == 0x0A {
                    // CRLF is one line end
                    if byte == 0x0D {
                        if try index < buffer.count || refill(), buffer[index] == 0x0A { index += 1 }
                    }
                    line += 1
                    ended = true
                    break
                }
                field.append(byte)
            }
            if !ended && field.isEmpty && fields.isEmpty && !quoted { return nil }
            fields.append(try text(field))
            if fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty && !quoted { continue }
            return (rowStart, fields)
        }
    }
}
