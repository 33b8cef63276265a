import Testing
@testable import Documents
@Test func placeholder2() { }
