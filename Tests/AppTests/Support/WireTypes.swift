/// The API's JSON as an integrator sees it, declared here on purpose: renaming a server field
/// breaks these tests instead of passing silently.
struct WireIndicator: Decodable, Equatable {
    struct Office: Decodable, Equatable { let code: String; let name: String }
    let plan: String
    let code: String
    let number: Int
    let group: String
    let name: String
    let unit: String?
    let leadOffice: String
    let leadOffices: [Office]
    let implementers: String
    let reporters: String
    let measure: String
    let aggregation: String
    let scale: [String]
    let targets: [WireTarget]
    let note: String?
}

struct WireTarget: Decodable, Equatable {
    let year: Int
    let text: String?
    let kind: String
    let value: Double?
    let low: Double?
    let high: Double?
    let level: String?
}

struct WireTrajectoryYear: Decodable {
    let year: Int
    let milestone: Bool
    let target: WireTarget
}

struct WirePlan: Decodable {
    struct Group: Decodable { let code: String; let name: String; let indicatorCount: Int }
    let code: String
    let title: String
    let issuer: String
    let issuedOn: String
    let milestoneYears: [Int]
    let groups: [Group]
    let indicatorCount: Int
}

struct WireOrganisation: Decodable {
    let code: String
    let name: String
    let kind: String
    let medical: Bool
    let parent: String?
    let demo: Bool
    let active: Bool
}

struct WireError: Decodable {
    let error: Bool
    let reason: String
}

struct WireHealth: Decodable {
    let status: String
    let database: String
    let plans: Int
}
