import Planning
@testable import App

extension AppTests.AuthorizationMatrixTests {
    static let unitPlanSamples: [String: Sample] = [
        "GET /unit-plans": .get("/unit-plans"),
        "GET /unit-plans/flags": .get("/unit-plans/flags?missing=yes"),
        "GET /unit-plans/{org}": .get("/unit-plans/MAU-BVDK-A"),
        "POST /unit-plans/{org}": .form("/unit-plans/{own-org}", ["t[CT06/2030]": "≥ {n}"]),
        "GET /api/v1/unit-plans/flags": .get("/api/v1/unit-plans/flags"),
        "GET /api/v1/unit-plans/{org}": .get("/api/v1/unit-plans/MAU-BVDK-A"),
        "PUT /api/v1/unit-plans/{org}": .json("/api/v1/unit-plans/{own-org}", #"{"targets":[{"indicator":"CT06","year":2030,"target":"≥ {n}"}]}"#),
    ]
}

extension SecurityWorld {
    /// The caller's own organisation (whose plan it may write); MAU-BVDK-A for those who may not.
    static let unitPlanResolvers: [String: Resolver] = [
        "{own-org}": { _, caller in
            switch caller {
            case .session(let role), .token(let role, _): role == .unitReporter || role == .leadOffice ? testOrganisation[role]! : "MAU-BVDK-A"
            case .anonymous: "MAU-BVDK-A"
            }
        },
    ]
}
