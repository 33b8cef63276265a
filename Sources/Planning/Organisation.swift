import Foundation

/// Loại đơn vị — what kind of organisation of the health sector this is.
public enum OrganisationKind: String, Sendable, Codable, CaseIterable {
    /// Sở Y tế — the Department itself.
    case department
    /// Phòng chức năng — a functional office of the Department.
    case office
    /// Bệnh viện tuyến tỉnh — a provincial general hospital.
    case provincialHospital
    /// Bệnh viện chuyên khoa — a specialised hospital.
    case specialisedHospital
    /// Trung tâm Y tế khu vực/huyện — a district (area) health centre.
    case districtHealthCentre
    /// Trung tâm Kiểm soát bệnh tật (CDC).
    case diseaseControl
    /// Any other affiliated unit (testing centre, forensic centre, …).
    case otherUnit

    /// An affiliated unit (đơn vị trực thuộc), as opposed to the Department and its offices.
    public var isAffiliatedUnit: Bool { self != .department && self != .office }
}

/// Cơ quan, đơn vị — an organisation that reports, leads or is reported on.
public struct Organisation: Sendable, Hashable {
    public let code: String
    public let name: String
    public let kind: OrganisationKind
    /// Examines and treats patients (đơn vị khám bệnh, chữa bệnh).
    public let isMedical: Bool
    public let parentCode: String?

    public init(code: String, name: String, kind: OrganisationKind, isMedical: Bool, parentCode: String?) {
        self.code = code
        self.name = name
        self.kind = kind
        self.isMedical = isMedical
        self.parentCode = parentCode
    }
}

extension ReportingScope {
    /// Whether `organisation` is expected to report an indicator of this scope.
    public func includes(_ organisation: Organisation) -> Bool {
        switch self {
        case .allOrganisations: organisation.kind != .department
        case .affiliatedUnits: organisation.kind.isAffiliatedUnit
        case .medicalUnits: organisation.kind.isAffiliatedUnit && organisation.isMedical
        case .department: organisation.kind == .department
        }
    }
}
