import Foundation
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Indicator API") struct IndicatorAPITests {
        @Test("lists the 37 indicators of Appendix I in plan order with stable fields")
        func listsAll() async throws {
            try await withApp { app in
                // act
                let res = try await app.get("/api/v1/indicators")
                // validate
                #expect(res.status == .ok)
                let indicators = try res.content.decode([WireIndicator].self)
                #expect(indicators.map(\.code) == (1...37).map { String(format: "CT%02d", $0) })
                #expect(indicators.map(\.number) == Array(1...37))
                #expect(Set(indicators.map(\.plan)) == ["KH-BCD-SYT-NB-2025"])
                #expect(indicators.allSatisfy { $0.targets.map(\.year) == [2025, 2030, 2035, 2040, 2045] })
            }
        }

        @Test("filters by group", arguments: [("I", 4), ("II", 7), ("III", 5), ("IV", 21)])
        func filtersByGroup(group: String, count: Int) async throws {
            try await withApp { app in
                let res = try await app.get("/api/v1/indicators?group=\(group)")
                let indicators = try res.content.decode([WireIndicator].self)
                #expect(indicators.count == count)
                #expect(indicators.allSatisfy { $0.group == group })
            }
        }

        @Test("filters by lead office, including the row led by two offices")
        func filtersByLeadOffice() async throws {
            try await withApp { app in
                let qld = try await app.get("/api/v1/indicators?leadOffice=QLD").content.decode([WireIndicator].self)
                #expect(qld.map(\.code) == ["CT15"])
                #expect(qld.first?.leadOffices.map(\.code) == ["QLKCB", "QLD"])
                let tc = try await app.get("/api/v1/indicators?leadOffice=TC").content.decode([WireIndicator].self)
                // "Phòng Tài Chính" (row 13) and "Phòng Tài chính" (25, 29, 32) are one office.
                #expect(tc.map(\.code) == ["CT13", "CT25", "CT29", "CT32"])
                let bhyt = try await app.get("/api/v1/indicators?leadOffice=BHYT").content.decode([WireIndicator].self)
                #expect(bhyt.contains { $0.code == "CT20" && $0.leadOffice == "Phòng Bảo hiểm y tế" })
            }
        }

        @Test("refuses an unknown filter value with a JSON error in Vietnamese", arguments: ["group=V", "leadOffice=XYZ", "group=%27%3B%20DROP%20TABLE%20indicators%3B--"])
        func refusesUnknownFilter(query: String) async throws {
            try await withApp { app in
                let res = try await app.get("/api/v1/indicators?\(query)")
                #expect(res.status == .badRequest)
                let error = try res.content.decode(WireError.self)
                #expect(error.error)
                #expect(error.reason.contains("không hợp lệ"))
                // The table is still there.
                let all = try await app.get("/api/v1/indicators").content.decode([WireIndicator].self)
                #expect(all.count == 37)
            }
        }

        @Test("shows one indicator with its targets as written and parsed")
        func showsOne() async throws {
            try await withApp { app in
                let ct04 = try await app.get("/api/v1/indicators/CT04").content.decode(WireIndicator.self)
                #expect(ct04.targets.map(\.text) == ["-", "-", "-", "80-90", "≥ 90"])
                #expect(ct04.targets[3] == WireTarget(year: 2040, text: "80-90", kind: "range", value: nil, low: 80, high: 90, level: nil))
                #expect(ct04.targets[4] == WireTarget(year: 2045, text: "≥ 90", kind: "atLeast", value: 90, low: nil, high: nil, level: nil))
                let ct29 = try await app.get("/api/v1/indicators/ct29").content.decode(WireIndicator.self)
                #expect(ct29.targets.map(\.kind) == ["none", "minimum", "greaterThan", "greaterThan", "greaterThan"])
                let ct12 = try await app.get("/api/v1/indicators/CT12").content.decode(WireIndicator.self)
                #expect(ct12.unit == nil)
                #expect(ct12.aggregation == "flow")
                let ct37 = try await app.get("/api/v1/indicators/CT37").content.decode(WireIndicator.self)
                #expect(ct37.measure == "level")
                #expect(ct37.targets.last?.text == "Hoàn thiện, đưa vào sử dụng thực tế.")
                #expect(ct37.targets.last?.level == ct37.scale.last)
            }
        }

        @Test("writes absent values as null rather than leaving fields out")
        func writesNulls() async throws {
            try await withApp { app in
                let res = try await app.get("/api/v1/indicators/CT12")
                let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [String: Any])
                #expect(object.keys.contains("unit"))
                #expect(object["unit"] is NSNull)
                let target = try #require((object["targets"] as? [[String: Any]])?.first)
                #expect(Set(target.keys) == ["year", "text", "kind", "value", "low", "high", "level"])
            }
        }

        @Test("answers 404 with a JSON reason for an unknown code, in the language asked")
        func unknownCode() async throws {
            try await withApp { app in
                let vi = try await app.get("/api/v1/indicators/CT99")
                #expect(vi.status == .notFound)
                #expect(try vi.content.decode(WireError.self).reason == "Không có chỉ tiêu mã CT99.")
                let en = try await app.get("/api/v1/indicators/CT99?lang=en")
                #expect(try en.content.decode(WireError.self).reason == "There is no indicator with code CT99.")
                let plan = try await app.get("/api/v1/indicators?plan=NOPE")
                #expect(plan.status == .notFound)
            }
        }

        @Test("gives the expected target of every year, linear between milestones")
        func trajectory() async throws {
            try await withApp { app in
                let years = try await app.get("/api/v1/indicators/CT05/trajectory").content.decode([WireTrajectoryYear].self)
                #expect(years.map(\.year) == Array(2025...2045))
                #expect(years.filter(\.milestone).map(\.year) == [2025, 2030, 2035, 2040, 2045])
                let y2027 = try #require(years.first { $0.year == 2027 })
                #expect(y2027.target == WireTarget(year: 2027, text: nil, kind: "atLeast", value: 1.4, low: nil, high: nil, level: nil))
                #expect(years.first { $0.year == 2030 }?.target.text == "≥2")
                let ct23 = try await app.get("/api/v1/indicators/CT23/trajectory").content.decode([WireTrajectoryYear].self)
                // No target in 2025, so no line can start before 2030.
                #expect(ct23.first { $0.year == 2028 }?.target.kind == "none")
            }
        }
    }
}
