@testable import App

extension AppTests.AuthorizationMatrixTests {
    static let reportSamples: [String: Sample] = [:]
}

extension SecurityWorld {
    static let reportResolvers: [String: Resolver] = [:]
}
