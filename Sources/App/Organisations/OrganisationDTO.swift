import Planning
import Vapor

struct OrganisationDTO: Content {
    let code: String
    let name: String
    let kind: String
    let medical: Bool
    @Nullable var parent: String?
    /// Shipped sample data, not a real unit.
    let demo: Bool
    let active: Bool

    init(_ record: OrganisationRecord) {
        code = record.code
        name = record.name
        kind = record.kind
        medical = record.isMedical
        parent = record.parentCode
        demo = record.isDemo
        active = record.isActive
    }


}
