import Testing
@testable import Planning

@Suite("Who reports an indicator")
struct OrganisationTests {
    /// Every kind, medical or not, with the scopes that include it, written out by hand.
    static let rows: [(OrganisationKind, isMedical: Bool, included: Set<ReportingScope>)] = [
        (.department, false, [.department]),
        (.department, true, [.department]),
        (.office, false, [.allOrganisations]),
        (.office, true, [.allOrganisations]),
        (.provincialHospital, true, [.allOrganisations, .affiliatedUnits, .medicalUnits]),
        (.provincialHospital, false, [.allOrganisations, .affiliatedUnits]),
        (.specialisedHospital, true, [.allOrganisations, .affiliatedUnits, .medicalUnits]),
        (.specialisedHospital, false, [.allOrganisations, .affiliatedUnits]),
        (.districtHealthCentre, true, [.allOrganisations, .affiliatedUnits, .medicalUnits]),
        (.districtHealthCentre, false, [.allOrganisations, .affiliatedUnits]),
        (.diseaseControl, false, [.allOrganisations, .affiliatedUnits]),
        (.diseaseControl, true, [.allOrganisations, .affiliatedUnits, .medicalUnits]),
        (.otherUnit, false, [.allOrganisations, .affiliatedUnits]),
        (.otherUnit, true, [.allOrganisations, .affiliatedUnits, .medicalUnits]),
    ]

    @Test("each scope × organisation kind × medical flag", arguments: rows)
    func includes(kind: OrganisationKind, isMedical: Bool, included: Set<ReportingScope>) {
        let organisation = Organisation(code: "X", name: "Đơn vị X", kind: kind, isMedical: isMedical, parentCode: "SYT")
        for scope in ReportingScope.allCases {
            #expect(scope.includes(organisation) == included.contains(scope), "\(scope) for \(kind), medical: \(isMedical)")
        }
    }

    @Test("the table covers every kind, medical and not")
    func tableIsComplete() {
        let covered = Set(Self.rows.map { "\($0.0.rawValue)/\($0.isMedical)" })
        #expect(covered.count == OrganisationKind.allCases.count * 2)
    }

    @Test("affiliated units are everything but the Department and its offices", arguments: [
        (OrganisationKind.department, false), (.office, false), (.provincialHospital, true),
        (.specialisedHospital, true), (.districtHealthCentre, true), (.diseaseControl, true), (.otherUnit, true),
    ])
    func affiliated(kind: OrganisationKind, isAffiliated: Bool) {
        #expect(kind.isAffiliatedUnit == isAffiliated)
    }

    @Test("scopes and kinds have the wire names the plan file and CSV use")
    func wireNames() {
        #expect(ReportingScope.allCases.map(\.rawValue) == ["allOrganisations", "affiliatedUnits", "medicalUnits", "department"])
        #expect(Measure.allCases.map(\.rawValue) == ["ratio", "count", "shareOfUnits", "level"])
        #expect(Aggregation.allCases.map(\.rawValue) == ["stock", "flow"])
        #expect(OrganisationKind(rawValue: "districtHealthCentre") == .districtHealthCentre)
    }
}
