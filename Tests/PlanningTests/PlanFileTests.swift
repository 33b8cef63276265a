import Foundation
import Testing
@testable import Planning

/// The bundled Appendix I transcription, found from this file: Tests/PlanningTests/ → package root.
private func bundledPlan() throws -> Plan {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let data = try Data(contentsOf: root.appendingPathComponent("Resources/Plans/ninh-binh-khcn-cds-2025.json"))
    return try PlanFile.load(data)
}

private func indicator(_ code: String) throws -> Indicator {
    try #require(try bundledPlan().indicators.first { $0.code == code })
}

/// "100" in 2030, 2035, 2040 and 2045.
private let hundreds: [Target] = Array(repeating: .minimum(100), count: 4)

@Suite("The bundled plan (Appendix I)")
struct PlanFileTests {
    @Test("37 indicators CT01…CT37 numbered 1…37 in order")
    func indicators() throws {
        let plan = try bundledPlan()
        #expect(plan.indicators.count == 37)
        #expect(plan.indicators.map(\.code) == (1...37).map { String(format: "CT%02d", $0) })
        #expect(plan.indicators.map(\.number) == Array(1...37))
    }

    @Test("the plan's own fields")
    func metadata() throws {
        let plan = try bundledPlan()
        #expect(plan.code == "KH-BCD-SYT-NB-2025")
        #expect(plan.issuedOn == "2025-10")
        #expect(plan.milestoneYears == [2025, 2030, 2035, 2040, 2045])
        #expect(plan.offices.map(\.code).sorted() == ["BHYT", "QLD", "QLKCB", "TC", "VP", "YTDP"])
    }

    @Test("groups I (1–4), II (5–11), III (12–16), IV (17–37)")
    func groups() throws {
        let plan = try bundledPlan()
        #expect(plan.groups.map(\.code) == ["I", "II", "III", "IV"])
        #expect(plan.groups.map(\.name) == ["Phát triển nguồn lực", "Phát triển khoa học công nghệ",
                                            "Phát triển hệ sinh thái đổi mới sáng tạo", "Phát triển chuyển đổi số"])
        let expected = [("I", 1...4), ("II", 5...11), ("III", 12...16), ("IV", 17...37)]
        for (group, numbers) in expected {
            #expect(plan.indicators.filter { $0.group == group }.map(\.number) == Array(numbers), "group \(group)")
        }
    }

    @Test("every indicator has one target per milestone year, 2025…2045")
    func milestoneYears() throws {
        for indicator in try bundledPlan().indicators {
            #expect(indicator.targets.map(\.year) == [2025, 2030, 2035, 2040, 2045], "\(indicator.code)")
        }
    }

    /// Cells exactly as Appendix I writes them, and what they mean.
    static let rows: [(code: String, texts: [String], targets: [Target])] = [
        ("CT01", ["100", "100", "100", "100", "100"], [.minimum(100)] + hundreds),
        ("CT03", ["80", "90", "95", "97", "99"], [.minimum(80), .minimum(90), .minimum(95), .minimum(97), .minimum(99)]),
        ("CT04", ["-", "-", "-", "80-90", "≥ 90"], [.none, .none, .none, .range(low: 80, high: 90), .atLeast(90)]),
        ("CT05", ["≥1", "≥2", "≥4", "≥6", "≥8"], [.atLeast(1), .atLeast(2), .atLeast(4), .atLeast(6), .atLeast(8)]),
        ("CT06", ["≥100", "≥ 200", "≥ 400", "≥ 600", "≥ 800"],
         [.atLeast(100), .atLeast(200), .atLeast(400), .atLeast(600), .atLeast(800)]),
        ("CT07", ["≥1", "≥2", "≥4", "≥6", "≥8"], [.atLeast(1), .atLeast(2), .atLeast(4), .atLeast(6), .atLeast(8)]),
        ("CT08", ["≥ 40", "≥ 60", "≥ 75", "≥ 85", "≥ 95"],
         [.atLeast(40), .atLeast(60), .atLeast(75), .atLeast(85), .atLeast(95)]),
        ("CT09", ["-", "≥1", "≥2", "≥3", "≥4"], [.none, .atLeast(1), .atLeast(2), .atLeast(3), .atLeast(4)]),
        ("CT10", ["Có", "Có", "Ứng dụng mạnh mẽ", "Ứng dụng mạnh mẽ", "Ứng dụng mạnh mẽ"],
         [.level("Có", rank: 1), .level("Có", rank: 1), .level("Ứng dụng mạnh mẽ", rank: 3),
          .level("Ứng dụng mạnh mẽ", rank: 3), .level("Ứng dụng mạnh mẽ", rank: 3)]),
        ("CT11", ["-", "-", "Ứng dụng một số CN", "Ứng dụng mạnh mẽ một số CN", "Ứng dụng mạnh mẽ một số CN"],
         [.none, .none, .level("Ứng dụng một số CN", rank: 1), .level("Ứng dụng mạnh mẽ một số CN", rank: 2),
          .level("Ứng dụng mạnh mẽ một số CN", rank: 2)]),
        ("CT12", ["≥ 1", "≥ 2", "≥ 4", "≥ 8", "≥ 16"], [.atLeast(1), .atLeast(2), .atLeast(4), .atLeast(8), .atLeast(16)]),
        ("CT13", ["≥ 1", "≥ 2", "≥ 4", "≥ 8", "≥ 10"], [.atLeast(1), .atLeast(2), .atLeast(4), .atLeast(8), .atLeast(10)]),
        ("CT14", ["≥ 1", "≥ 2", "≥ 5", "≥ 50", "≥ 100"], [.atLeast(1), .atLeast(2), .atLeast(5), .atLeast(50), .atLeast(100)]),
        ("CT17", ["≥ 70", "100", "100", "100", "100"], [.atLeast(70)] + hundreds),
        ("CT22", ["≥ 80", "≥ 85", "≥ 95", "100", "100"], [.atLeast(80), .atLeast(85), .atLeast(95), .minimum(100), .minimum(100)]),
        ("CT24", ["-", "80", "85", "90", "99"], [.none, .minimum(80), .minimum(85), .minimum(90), .minimum(99)]),
        ("CT28", ["-", "100", "100", "100", "100"], [.none] + hundreds),
        ("CT29", ["-", "80", ">80", ">80", ">80"], [.none, .minimum(80), .greaterThan(80), .greaterThan(80), .greaterThan(80)]),
        ("CT32", ["-", "≥95", "100", "100", "100"], [.none, .atLeast(95), .minimum(100), .minimum(100), .minimum(100)]),
        ("CT33", ["-", "-", "-", "-", "Đạt chuẩn tiên tiến"], [.none, .none, .none, .none, .level("Đạt chuẩn tiên tiến", rank: 2)]),
        ("CT34", ["-", "95", "100", "100", "100"], [.none, .minimum(95), .minimum(100), .minimum(100), .minimum(100)]),
        ("CT35", ["-", "100", "100", "100", "100"], [.none] + hundreds),
        // The PDF gives row 36 only four values: the 2025 cell is read as blank.
        ("CT36", ["", "100", "100", "100", "100"], [.none] + hundreds),
        ("CT37", ["-", "-", "-", "-", "Hoàn thiện, đưa vào sử dụng thực tế."],
         [.none, .none, .none, .none, .level("Hoàn thiện, đưa vào sử dụng thực tế", rank: 2)]),
    ]

    @Test("targets exactly as Appendix I writes them", arguments: rows)
    func targets(code: String, texts: [String], targets: [Target]) throws {
        let indicator = try indicator(code)
        #expect(indicator.targets.map(\.text) == texts)
        #expect(indicator.targets.map(\.target) == targets)
    }

    @Test("rows the PDF interleaved are rebuilt with their name, unit and lead office", arguments: [
        ("CT07", "Số nhiệm vụ khoa học và công nghệ cấp tỉnh triển khai mỗi năm", "Nhiệm vụ" as String?, "YTDP"),
        ("CT13", "Số dự án đổi mới sáng tạo được hỗ trợ từ ngân sách tỉnh mỗi năm", nil, "TC"),
        ("CT28", "Tỉ lệ các cơ quan , đơn vị trực thuộc thực hiện chỉ đạo, điều hành, quản trị nội bộ trên môi trường điện tử",
         "%", "BHYT"),
        ("CT35", "Tỷ lệ cán bộ, công chức, viên chức ngành Y tế làm chủ kỹ năng số, ứng dụng công nghệ trong quản lý, điều hành",
         "%", "BHYT"),
        ("CT36", "Tỷ lệ cán bộ, nhân viên y tế có chữ kí số", "%", "BHYT"),
    ])
    func rebuiltRows(code: String, name: String, unit: String?, office: String) throws {
        let indicator = try indicator(code)
        #expect(indicator.name == name)
        #expect(indicator.unit == unit)
        #expect(indicator.leadOffices == [office])
        #expect(!(indicator.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }

    @Test("rows without a unit in the source have none", arguments: ["CT12", "CT13", "CT16"])
    func noUnit(code: String) throws {
        #expect(try indicator(code).unit == nil)
    }

    @Test("units as written", arguments: [
        ("CT05", "Đề tài, dự án"), ("CT06", "Cán bộ"), ("CT09", "Bài báo"), ("CT10", "Công nghệ"),
        ("CT33", "Dịch vụ"), ("CT37", "Trung tâm/Hệ thống"), ("CT15", "%"),
    ])
    func units(code: String, unit: String) throws {
        #expect(try indicator(code).unit == unit)
    }

    @Test("CT15 is led by two offices, QLKCB and QLD")
    func twoLeadOffices() throws {
        let indicator = try indicator("CT15")
        #expect(indicator.leadOffices == ["QLKCB", "QLD"])
        #expect(indicator.leadOfficeText == "Phòng Quản lý Khám chữa bệnh và Phòng Quản lý Dược")
    }

    @Test("every lead office is one of the plan's offices")
    func leadOfficesKnown() throws {
        let plan = try bundledPlan()
        let offices = Set(plan.offices.map(\.code))
        for indicator in plan.indicators {
            #expect(!indicator.leadOffices.isEmpty && Set(indicator.leadOffices).isSubset(of: offices), "\(indicator.code)")
        }
    }

    @Test("every 'mỗi năm' indicator is a flow")
    func eachYearIsFlow() throws {
        let yearly = try bundledPlan().indicators.filter { $0.name.localizedLowercase.contains("mỗi năm") }
        #expect(yearly.map(\.code) == ["CT05", "CT07", "CT09", "CT12", "CT13", "CT14", "CT16"])
        for indicator in yearly {
            #expect(indicator.aggregation == .flow, "\(indicator.code)")
        }
    }

    @Test("level indicators are CT10, CT11, CT33, CT37, each with a scale; no other has one")
    func levelScales() throws {
        let plan = try bundledPlan()
        #expect(plan.indicators.filter { $0.measure == .level }.map(\.code) == ["CT10", "CT11", "CT33", "CT37"])
        for indicator in plan.indicators {
            if indicator.measure == .level {
                #expect(indicator.scale.count >= 2, "\(indicator.code)")
            } else {
                #expect(indicator.scale.isEmpty, "\(indicator.code)")
            }
        }
    }

    @Test("level targets sit on their scales at the stated rank", arguments: [
        ("CT10", 2025, 1), ("CT10", 2035, 3), ("CT11", 2035, 1), ("CT11", 2045, 2), ("CT33", 2045, 2), ("CT37", 2045, 2),
    ])
    func levelRanks(code: String, year: Int, rank: Int) throws {
        let indicator = try indicator(code)
        let target = try #require(indicator.target(in: year)?.target)
        guard case .level(let name, let found) = target else {
            Issue.record("\(code) \(year) is not a level: \(target)")
            return
        }
        #expect(found == rank)
        #expect(indicator.scale[rank] == name)
    }

    @Test("shares of organisations are the rows that count organisations", arguments: ["CT15", "CT28", "CT34"])
    func shares(code: String) throws {
        #expect(try indicator(code).measure == .shareOfUnits)
    }

    @Test("administrative-procedure indicators are reported at Department level")
    func administrativeProcedures() throws {
        let procedures = try bundledPlan().indicators.filter {
            $0.name.contains("thủ tục hành chính") || $0.name.contains("TTHC") || $0.name.contains("dịch vụ công")
        }
        #expect(procedures.map(\.code) == ["CT17", "CT18", "CT20", "CT21", "CT22", "CT23", "CT24", "CT25", "CT30"])
        for indicator in procedures {
            #expect(indicator.reporters == .department, "\(indicator.code)")
        }
    }

    @Test("CT04's trajectory runs from its 2040 band to ≥ 90 in 2045")
    func trajectoryOfCT04() throws {
        let indicator = try indicator("CT04")
        #expect(indicator.expected(in: 2035) == .none)
        #expect(indicator.expected(in: 2038) == .none)
        #expect(indicator.expected(in: 2040) == .range(low: 80, high: 90))
        #expect(indicator.expected(in: 2042) == .atLeast(84))
        #expect(indicator.expected(in: 2045) == .atLeast(90))
    }
}
