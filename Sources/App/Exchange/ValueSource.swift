import Documents
import Foundation

/// Where the values of an import come from, one at a time: a DHIS2 JSON dataValueSet or a DHIS2 CSV read as it goes, or
/// values already in memory. One import reads it at a time (hence `@unchecked`).
final class ValueSource: @unchecked Sendable {
    private enum Origin {
        case values([ValueImport.Incoming])
        case json(ByteSource, preset: DataValueSetStream.Header?)
        case csv(ByteSource)
    }

    private let origin: Origin
    private var index = 0
    private var json: DataValueSetStream?
    private var csv: DataValueCSVStream?
    private var peeked: ValueImport.Incoming??

    private init(_ origin: Origin) { self.origin = origin }

    static func values(_ values: [ValueImport.Incoming]) -> ValueSource { ValueSource(.values(values)) }
    static func json(_ bytes: ByteSource) -> ValueSource { ValueSource(.json(bytes, preset: nil)) }
    static func csv(_ bytes: ByteSource) -> ValueSource { ValueSource(.csv(bytes)) }

    /// JSON or CSV by the first bytes (`ExchangeFormats.kind`); nil for a workbook.
    static func detecting(_ bytes: ByteSource, prefix: Data) -> ValueSource? {
        switch ExchangeFormats.kind(of: prefix) {
        case .xlsx: nil
        case .json: json(bytes)
        case .csv: csv(bytes)
        }
    }

    var isJSON: Bool { if case .json = origin { true } else { false } }

    /// The JSON set's own members read so far (`dataSet`, `period`, `orgUnit`, `completeDate`); nil for CSV and arrays.
    var header: DataValueSetStream.Header? { json?.header }

    /// Reads up to the first value, so that the set's members written before its values are known.
    func start() throws {
        switch origin {
        case .values: break
        case .json(let bytes, let preset): json = DataValueSetStream(bytes, header: preset)
        case .csv(let bytes): csv = DataValueCSVStream(bytes)
        }
        peeked = .some(try read())
    }

    func next() throws -> ValueImport.Incoming? {
        if let value = peeked {
            peeked = nil
            return value
        }
        return try read()
    }

    private func read() throws -> ValueImport.Incoming? {
        switch origin {
        case .values(let values):
            guard index < values.count else { return nil }
            index += 1
            return values[index - 1]
        case .json:
            // Mutated in place (optional chaining), so that the reader's buffers are never copied.
            let position = "dataValues[\(json?.count ?? 0)]"
            guard let v = try json?.next() else { return nil }
            let header = json?.header ?? .init()
            return ValueImport.Incoming(dataElement: v.dataElement, period: v.period ?? header.period, orgUnit: v.orgUnit ?? header.orgUnit,
                                        categoryOptionCombo: v.categoryOptionCombo, value: v.value, comment: v.comment, position: position)
        case .csv:
            return try csv?.next()
        }
    }

    /// The set's members came after values that could have needed them: the values must be read again.
    var mustRestart: Bool {
        guard case .json(_, nil) = origin, let json else { return false }
        return json.headerAfterValues
    }

    /// The same file from the start, with the members found at its end known before the first value.
    func reopenedKnowingHeader() throws -> ValueSource {
        guard case .json(let bytes, _) = origin else { return self }
        return ValueSource(.json(try bytes.reopened(), preset: json?.header ?? .init()))
    }
}

/// DHIS2's CSV read row by row: with a header line (names as DHIS2 writes them) or without one (DHIS2's column order).
struct DataValueCSVStream {
    private var rows: CSVStream
    private var columns: [String: Int]?

    init(_ bytes: ByteSource) { rows = CSVStream { try bytes.read() } }

    mutating func next() throws(ExchangeError) -> ValueImport.Incoming? {
        let row: (line: Int, fields: [String])?
        do { row = try rows.next() } catch {
            if case .unterminatedQuote(let line) = error { throw ExchangeError.malformedCSV(line: line) }
            throw ExchangeError.unknownFormat
        }
        guard var row else {
            if columns == nil { throw ExchangeError.empty }
            return nil
        }
        if columns == nil {
            let names = row.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let hasHeader = names.first == "dataelement"
            var found: [String: Int] = [:]
            for (index, name) in (hasHeader ? names : DataValueCSV.header).enumerated() where found[name] == nil { found[name] = index }
            for (alias, name) in [("catoptcombo", "categoryoptioncombo"), ("attroptcombo", "attributeoptioncombo")] where found[name] == nil {
                found[name] = found[alias]
            }
            columns = found
            if hasHeader {
                do { guard let next = try rows.next() else { return nil }; row = next } catch {
                    if case .unterminatedQuote(let line) = error { throw ExchangeError.malformedCSV(line: line) }
                    throw ExchangeError.unknownFormat
                }
            }
        }
        let columns = columns ?? [:]
        func field(_ name: String) -> String? {
            guard let index = columns[name], index < row.fields.count else { return nil }
            // The quote our CSV export puts before formula-like text (FormulaGuard) is taken away again.
            let text = FormulaGuard.restored(row.fields[index].trimmingCharacters(in: .whitespaces))
            return text.isEmpty ? nil : text
        }
        return ValueImport.Incoming(dataElement: field("dataelement") ?? "", period: field("period"), orgUnit: field("orgunit"),
                                    categoryOptionCombo: field("categoryoptioncombo"), value: field("value"), comment: field("comment"),
                                    position: "dòng \(row.line)")
    }
}
