import Foundation
import Testing
@testable import Planning

/// The optional `numerator` / `denominator` descriptions of a ratio indicator in the plan file.
@Suite("Plan file: what a ratio's numerator and denominator count")
struct PlanFileRatioPartsTests {
    static func bundled() throws -> (Data, [String: Any]) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("Resources/Plans/ninh-binh-khcn-cds-2025.json"))
        return (data, try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
    }

    /// The bundled file with `change` applied to the indicator `code`.
    static func changed(_ code: String, _ change: (inout [String: Any]) -> Void) throws -> Data {
        var (_, plan) = try bundled()
        var indicators = try #require(plan["indicators"] as? [[String: Any]])
        let index = try #require(indicators.firstIndex { $0["code"] as? String == code })
        change(&indicators[index])
        plan["indicators"] = indicators
        return try JSONSerialization.data(withJSONObject: plan)
    }

    @Test("the bundled file describes the ratios whose text says what they count, and only ratios")
    func bundledParts() throws {
        let plan = try PlanFile.load(try Self.bundled().0)
        let described = plan.indicators.filter { $0.numeratorText != nil }
        #expect(described.allSatisfy { $0.measure == .ratio && $0.denominatorText != nil })
        let ct22 = try #require(plan.indicators.first { $0.code == "CT22" })
        #expect(ct22.numeratorText == "số hồ sơ xử lý trên môi trường mạng" && ct22.denominatorText == "tổng số hồ sơ tiếp nhận",
                "CT22 states its own: \"tỉ lệ số hồ sơ xử lý trên môi trường mạng/tổng số hồ sơ tiếp nhận\"")
        #expect(plan.indicators.first { $0.code == "CT05" }?.numeratorText == nil)
    }

    @Test("a description on an indicator that is not a ratio, or a blank one, is refused naming the indicator and field", arguments: [
        ("CT05", "numerator", "đề tài", PlanProblem.Reason.ratioPartNotAllowed),
        ("CT15", "denominator", "đơn vị", .ratioPartNotAllowed),
        ("CT01", "numerator", "   ", .empty),
    ])
    func refused(code: String, field: String, text: String, reason: PlanProblem.Reason) throws {
        let data = try Self.changed(code) { $0[field] = text }
        #expect(throws: PlanFileError(problems: [PlanProblem(indicator: code, field: field, reason: reason)])) { try PlanFile.load(data) }
    }

    @Test("descriptions are optional")
    func optional() throws {
        let data = try Self.changed("CT01") { $0.removeValue(forKey: "numerator"); $0.removeValue(forKey: "denominator") }
        let plan = try PlanFile.load(data)
        #expect(plan.indicators.first?.numeratorText == nil)
    }
}
