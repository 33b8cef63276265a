import Foundation
import Planning
import Vapor

/// DHIS2's dataValueSet, as `POST|GET /api/v1/dataValueSets` speak it. Data elements are indicator codes, with `.NUM`
/// and `.DEN` for a ratio's parts (or the category option combo `NUM`/`DEN`); periods are DHIS2 codes (`2026NovS1`);
/// org units are organisation codes; `dataSet` is the plan's code.
struct DataValueSet: Content {
    struct DataValue: Content {
        var dataElement: String
        var period: String?
        var orgUnit: String?
        var categoryOptionCombo: String?
        var attributeOptionCombo: String?
        var value: String?
        var comment: String?
        var storedBy: String?
        var lastUpdated: String?
        var followup: Bool?

        init(dataElement: String, period: String?, orgUnit: String?, categoryOptionCombo: String? = nil, value: String?, comment: String?,
             storedBy: String? = nil, lastUpdated: String? = nil) {
            (self.dataElement, self.period, self.orgUnit, self.categoryOptionCombo, self.value, self.comment, self.storedBy, self.lastUpdated)
                = (dataElement, period, orgUnit, categoryOptionCombo, value, comment, storedBy, lastUpdated)
        }

        /// DHIS2 writes numbers as JSON strings, but some clients send numbers or booleans: all are read as text.
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            dataElement = try c.decode(String.self, forKey: .dataElement)
            period = try c.decodeIfPresent(String.self, forKey: .period)
            orgUnit = try c.decodeIfPresent(String.self, forKey: .orgUnit)
            categoryOptionCombo = try c.decodeIfPresent(String.self, forKey: .categoryOptionCombo)
            attributeOptionCombo = try c.decodeIfPresent(String.self, forKey: .attributeOptionCombo)
            if let text = try? c.decodeIfPresent(String.self, forKey: .value) { value = text }
            else if let number = try? c.decodeIfPresent(Double.self, forKey: .value) { value = NumberStyle.plain(number) }
            else if let flag = try? c.decodeIfPresent(Bool.self, forKey: .value) { value = flag ? "true" : "false" }
            else if c.contains(.value), try c.decodeNil(forKey: .value) { value = nil }
            else if c.contains(.value) { throw DecodingError.dataCorruptedError(forKey: .value, in: c, debugDescription: "value") }
            comment = try c.decodeIfPresent(String.self, forKey: .comment)
            storedBy = try c.decodeIfPresent(String.self, forKey: .storedBy)
            lastUpdated = try c.decodeIfPresent(String.self, forKey: .lastUpdated)
            followup = try c.decodeIfPresent(Bool.self, forKey: .followup)
        }
    }

    var dataSet: String?
    var period: String?
    var orgUnit: String?
    var completeDate: String?
    var dataValues: [DataValue]
}

/// DHIS2's answer to an import.
struct ImportSummary: Content {
    struct Count: Content {
        var imported = 0
        var updated = 0
        var ignored = 0
        var deleted = 0
    }

    struct Conflict: Content, Equatable {
        let object: String
        let value: String
    }

    var responseType = "ImportSummary"
    var status: String
    var description: String
    var importCount: Count
    var conflicts: [Conflict]
    var dataSetComplete: String
}

/// The CSV columns DHIS2 writes and reads for data values.
enum DataValueCSV {
    static let header = ["dataelement", "period", "orgunit", "categoryoptioncombo", "attributeoptioncombo", "value", "storedby", "lastupdated", "comment", "followup"]
}
