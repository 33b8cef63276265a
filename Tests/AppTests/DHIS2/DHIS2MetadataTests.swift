import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("DHIS2 Web API: metadata") struct DHIS2MetadataTests {
        @Test("organisationUnits: default fields, fields with nested references, filters eq/in/like/ilike, paging and pager")
        func organisationUnits() async throws {
            try await withApp { app in
                // setup
                let caller = DHIS2Caller(app: app)
                let auth = DHIS2Caller.basic(try await caller.user(.unitReporter).email)
                let organisations = try await Directory.all(on: app.db)
                // act
                let plain = try await caller.json("/api/organisationUnits.json", auth)
                let one = try await caller.json("/api/organisationUnits?filter=id:eq:MAU-BVDK-A&fields=id,code,level,path,parent[id,name],children", auth)
                let some = try await caller.json("/api/organisationUnits?filter=id:in:[SYT,MAU-BVDK-A]&paging=false&fields=id", auth)
                let like = try await caller.json("/api/organisationUnits?filter=name:ilike:MẪU&filter=level:eq:2&fields=id,name&pageSize=2&page=2", auth)
                let root = try await caller.json("/api/41/organisationUnits/SYT?fields=id,level,children[id]", auth)
                let missing = try await caller.send(.GET, "/api/organisationUnits/KHONG-CO", auth)
                let badFilter = try await caller.send(.GET, "/api/organisationUnits?filter=name:between:a", auth)
                let deep = try await caller.send(.GET, "/api/organisationUnits?fields=" + String(repeating: "parent%5B", count: 5_000), auth)
                let unclosed = try await caller.send(.GET, "/api/organisationUnits?fields=parent%5Bid", auth)
                // validate
                #expect(plain["pager"]?["total"]?.number == Double(organisations.count) && plain["pager"]?["page"]?.number == 1)
                #expect(plain["organisationUnits"]?.array.first?.object.keys.sorted() == ["displayName", "id"])
                let unit = try #require(one["organisationUnits"]?.array.first)
                #expect(one["organisationUnits"]?.array.count == 1 && unit["code"]?.string == "MAU-BVDK-A" && unit["level"]?.number == 2)
                #expect(unit["path"]?.string == "/SYT/MAU-BVDK-A" && unit["parent"]?["id"]?.string == "SYT" && unit["parent"]?["name"]?.string == "Sở Y tế Ninh Bình")
                #expect(Set(some["organisationUnits"]?.array.compactMap { $0["id"]?.string } ?? []) == ["SYT", "MAU-BVDK-A"] && some["pager"] == nil)
                let matching = organisations.filter { $0.parentCode == "SYT" && $0.name.localizedCaseInsensitiveContains("MẪU") }.count
                #expect(like["pager"]?["total"]?.number == Double(matching) && like["pager"]?["page"]?.number == 2)
                #expect(like["organisationUnits"]?.array.count == min(2, max(0, matching - 2)) && like["pager"]?["prevPage"]?.string?.contains("page=1") == true)
                #expect(root["level"]?.number == 1 && (root["children"]?.array.count ?? 0) == organisations.filter { $0.parentCode == "SYT" }.count)
                #expect(missing.status == .notFound && missing.body.string.contains("E1005"))
                #expect(badFilter.status == .conflict)
                #expect(deep.status == .conflict && unclosed.status == .conflict, "nesting is bounded and must close: \(deep.status) \(unclosed.status)")
            }
        }

        @Test("data elements carry DHIS2's value and aggregation types; ratios use the NUMDEN combo of NUM and DEN; the plan is a SixMonthlyNov data set")
        func dataElementsCombosAndDataSet() async throws {
            try await withApp { app in
                // setup
                let caller = DHIS2Caller(app: app)
                let auth = DHIS2Caller.basic(try await caller.user(.coordinator).email)
                let (plan, indicators) = try await IndicatorQueries.list(.init(), on: app.db)
                let ratio = try #require(indicators.first { $0.measure == .ratio })
                let count = try #require(indicators.first { $0.measure == .count && $0.aggregation == .flow })
                // act
                let elements = try await caller.json("/api/dataElements?paging=false&fields=id,code,valueType,aggregationType,categoryCombo[id,categoryOptionCombos[id]]", auth)
                let combos = try await caller.json("/api/categoryOptionCombos?fields=id,categoryCombo", auth)
                let dataSet = try await caller.json("/api/dataSets/\(plan.code)", auth)
                let ratios = try await caller.json("/api/indicators?filter=id:eq:\(ratio.code)&fields=id,numerator,denominator,indicatorType[factor]", auth)
                // validate
                let byID = Dictionary(uniqueKeysWithValues: elements["dataElements"]!.array.map { ($0["id"]!.string!, $0) })
                #expect(byID.count == indicators.count)
                #expect(byID[ratio.code]?["categoryCombo"]?["id"]?.string == "NUMDEN")
                #expect(byID[ratio.code]?["categoryCombo"]?["categoryOptionCombos"]?.array.compactMap { $0["id"]?.string } == ["NUM", "DEN"])
                #expect(byID[count.code]?["valueType"]?.string == "NUMBER" && byID[count.code]?["aggregationType"]?.string == "SUM")
                #expect(byID[count.code]?["categoryCombo"]?["id"]?.string == "default")
                #expect(combos["categoryOptionCombos"]?.array.compactMap { $0["id"]?.string } == ["default", "NUM", "DEN"])
                #expect(dataSet["periodType"]?.string == "SixMonthlyNov" && dataSet["dataSetElements"]?.array.count == indicators.count)
                let expression = try #require(ratios["indicators"]?.array.first)
                #expect(expression["numerator"]?.string == "#{\(ratio.code).NUM}" && expression["denominator"]?.string == "#{\(ratio.code).DEN}")
                #expect(expression["indicatorType"]?["factor"]?.number == 100)
            }
        }
    }
}
