@testable import App

extension AppTests.AuthorizationMatrixTests {
    static let taskSamples: [String: Sample] = [:]
}

extension SecurityWorld {
    static let taskResolvers: [String: Resolver] = [:]
}
