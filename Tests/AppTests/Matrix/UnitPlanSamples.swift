@testable import App

extension AppTests.AuthorizationMatrixTests {
    static let unitPlanSamples: [String: Sample] = [:]
}

extension SecurityWorld {
    static let unitPlanResolvers: [String: Resolver] = [:]
}
