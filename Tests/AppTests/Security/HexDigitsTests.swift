import Crypto
import Foundation
import Testing
@testable import App

extension AppTests {
    /// The change log's seals, token digests and ETags are written as hexadecimal; the stored ones must still match.
    @Suite("Hexadecimal digests") struct HexDigitsTests {
        @Test("every byte is written as String(format: \"%02x\") wrote it, and a digest as before")
        func sameAsFormat() {
            // setup
            let bytes = (0...255).map(UInt8.init)
            let digest = SHA256.hash(data: Data("Sở Y tế Ninh Bình".utf8))
            // act / validate
            #expect(bytes.hexDigits == bytes.map { String(format: "%02x", $0) }.joined())
            #expect(digest.hexDigits == digest.map { String(format: "%02x", $0) }.joined())
            #expect([UInt8]().hexDigits.isEmpty)
        }
    }
}
