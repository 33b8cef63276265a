import Testing
@testable import Planning

@Suite("Number input") struct NumberInputTests {
    @Test("Vietnamese: comma decimal, dot thousands", arguments: [
        ("12", 12.0), ("12,5", 12.5), ("1.250", 1250), ("1.250.000", 1_250_000), ("1 250", 1250), ("-3", -3), ("0,75", 0.75),
        ("1.250,5", 1250.5), (" 7 ", 7),
    ])
    func vietnamese(text: String, value: Double) {
        #expect(NumberInput.parse(text, style: .vietnamese) == value)
    }

    @Test("English: dot decimal, comma thousands", arguments: [("12.5", 12.5), ("1,250", 1250), ("1,250.5", 1250.5)])
    func english(text: String, value: Double) {
        #expect(NumberInput.parse(text, style: .english) == value)
    }

    @Test("not numbers", arguments: ["", "  ", "abc", "12,", ",5", "1.25", "1.2345", "12,5,1", "1e5", "--1", "12a", "٣", "½"])
    func notNumbers(text: String) {
        #expect(NumberInput.parse(text, style: .vietnamese) == nil)
    }

    @Test("an organisation reports the indicators whose scope includes it")
    func scope() {
        func indicator(_ code: String, _ scope: ReportingScope) -> Indicator {
            Indicator(code: code, number: 1, group: "I", name: code, unit: nil, leadOfficeText: "", leadOffices: [], implementers: "",
                      reporters: scope, measure: .count, aggregation: .flow, scale: [], targets: [], note: nil)
        }
        let all = [indicator("A", .allOrganisations), indicator("B", .affiliatedUnits), indicator("C", .medicalUnits), indicator("D", .department)]
        let hospital = Organisation(code: "H", name: "H", kind: .provincialHospital, isMedical: true, parentCode: nil)
        let lab = Organisation(code: "L", name: "L", kind: .otherUnit, isMedical: false, parentCode: nil)
        let office = Organisation(code: "O", name: "O", kind: .office, isMedical: false, parentCode: nil)
        let department = Organisation(code: "S", name: "S", kind: .department, isMedical: false, parentCode: nil)
        #expect(ReportingScope.indicators(all, reportedBy: hospital).map(\.code) == ["A", "B", "C"])
        #expect(ReportingScope.indicators(all, reportedBy: lab).map(\.code) == ["A", "B"])
        #expect(ReportingScope.indicators(all, reportedBy: office).map(\.code) == ["A"])
        #expect(ReportingScope.indicators(all, reportedBy: department).map(\.code) == ["D"])
    }
}
