import Foundation
import FuzzSupport
import Testing
@testable import Planning

@Suite("Audit chain") struct AuditChainTests {
    /// A stand-in hash for the pure rule (the app uses SHA-256): any change of input changes it.
    static func hash(_ text: String) -> String { String(text.unicodeScalars.reduce(into: UInt64(1469598103934665603)) { $0 = ($0 ^ UInt64($1.value)) &* 1099511628211 }, radix: 16) }

    static func chain(_ count: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        var previous = AuditChain.genesis
        for sequence in 1...count {
            let entry = AuditEntry(sequence: sequence, at: "2026-11-23T10:00:0\(sequence % 10).000Z", actor: "admin@chitieu.local",
                                   entity: "user", entityID: "u\(sequence)", field: "role", oldValue: sequence == 1 ? nil : "unitReporter",
                                   newValue: "coordinator", reason: nil, previousHash: previous, hash: "").sealed(by: hash)
            entries.append(entry)
            previous = entry.hash
        }
        return entries
    }

    static func replacing(_ entries: [AuditEntry], at index: Int, newValue: String) -> [AuditEntry] {
        var copy = entries
        let e = copy[index]
        copy[index] = AuditEntry(sequence: e.sequence, at: e.at, actor: e.actor, entity: e.entity, entityID: e.entityID, field: e.field,
                                 oldValue: e.oldValue, newValue: newValue, reason: e.reason, previousHash: e.previousHash, hash: e.hash)
        return copy
    }

    @Test("a whole chain verifies, in any stored order, and so does an empty one")
    func whole() {
        #expect(AuditChain.verify(Self.chain(5), hash: Self.hash) == nil)
        #expect(AuditChain.verify(Self.chain(5).reversed(), hash: Self.hash) == nil)
        #expect(AuditChain.verify([], hash: Self.hash) == nil)
    }

    @Test("an edited entry is found, and it is the first break reported")
    func altered() {
        #expect(AuditChain.verify(Self.replacing(Self.chain(5), at: 2, newValue: "admin"), hash: Self.hash) == .altered(sequence: 3))
    }

    @Test("a deleted entry is found by the gap it leaves, the last one by nothing but its absence from a longer chain")
    func missing() {
        var entries = Self.chain(5)
        entries.remove(at: 1)
        #expect(AuditChain.verify(entries, hash: Self.hash) == .missing(sequence: 2))
        #expect(AuditChain.verify(Array(Self.chain(5).dropFirst()), hash: Self.hash) == .missing(sequence: 1))
    }

    @Test("an entry rebuilt with a correct own hash but a wrong link is found")
    func unlinked() {
        var entries = Self.chain(3)
        let e = entries[1]
        entries[1] = AuditEntry(sequence: 2, at: e.at, actor: e.actor, entity: e.entity, entityID: e.entityID, field: e.field,
                                oldValue: e.oldValue, newValue: "admin", reason: nil, previousHash: AuditChain.genesis, hash: "").sealed(by: Self.hash)
        #expect(AuditChain.verify(entries, hash: Self.hash) == .unlinked(sequence: 2))
    }

    @Test("the hashed text tells absent from empty and escapes separators")
    func canonical() {
        let a = AuditEntry(sequence: 1, at: "t", actor: "a", entity: "e", entityID: "1", field: "f", oldValue: nil, newValue: "", reason: nil, previousHash: "0", hash: "")
        let b = AuditEntry(sequence: 1, at: "t", actor: "a", entity: "e", entityID: "1", field: "f", oldValue: "", newValue: nil, reason: nil, previousHash: "0", hash: "")
        let c = AuditEntry(sequence: 1, at: "t", actor: "a", entity: "e", entityID: "1", field: "f\",\"x", oldValue: nil, newValue: nil, reason: nil, previousHash: "0", hash: "")
        #expect(a.canonical != b.canonical)
        #expect(c.canonical.contains(#"f\",\"x"#))
    }

    @Test("the hashed text is byte for byte what JSONEncoder writes (chains already stored were hashed over it): every BMP scalar, and mixed strings")
    func canonicalMatchesJSONEncoder() throws {
        func encoder(_ parts: [String?]) throws -> String { String(decoding: try JSONEncoder().encode(parts), as: UTF8.self) }
        var differing: [UInt32] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }   // surrogates are no scalar
            let text = "a" + String(Character(scalar)) + "b"
            if AuditEntry.jsonArray([text, nil]) != (try encoder([text, nil])) { differing.append(value) }
        }
        var random = SplitMix64(seed: 20261203)
        let pieces = ["\"", "\\", "/", "\n", "\r\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "Ngưỡng", "😀", "\u{2028}", "\u{FEFF}", ",", "null", "", " "]
        var mixed = 0
        for _ in 0..<2_000 {
            let parts: [String?] = (0..<Int.random(in: 1...10, using: &random)).map { _ in
                Int.random(in: 0..<5, using: &random) == 0 ? nil
                    : (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            }
            if AuditEntry.jsonArray(parts) != (try encoder(parts)) { mixed += 1 }
        }
        #expect(differing.isEmpty, "scalars written differently: \(differing.prefix(20).map { String($0, radix: 16) })")
        #expect(mixed == 0)
    }
}
