import Planning
import Vapor

struct OrganisationDTO: Content {
    let code: String
    let name: String
    let kind: String
    let medical: Bool
    let parent: String?
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

    enum CodingKeys: String, CodingKey { case code, name, kind, medical, parent, demo, active }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code); try c.encode(name, forKey: .name); try c.encode(kind, forKey: .kind)
        try c.encode(medical, forKey: .medical); try c.encode(parent, forKey: .parent); try c.encode(demo, forKey: .demo)
        try c.encode(active, forKey: .active)
    }
}
