import Foundation
import Testing
@testable import Planning

/// A small plan file written out as JSON, with fields that a test can replace or drop.
/// Values are raw JSON fragments so that a test can put in anything, even the wrong type.
struct PlanJSON {
    var fields: [String: String] = [
        "format": #""chitieu-plan/1""#,
        "code": #""KH-TEST""#,
        "title": #""Kế hoạch thử""#,
        "issuer": #""Sở Y tế""#,
        "issuedOn": #""2025-10""#,
        "milestoneYears": "[2025, 2030]",
        "groups": #"[{"code": "I", "name": "Nhóm một"}, {"code": "II", "name": "Nhóm hai"}]"#,
        "offices": #"[{"code": "VP", "name": "Văn phòng Sở Y tế"}, {"code": "TC", "name": "Phòng Tài chính"}]"#,
    ]
    var indicators: [IndicatorJSON] = [.count, .level]

    func with(_ key: String, _ value: String?) -> PlanJSON {
        var copy = self
        copy.fields[key] = value
        return copy
    }

    func indicator(_ index: Int, _ key: String, _ value: String?) -> PlanJSON {
        var copy = self
        copy.indicators[index].fields[key] = value
        return copy
    }

    var data: Data {
        let items = fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }
            + ["\"indicators\": [\(indicators.map(\.json).joined(separator: ",\n"))]"]
        return Data("{\n\(items.joined(separator: ",\n"))\n}".utf8)
    }
}

extension PlanJSON: CustomTestStringConvertible {
    var testDescription: String { "plan file with \(indicators.map { $0.fields["code"] ?? "no code" })" }
}

struct IndicatorJSON {
    var fields: [String: String]

    var json: String { "{" + fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}" }

    static let count = IndicatorJSON(fields: [
        "code": #""CT01""#, "number": "1", "group": #""I""#, "name": #""Số đề tài được nghiệm thu mỗi năm""#,
        "unit": #""Đề tài""#, "leadOffice": #""Văn phòng Sở Y tế""#, "leadOffices": #"["VP"]"#,
        "implementers": #""Các đơn vị""#, "reporters": #""allOrganisations""#, "measure": #""count""#,
        "aggregation": #""flow""#, "scale": "[]",
        "targets": #"[{"year": 2025, "text": "≥1", "kind": "atLeast", "value": 1}, {"year": 2030, "text": "≥ 2", "kind": "atLeast", "value": 2}]"#,
        "note": #""Ghi chú""#,
    ])

    static let level = IndicatorJSON(fields: [
        "code": #""CT02""#, "number": "2", "group": #""II""#, "name": #""Ứng dụng AI""#,
        "unit": #""Công nghệ""#, "leadOffice": #""Phòng Tài chính""#, "leadOffices": #"["TC"]"#,
        "implementers": #""Các đơn vị""#, "reporters": #""medicalUnits""#, "measure": #""level""#,
        "aggregation": #""stock""#, "scale": #"["Chưa có", "Có"]"#,
        "targets": #"[{"year": 2025, "text": "-", "kind": "none"}, {"year": 2030, "text": "Có.", "kind": "level", "level": "Có"}]"#,
    ])
}

/// One target cell of CT01 in 2025, as a JSON object.
private func cell(_ object: String) -> String {
    #"[\#(object), {"year": 2030, "text": "≥ 2", "kind": "atLeast", "value": 2}]"#
}

/// A targets array from JSON objects.
private func targets(_ objects: String...) -> String { "[" + objects.joined(separator: ", ") + "]" }
private let count2025 = #"{"year": 2025, "text": "≥1", "kind": "atLeast", "value": 1}"#
private let count2030 = #"{"year": 2030, "text": "≥ 2", "kind": "atLeast", "value": 2}"#
private let none2025 = #"{"year": 2025, "text": "-", "kind": "none"}"#
private let none2030 = #"{"year": 2030, "text": "-", "kind": "none"}"#

private let good = PlanJSON()

/// Loads a file that must fail and returns its problems.
private func problems(_ file: PlanJSON) -> [PlanProblem] {
    let error = #expect(throws: PlanFileError.self) { try PlanFile.load(file.data) }
    return error?.problems ?? []
}

@Suite("Plan files that cannot be loaded")
struct PlanFileProblemTests {
    @Test("the small file used below loads")
    func goodFile() throws {
        let plan = try PlanFile.load(good.data)
        #expect(plan.indicators.map(\.code) == ["CT01", "CT02"])
        #expect(plan.indicators[0].targets.map(\.target) == [.atLeast(1), .atLeast(2)])
        #expect(plan.indicators[1].targets.map(\.target) == [.none, .level("Có", rank: 1)])
        #expect(plan.indicators[1].reporters == .medicalUnits)
        #expect(plan.indicators[1].note == nil)
    }

    static let cases: [(String, PlanJSON, PlanProblem)] = [
        ("missing name", good.indicator(0, "name", nil), .init(indicator: "CT01", field: "name", reason: .missing)),
        ("blank name", good.indicator(0, "name", #"" \n ""#), .init(indicator: "CT01", field: "name", reason: .empty)),
        ("unknown measure", good.indicator(0, "measure", #""percent""#),
         .init(indicator: "CT01", field: "measure",
               reason: .notAllowed(value: "percent", allowed: ["ratio", "count", "shareOfUnits", "level"]))),
        ("unknown aggregation", good.indicator(1, "aggregation", #""yearly""#),
         .init(indicator: "CT02", field: "aggregation", reason: .notAllowed(value: "yearly", allowed: ["stock", "flow"]))),
        ("unknown reporters", good.indicator(0, "reporters", #""everyone""#),
         .init(indicator: "CT01", field: "reporters", reason: .notAllowed(
             value: "everyone", allowed: ["allOrganisations", "affiliatedUnits", "medicalUnits", "department"]))),
        ("unknown group", good.indicator(1, "group", #""V""#), .init(indicator: "CT02", field: "group", reason: .unknownGroup("V"))),
        ("unknown lead office", good.indicator(0, "leadOffices", #"["VP", "QLX"]"#),
         .init(indicator: "CT01", field: "leadOffices", reason: .unknownOffice("QLX"))),
        ("no lead office", good.indicator(0, "leadOffices", "[]"), .init(indicator: "CT01", field: "leadOffices", reason: .empty)),
        ("stated value differs from the text", good.indicator(0, "targets", cell(#"{"year": 2025, "text": "≥ 40", "kind": "atLeast", "value": 50}"#)),
         .init(indicator: "CT01", field: "targets[2025]", reason: .targetMismatch(stated: "atLeast value=50.0", parsed: "atLeast value=40.0"))),
        ("stated kind differs from the text", good.indicator(0, "targets", cell(#"{"year": 2025, "text": "≥ 40", "kind": "minimum", "value": 40}"#)),
         .init(indicator: "CT01", field: "targets[2025]", reason: .targetMismatch(stated: "minimum value=40.0", parsed: "atLeast value=40.0"))),
        ("'>' stated as at least", good.indicator(0, "targets", cell(#"{"year": 2025, "text": ">80", "kind": "atLeast", "value": 80}"#)),
         .init(indicator: "CT01", field: "targets[2025]", reason: .targetMismatch(stated: "atLeast value=80.0", parsed: "greaterThan value=80.0"))),
        ("band edges differ", good.indicator(0, "targets", cell(#"{"year": 2025, "text": "80-90", "kind": "range", "low": 80, "high": 95}"#)),
         .init(indicator: "CT01", field: "targets[2025]", reason: .targetMismatch(stated: "range low=80.0 high=95.0", parsed: "range low=80.0 high=90.0"))),
        ("a number stated for '-'", good.indicator(0, "targets", cell(#"{"year": 2025, "text": "-", "kind": "none", "value": 0}"#)),
         .init(indicator: "CT01", field: "targets[2025]", reason: .targetMismatch(stated: "none value=0.0", parsed: "none"))),
        ("stated level differs",
         good.indicator(1, "targets", targets(none2025, #"{"year": 2030, "text": "Có", "kind": "level", "level": "Chưa có"}"#)),
         .init(indicator: "CT02", field: "targets[2030]", reason: .targetMismatch(stated: "level level=Chưa có", parsed: "level level=Có"))),
        ("kind not stated", good.indicator(0, "targets", cell(#"{"year": 2025, "text": "≥1", "value": 1}"#)),
         .init(indicator: "CT01", field: "targets[2025].kind", reason: .missing)),
        ("text missing", good.indicator(0, "targets", cell(#"{"year": 2025, "kind": "atLeast", "value": 1}"#)),
         .init(indicator: "CT01", field: "targets[2025].text", reason: .missing)),
        ("duplicate indicator code", good.indicator(1, "code", #""CT01""#),
         .init(indicator: nil, field: "indicators.code", reason: .duplicate("CT01"))),
        ("wrong number", good.indicator(1, "number", "7"), .init(indicator: "CT02", field: "number", reason: .wrongNumber(expected: 2, found: 7))),
        ("missing number", good.indicator(1, "number", nil), .init(indicator: "CT02", field: "number", reason: .missing)),
        ("missing code", good.indicator(1, "code", nil), .init(indicator: "#2", field: "code", reason: .missing)),
        ("missing milestone year", good.indicator(0, "targets", targets(count2025)),
         .init(indicator: "CT01", field: "targets", reason: .missingMilestone(2030))),
        ("no targets", good.indicator(0, "targets", nil), .init(indicator: "CT01", field: "targets", reason: .missing)),
        ("unexpected year",
         good.indicator(0, "targets", targets(count2025, count2030, #"{"year": 2026, "text": "≥1", "kind": "atLeast", "value": 1}"#)),
         .init(indicator: "CT01", field: "targets[2026].year", reason: .unexpectedYear(2026))),
        ("year given twice", good.indicator(0, "targets", targets(count2025, count2030, count2025)),
         .init(indicator: "CT01", field: "targets[2025].year", reason: .duplicate("2025"))),
        ("level indicator without a scale", good.indicator(1, "scale", "[]").indicator(1, "targets", targets(none2025, none2030)),
         .init(indicator: "CT02", field: "scale", reason: .scaleTooShort)),
        ("level indicator with a one-level scale",
         good.indicator(1, "scale", #"["Có"]"#).indicator(1, "targets", targets(none2025, none2030)),
         .init(indicator: "CT02", field: "scale", reason: .scaleTooShort)),
        ("scale on a count indicator", good.indicator(0, "scale", #"["Thấp", "Cao"]"#), .init(indicator: "CT01", field: "scale", reason: .scaleNotAllowed)),
        ("a level twice on a scale", good.indicator(1, "scale", #"["Chưa có", "Có", "Có"]"#), .init(indicator: "CT02", field: "scale", reason: .duplicate("Có"))),
        ("wrong format", good.with("format", #""chitieu-plan/2""#),
         .init(indicator: nil, field: "format", reason: .notAllowed(value: "chitieu-plan/2", allowed: ["chitieu-plan/1"]))),
        ("missing title", good.with("title", nil), .init(indicator: nil, field: "title", reason: .missing)),
        ("milestone year twice", good.with("milestoneYears", "[2025, 2030, 2030]"), .init(indicator: nil, field: "milestoneYears", reason: .duplicate("2025,2030,2030"))),
        ("no indicators", PlanJSON(indicators: []), .init(indicator: nil, field: "indicators", reason: .empty)),
    ]

    @Test("each problem names the indicator and field, and is the only one", arguments: cases)
    func problem(label: String, file: PlanJSON, expected: PlanProblem) {
        #expect(problems(file) == [expected], "\(label)")
    }

    @Test("text that is not a target fails with the indicator and year", arguments: [
        (0, #"{"year": 2025, "text": "nhiều", "kind": "atLeast", "value": 1}"#, "CT01", "nhiều"),
        (0, #"{"year": 2025, "text": "90-80", "kind": "range", "low": 90, "high": 80}"#, "CT01", "90-80"),
        (0, #"{"year": 2025, "text": "≥ 40%", "kind": "atLeast", "value": 40}"#, "CT01", "≥ 40%"),
        (1, #"{"year": 2025, "text": "Rất mạnh", "kind": "level", "level": "Rất mạnh"}"#, "CT02", "Rất mạnh"),
    ])
    func unparsable(index: Int, object: String, code: String, text: String) {
        let second = index == 0 ? count2030 : #"{"year": 2030, "text": "Có", "kind": "level", "level": "Có"}"#
        let found = problems(good.indicator(index, "targets", targets(object, second)))
        #expect(found.count == 1)
        #expect(found.first?.indicator == code)
        #expect(found.first?.field == "targets[2025].text")
        guard case .unparsableTarget(let reported, let detail)? = found.first?.reason else {
            Issue.record("not an unparsable target: \(found)")
            return
        }
        #expect(reported == text)
        #expect(!detail.isEmpty)
    }

    @Test("malformed JSON is one unreadable problem")
    func malformedJSON() {
        let error = #expect(throws: PlanFileError.self) { try PlanFile.load(Data(#"{"format": "chitieu-plan/1", "indicators": ["#.utf8)) }
        #expect(error?.problems.count == 1)
        guard case .unreadable? = error?.problems.first?.reason else {
            Issue.record("not unreadable: \(String(describing: error))")
            return
        }
        #expect(error?.problems.first?.indicator == nil)
    }

    @Test("a field of the wrong type names the entry by its code and its path")
    func wrongType() {
        let found = problems(good.indicator(1, "number", #""two""#))
        #expect(found.count == 1)
        #expect(found.first?.indicator == "CT02")   // named by its code, read leniently
        #expect(found.first?.field == "indicators[1].number")
        guard case .unreadable? = found.first?.reason else {
            Issue.record("not unreadable: \(found)")
            return
        }
    }

    @Test("without milestone years every target year is unexpected too")
    func noMilestoneYears() {
        let found = problems(good.with("milestoneYears", nil))
        #expect(found.first == .init(indicator: nil, field: "milestoneYears", reason: .missing))
        #expect(found.contains(.init(indicator: "CT01", field: "targets[2030].year", reason: .unexpectedYear(2030))))
        #expect(found.contains(.init(indicator: "CT02", field: "targets[2025].year", reason: .unexpectedYear(2025))))
    }

    @Test("several problems are all reported at once")
    func several() {
        let file = good.with("format", #""chitieu-plan/9""#)
            .indicator(0, "name", nil)
            .indicator(0, "measure", #""percent""#)
            .indicator(1, "group", #""V""#)
            .indicator(1, "leadOffices", #"["XX"]"#)
        let found = problems(file)
        #expect(found.count == 5)
        #expect(found.contains(.init(indicator: nil, field: "format", reason: .notAllowed(value: "chitieu-plan/9", allowed: ["chitieu-plan/1"]))))
        #expect(found.contains(.init(indicator: "CT01", field: "name", reason: .missing)))
        #expect(found.contains { $0.indicator == "CT01" && $0.field == "measure" })
        #expect(found.contains(.init(indicator: "CT02", field: "group", reason: .unknownGroup("V"))))
        #expect(found.contains(.init(indicator: "CT02", field: "leadOffices", reason: .unknownOffice("XX"))))
    }
}

@Suite("Plan files with numbers outside their domain")
struct PlanFileDomainTests {
    @Test("a percentage target above 100 is refused with the value and the limit")
    func percentageAboveHundred() {
        let ratio = good.indicator(0, "measure", #""ratio""#).indicator(0, "aggregation", #""stock""#).indicator(0, "unit", #""%""#)
            .indicator(0, "targets", cell(#"{"year": 2025, "text": "≥ 150", "kind": "atLeast", "value": 150}"#))
        #expect(problems(ratio) == [.init(indicator: "CT01", field: "targets[2025].text", reason: .targetOutOfDomain(value: 150, maximum: 100))])
    }

    @Test("a count target of 1 followed by 307 zeros cannot be read as a target")
    func hugeCount() {
        let huge = "1" + String(repeating: "0", count: 307)
        let file = good.indicator(0, "targets", cell(#"{"year": 2025, "text": "≥ \#(huge)", "kind": "atLeast", "value": 1e307}"#))
        let found = problems(file)
        #expect(found.count == 1 && found.first?.field == "targets[2025].text")
        if case .unparsableTarget(_, let detail)? = found.first?.reason { #expect(detail.contains("outOfRange")) } else { Issue.record("\(found)") }
    }
}

extension PlanFileDomainTests {
    @Test("a milestone year outside 1900–2999 is refused, so no loop over years can run away")
    func milestoneYears() {
        let file = good.with("milestoneYears", "[2025, 999999999]")
        #expect(problems(file).contains(.init(indicator: nil, field: "milestoneYears", reason: .notAllowed(value: "999999999", allowed: ["1900–2999"]))))
    }
}
