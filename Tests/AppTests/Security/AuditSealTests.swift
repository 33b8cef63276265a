import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Audit chain: key and anchor outside the database") struct AuditSealTests {
        static func entries(_ app: Application) async throws -> [AuditEntryRecord] {
            try await AuditEntryRecord.query(on: app.db).sort(\.$sequence).all()
        }

        /// Rewrites `records` (in order) as someone with only database access can: plain SHA-256, chained from `previous`.
        static func forge(_ records: [AuditEntryRecord], after previous: String, on db: any Database) async throws {
            var previousHash = previous
            for record in records {
                let entry = AuditEntry(sequence: record.sequence, at: record.at, actor: record.actor, entity: record.entity, entityID: record.entityID,
                                       field: record.field, oldValue: record.oldValue, newValue: record.newValue, reason: record.reason,
                                       previousHash: previousHash, hash: "").sealed(by: Audit.hash)
                record.previousHash = previousHash
                record.hash = entry.hash
                record.keyed = nil
                try await record.save(on: db)
                previousHash = entry.hash
            }
        }

        @Test("the first start creates the key (mode 0600) and every entry is sealed with it; the anchor follows each write")
        func keyAndAnchor() async throws {
            try await withApp { app in
                let seal = try #require(AuditSeal.current)
                #expect(seal.keyPath == app.settings.auditKeyPath && seal.keyPath.hasSuffix("-audit.key"))
                let attributes = try FileManager.default.attributesOfItem(atPath: seal.keyPath)
                #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
                let all = try await Self.entries(app)
                #expect(!all.isEmpty && all.allSatisfy { $0.keyed == true })
                // a plain SHA-256 of the content is not the stored hash: the key is needed to make one
                #expect(all.allSatisfy { Audit.hash($0.toDomain().canonical) != $0.hash })
                // act: a request that writes
                #expect(try await ReportAPI(app: app).call(.POST, "/api/v1/tokens", as: .coordinator, json: #"{"name":"Neo"}"#).status == .created)
                let last = try #require(try await Self.entries(app).last)
                #expect(try seal.anchorOnDisk() == AuditAnchor(sequence: last.sequence, hash: last.hash))
                #expect(try await Audit.verify(on: app.db).break == nil)
                let out = try await TaskFixture.run(app, ["audit", "verify"])
                #expect(out.contains { $0.contains("Khớp mốc neo: mục số \(last.sequence)") })
            }
        }

        @Test("a chain written before the key (plain SHA-256) still verifies, and new entries are keyed after it")
        func legacyChain() async throws {
            try await withApp { app in
                // setup: the log as an older version wrote it, without key or anchor; the app restarts
                let old = try await Self.entries(app)
                try await Self.forge(old, after: AuditChain.genesis, on: app.db)
                let keyPath = try #require(AuditSeal.current?.keyPath)
                try? FileManager.default.removeItem(atPath: AuditSeal.anchorPath(forKey: keyPath))
                AuditSeal.current = try AuditSeal(keyPath: keyPath)
                #expect(try await Audit.verify(on: app.db).break == nil)
                // act
                _ = try await Accounts.create(.init(email: "moi@test.vn", name: "Mới", role: .leadership, organisationCode: "SYT"), by: .system, app: app, on: app.db)
                // validate
                let all = try await Self.entries(app)
                #expect(all.count > old.count && all.prefix(old.count).allSatisfy { $0.keyed != true } && all.dropFirst(old.count).allSatisfy { $0.keyed == true })
                #expect(try await Audit.verify(on: app.db).break == nil)
            }
        }

        @Test("an entry rewritten without the key — the chain recomputed with plain SHA-256 — is found")
        func forgedWithoutKey() async throws {
            try await withApp { app in
                let all = try await Self.entries(app)
                all[9].newValue = "sửa tay"
                try await Self.forge(Array(all.dropFirst(9)), after: all[8].hash, on: app.db)
                #expect(try await Audit.verify(on: app.db).break == .unkeyed(sequence: all[9].sequence))
            }
        }

        @Test("a deleted tail is found by the anchor, by verify and by `chitieu audit verify`, even after the app writes again")
        func deletedTail() async throws {
            try await withApp { app in
                // setup
                let all = try await Self.entries(app)
                let last = try #require(all.last)
                // act: the last three entries deleted by hand; the chain left is whole in itself
                for record in all.suffix(3) { try await record.delete(on: app.db) }
                let seal = try #require(AuditSeal.current)
                #expect(AuditChain.verify(try await Self.entries(app).map { $0.toDomain() }, anchor: nil, plain: Audit.hash, keyed: seal.hash) == nil)
                let broken = AuditChain.Break.tailDeleted(anchored: last.sequence, last: last.sequence - 3)
                #expect(try await Audit.verify(on: app.db).break == broken)
                await #expect(throws: AppError.self) { _ = try await TaskFixture.run(app, ["audit", "verify"]) }
                #expect(AppError.auditBroken(broken).message(.vietnamese)
                        == "Nhật ký thay đổi bị xoá phần cuối: mốc neo ghi mục số \(last.sequence) nhưng nhật ký chỉ còn đến mục số \(last.sequence - 3).")
                // one more write does not move the anchor over the gap
                _ = try await Accounts.create(.init(email: "sau@test.vn", name: "Sau", role: .leadership, organisationCode: "SYT"), by: .system, app: app, on: app.db)
                await Audit.anchor(on: app.db, logger: app.logger)
                #expect(try AuditSeal.current?.anchorOnDisk()?.sequence == last.sequence)
                #expect(try await Audit.verify(on: app.db).break != nil)
            }
        }

        @Test("a rewritten tail — deleted, then the log grown past it again — is found: the anchored entry's hash differs")
        func rewrittenTail() async throws {
            try await withApp { app in
                let all = try await Self.entries(app)
                let last = try #require(all.last)
                for record in all.suffix(2) { try await record.delete(on: app.db) }
                for n in 1...3 {
                    _ = try await Accounts.create(.init(email: "lai-\(n)@test.vn", name: "Lại", role: .leadership, organisationCode: "SYT"), by: .system, app: app, on: app.db)
                }
                await Audit.anchor(on: app.db, logger: app.logger)
                #expect(try AuditSeal.current?.anchorOnDisk() == AuditAnchor(sequence: last.sequence, hash: last.hash))
                #expect(try await Self.entries(app).count > all.count)
                #expect(try await Audit.verify(on: app.db).break == .tailRewritten(sequence: last.sequence))
                let page = try await app.get("/audit?verify=1", as: .leadership)
                #expect(page.body.string.contains("Nhật ký thay đổi bị viết lại phần cuối: mục số \(last.sequence) không khớp mốc neo."))
            }
        }
    }
}
