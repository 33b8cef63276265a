import Foundation
import Testing
@testable import Planning

@Suite("Security rules") struct SecurityRulesTests {
    static func plain(_ text: String) -> String { "p" + AuditChainTests.hash(text) }
    static func keyed(_ text: String) -> String { "k" + AuditChainTests.hash("secret" + text) }

    /// `count` entries, the first `plainCount` hashed plainly (written before the key), the rest keyed.
    static func chain(_ count: Int, plainCount: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        var previous = AuditChain.genesis
        for sequence in 1...count {
            let isKeyed = sequence > plainCount
            let entry = AuditEntry(sequence: sequence, at: "2026-12-02T10:00:00.000Z", actor: "a", entity: "login", entityID: "u\(sequence)",
                                   field: "success", oldValue: nil, newValue: "192.0.2.1", reason: nil, previousHash: previous, hash: "", keyed: isKeyed)
                .sealed(by: isKeyed ? keyed : plain)
            entries.append(entry)
            previous = entry.hash
        }
        return entries
    }

    static func verify(_ entries: [AuditEntry], anchor: AuditAnchor?) -> AuditChain.Break? {
        AuditChain.verify(entries, anchor: anchor, plain: plain, keyed: keyed)
    }

    @Test("a chain plain up to the key and keyed after it verifies, with or without its anchor")
    func mixedChain() {
        let entries = Self.chain(8, plainCount: 3)
        #expect(Self.verify(entries, anchor: nil) == nil)
        #expect(Self.verify(entries, anchor: AuditAnchor(sequence: 8, hash: entries[7].hash)) == nil)
        #expect(Self.verify(entries, anchor: AuditAnchor(sequence: 6, hash: entries[5].hash)) == nil, "entries written after the anchor")
    }

    @Test("a plain entry after a keyed one is forged, even when its plain hash is right")
    func downgrade() {
        var entries = Array(Self.chain(8, plainCount: 3).prefix(5))
        let e = entries[4]
        entries[4] = AuditEntry(sequence: e.sequence, at: e.at, actor: e.actor, entity: e.entity, entityID: e.entityID, field: e.field, oldValue: nil,
                                newValue: "198.51.100.1", reason: nil, previousHash: e.previousHash, hash: "", keyed: false).sealed(by: Self.plain)
        #expect(Self.verify(entries, anchor: nil) == .unkeyed(sequence: 5))
    }

    @Test("the anchor finds a deleted tail and a rewritten one that leave a chain whole in itself")
    func anchor() {
        let entries = Self.chain(8, plainCount: 0)
        let anchor = AuditAnchor(sequence: 8, hash: entries[7].hash)
        #expect(Self.verify(Array(entries.prefix(5)), anchor: anchor) == .tailDeleted(anchored: 8, last: 5))
        #expect(Self.verify([], anchor: anchor) == .tailDeleted(anchored: 8, last: 0))
        // the same number of entries, but another content after the fifth (as if the key were known)
        var rewritten = Array(entries.prefix(5))
        var previous = rewritten[4].hash
        for sequence in 6...8 {
            let entry = AuditEntry(sequence: sequence, at: "2026-12-02T11:00:00.000Z", actor: "b", entity: "login", entityID: "x", field: "success",
                                   oldValue: nil, newValue: nil, reason: nil, previousHash: previous, hash: "", keyed: true).sealed(by: Self.keyed)
            rewritten.append(entry)
            previous = entry.hash
        }
        #expect(Self.verify(rewritten, anchor: nil) == nil)
        #expect(Self.verify(rewritten, anchor: anchor) == .tailRewritten(sequence: 8))
    }

    @Test("a lead office reads only its indicators of another organisation's report, the Department's included; its own report whole")
    func leadOfficeView() {
        func indicator(_ code: String, lead: String) -> Indicator {
            Indicator(code: code, number: 1, group: "I", name: code, unit: nil, leadOfficeText: lead, leadOffices: [lead], implementers: "",
                      reporters: .allOrganisations, measure: .count, aggregation: .flow, scale: [], targets: [], note: nil)
        }
        let all = [indicator("A", lead: "BHYT"), indicator("B", lead: "VP"), indicator("C", lead: "BHYT")]
        #expect(AccessPolicy.visibleIndicators(all, role: .leadOffice, own: "BHYT", report: "BV-A").map(\.code) == ["A", "C"])
        #expect(AccessPolicy.visibleIndicators(all, role: .leadOffice, own: "BHYT", report: "SYT").map(\.code) == ["A", "C"])
        #expect(AccessPolicy.visibleIndicators(all, role: .leadOffice, own: "BHYT", report: "BHYT").map(\.code) == ["A", "B", "C"])
        #expect(!AccessPolicy.readsWholeReport(role: .leadOffice, own: "BHYT", report: "BV-A"))
        for role in [Role.admin, .leadership, .coordinator, .unitReporter] {
            #expect(AccessPolicy.readsWholeReport(role: role, own: "X", report: "BV-A"))
        }
    }

    @Test("what the coordinator approved only the coordinator returns; a lead office returns submitted reports")
    func approvedReturn() {
        #expect(ReportWorkflow.apply(.return, to: .approved, by: .leadOffice, ownReport: false, leadsAnIndicator: true, reason: "x")
                == .failure(.notAllowed(.return, .leadOffice)))
        #expect(ReportWorkflow.apply(.return, to: .submitted, by: .leadOffice, ownReport: false, leadsAnIndicator: true, reason: "x") == .success(.returned))
        #expect(ReportWorkflow.apply(.return, to: .approved, by: .coordinator, ownReport: false, reason: "x") == .success(.returned))
    }
}
