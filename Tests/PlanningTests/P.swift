import Testing
@testable import Planning
@Test func placeholder() { }
