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

    /// A whole set in memory, read by the same streaming reader as the imports (`DataValueSetStream`).
    static func dataValueSet(json data: Data) throws -> DataValueSet {
        var stream = DataValueSetStream(.memory(data))
        var values: [DataValueSet.DataValue] = []
        while let value = try stream.next() { values.append(value) }
        let header = stream.header
        return DataValueSet(dataSet: header.dataSet, period: header.period, orgUnit: header.orgUnit, completeDate: header.completeDate, dataValues: values)
    }

    static func incoming(_ set: DataValueSet) -> [ValueImport.Incoming] {
        set.dataValues.enumerated().map { index, v in
            ValueImport.Incoming(dataElement: v.dataElement, period: v.period ?? set.period, orgUnit: v.orgUnit ?? set.orgUnit,
                                 categoryOptionCombo: v.categoryOptionCombo, value: v.value, comment: v.comment, position: "dataValues[\(index)]")
        }
    }

    /// DHIS2's CSV in memory, read by the same row reader as the imports (`DataValueCSVStream`).
    static func incoming(csv data: Data) throws -> [ValueImport.Incoming] {
        let source = ValueSource.csv(.memory(data))
        try source.start()
        var values: [ValueImport.Incoming] = []
        while let value = try source.next() { values.append(value) }
        return values
    }
}
