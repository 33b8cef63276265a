import Testing
@testable import Planning

@Suite("Access policy") struct AccessTests {
    /// The whole table, written out: a change to who may do what must change this test too.
    static let table: [(Role?, Permission, Bool)] = {
        let roles: [Role?] = [nil] + Role.allCases
        return roles.flatMap { role in
            Permission.allCases.map { permission in
                let allowed: Bool = switch permission {
                case .publicAccess: true
                case .signedIn, .readPlan: role != nil
                case .manageUsers, .manageOrganisations: role == .admin
                case .readAudit: role == .admin || role == .leadership || role == .coordinator
                case .readReports: role != nil
                case .writeReports: role == .unitReporter || role == .leadOffice
                case .reviewReports: role == .coordinator || role == .leadOffice
                case .returnReports: role == .coordinator || role == .leadOffice || role == .unitHead
                case .signReports: role == .unitHead
                case .manageCycles, .manageTasks: role == .admin || role == .coordinator
                case .approveReports, .writeSummaryReport: role == .coordinator
                case .monitorReporting: role == .admin || role == .leadership || role == .coordinator || role == .leadOffice
                case .approveSummaryReport, .writeDirectives: role == .leadership
                case .replyDirectives: role == .coordinator || role == .leadOffice || role == .unitReporter || role == .unitHead
                case .assessIndicators: role == .leadOffice
                case .manageSite: role == .admin
                }
                return (role, permission, allowed)
            }
        }
    }()

    @Test("each role × permission", arguments: table.map { Case(role: $0.0, permission: $0.1, allowed: $0.2) })
    func policy(_ c: Case) {
        #expect(AccessPolicy.allows(c.role, c.permission) == c.allowed)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let role: Role?
        let permission: Permission
        let allowed: Bool
        var testDescription: String { "\(role?.rawValue ?? "anonymous") \(permission.rawValue) → \(allowed)" }
    }

    @Test("anonymous may only use public routes")
    func anonymous() {
        #expect(Permission.allCases.filter { AccessPolicy.allows(nil, $0) } == [.publicAccess])
    }

    @Test("a unit reporter reads and writes only its own organisation's data")
    func objectLevel() {
        #expect(AccessPolicy.mayReadData(role: .unitReporter, own: "A", other: "A"))
        #expect(!AccessPolicy.mayReadData(role: .unitReporter, own: "A", other: "B"))
        #expect(!AccessPolicy.mayWriteData(role: .unitReporter, own: "A", other: "B"))
        #expect(AccessPolicy.mayWriteData(role: .unitReporter, own: "A", other: "A"))
        for role in [Role.leadership, .coordinator, .leadOffice, .admin] {
            #expect(AccessPolicy.mayReadData(role: role, own: "A", other: "B"))
        }
        // The unit head reads his own unit only, and writes no data (he signs).
        #expect(AccessPolicy.mayReadData(role: .unitHead, own: "A", other: "A"))
        #expect(!AccessPolicy.mayReadData(role: .unitHead, own: "A", other: "B"))
        #expect(!AccessPolicy.mayWriteData(role: .unitHead, own: "A", other: "A"))
        #expect(Role.allCases.filter(\.readsOwnOrganisationOnly) == [.unitReporter, .unitHead])
        #expect(!AccessPolicy.mayWriteData(role: .leadership, own: "A", other: "A"))
        #expect(AccessPolicy.mayWriteData(role: .coordinator, own: "A", other: "B"))
    }

    @Test("which organisations each role may belong to", arguments: [
        (Role.admin, OrganisationKind.department, true), (.admin, .provincialHospital, true),
        (.leadership, .department, true), (.leadership, .office, true), (.leadership, .districtHealthCentre, false),
        (.coordinator, .office, true), (.coordinator, .department, false), (.coordinator, .otherUnit, false),
        (.leadOffice, .office, true), (.leadOffice, .department, false), (.leadOffice, .specialisedHospital, false),
        (.unitReporter, .provincialHospital, true), (.unitReporter, .office, true), (.unitReporter, .diseaseControl, true),
        (.unitReporter, .department, false),
        (.unitHead, .provincialHospital, true), (.unitHead, .districtHealthCentre, true), (.unitHead, .office, true),
        (.unitHead, .department, false),
    ])
    func fits(role: Role, kind: OrganisationKind, expected: Bool) {
        #expect(role.fits(kind) == expected)
    }

    static let common: Set<String> = ["1234567890", "matkhau1234"]

    @Test("password rules", arguments: [
        ("ngan", PasswordRule.Problem.tooShort(minimum: 10)),
        ("123456789", .tooShort(minimum: 10)),
        ("1234567890", .common),
        ("MatKhau1234", .common),
        ("nguyenvana-2026", .containsEmail),
        (String(repeating: "a", count: 73), .tooLong(maximumBytes: 72)),
        (String(repeating: "ệ", count: 25), .tooLong(maximumBytes: 72)),   // 25 characters, 75 bytes
        ("Ninh-Binh\u{0}abcdef", .controlCharacter),
        ("Ninh-Binh\tabcdef", .controlCharacter),
    ])
    func passwordProblems(password: String, problem: PasswordRule.Problem) {
        #expect(PasswordRule.check(password, email: "NguyenVanA@soyte.vn", common: Self.common) == problem)
    }

    @Test("a long, uncommon password without the user name is accepted", arguments: ["Ninh-Binh y te 2026", "1234567890x", "mười ký tự ở đây"])
    func passwordAccepted(password: String) {
        #expect(PasswordRule.check(password, email: "canbo@soyte.vn", common: Self.common) == nil)
    }
}

@Suite("Who assesses an indicator") struct AssessAccessTests {
    static let indicator = Indicator(code: "CT15", number: 15, group: "II", name: "Thử", unit: "%", leadOfficeText: "", leadOffices: ["QLKCB", "QLD"],
                                     implementers: "", reporters: .allOrganisations, measure: .ratio, aggregation: .stock, scale: [], targets: [], note: nil)

    @Test("only a lead office the indicator names", arguments: [
        (Role.leadOffice, "QLKCB", true), (.leadOffice, "QLD", true), (.leadOffice, "BHYT", false),
        (.coordinator, "QLKCB", false), (.admin, "SYT", false), (.leadership, "SYT", false), (.unitReporter, "QLKCB", false),
    ])
    func mayAssess(role: Role, own: String, allowed: Bool) {
        #expect(AccessPolicy.mayAssess(Self.indicator, role: role, own: own) == allowed)
    }
}
