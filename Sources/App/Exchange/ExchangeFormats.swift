import Documents
import Foundation
import Planning

/// Reading incoming values from DHIS2 JSON and CSV.
enum ExchangeFormats {
    enum Kind: Sendable { case xlsx, json, csv }

    /// By content, not by name: a zip is a workbook, `{` opens JSON, anything else is read as CSV.
    static func kind(of data: Data) -> Kind {
        if data.starts(with: [0x50, 0x4B]) { return .xlsx }
        let first = data.drop(while: { [0xEF, 0xBB, 0xBF, 0x20, 0x09, 0x0A, 0x0D].contains($0) }).first
        return first == UInt8(ascii: "{") ? .json : .csv
    }

    static func dataValueSet(json data: Data) throws -> DataValueSet {
        do {
            return try JSONDecoder().decode(DataValueSet.self, from: data)
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            throw ExchangeError.malformedJSON(vi: "sai cú pháp JSON hoặc tệp bị cắt ngang", en: "not valid JSON, or the file is cut short")
        } catch let DecodingError.dataCorrupted(context) {
            throw ExchangeError.malformedJSON(vi: "giá trị không đọc được ở \(path(context))", en: "unreadable value at \(path(context))")
        } catch let DecodingError.keyNotFound(key, context) {
            let at = context.codingPath.isEmpty ? "" : " ở \(path(context))", atEn = context.codingPath.isEmpty ? "" : " at \(path(context))"
            throw ExchangeError.malformedJSON(vi: "thiếu «\(key.stringValue)»\(at)", en: "«\(key.stringValue)» is missing\(atEn)")
        } catch let DecodingError.typeMismatch(_, context) {
            throw ExchangeError.malformedJSON(vi: "sai kiểu ở \(path(context))", en: "wrong type at \(path(context))")
        } catch let DecodingError.valueNotFound(_, context) {
            throw ExchangeError.malformedJSON(vi: "thiếu giá trị ở \(path(context))", en: "missing value at \(path(context))")
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
    }

    static func incoming(_ set: DataValueSet) -> [ValueImport.Incoming] {
        set.dataValues.enumerated().map { index, v in
            ValueImport.Incoming(dataElement: v.dataElement, period: v.period ?? set.period, orgUnit: v.orgUnit ?? set.orgUnit,
                                 categoryOptionCombo: v.categoryOptionCombo, value: v.value, comment: v.comment, position: "dataValues[\(index)]")
        }
    }

    /// DHIS2's CSV: with a header line (names as DHIS2 writes them) or without one (DHIS2's column order).
    static func incoming(csv data: Data) throws -> [ValueImport.Incoming] {
        let rows: [(line: Int, fields: [String])]
        do { rows = try CSVReader.rows(data) } catch {
            if case .unterminatedQuote(let line) = error { throw ExchangeError.malformedCSV(line: line) }
            throw ExchangeError.unknownFormat
        }
        guard let first = rows.first else { throw ExchangeError.empty }
        let names = first.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let hasHeader = names.first == "dataelement"
        let columns = hasHeader ? names : DataValueCSV.header
        func field(_ row: [String], _ name: String) -> String? {
            let aliases = name == "categoryoptioncombo" ? [name, "catoptcombo"] : name == "attributeoptioncombo" ? [name, "attroptcombo"] : [name]
            guard let index = columns.firstIndex(where: aliases.contains), index < row.count else { return nil }
            // The quote our CSV export puts before formula-like text (FormulaGuard) is taken away again.
            let text = FormulaGuard.restored(row[index].trimmingCharacters(in: .whitespaces))
            return text.isEmpty ? nil : text
        }
        return rows.dropFirst(hasHeader ? 1 : 0).map { row in
            ValueImport.Incoming(dataElement: field(row.fields, "dataelement") ?? "", period: field(row.fields, "period"), orgUnit: field(row.fields, "orgunit"),
                                 categoryOptionCombo: field(row.fields, "categoryoptioncombo"), value: field(row.fields, "value"),
                                 comment: field(row.fields, "comment"), position: "dòng \(row.line)")
        }
    }
}
