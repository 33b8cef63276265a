import Fluent
import Foundation
import Planning
import SQLKit
import Vapor

/// A change to write to the log: which field of which thing, from what to what.
struct AuditChange: Sendable {
    let entity: String
    let entityID: String
    let field: String
    let oldValue: String?
    let newValue: String?

    init(_ entity: String, _ entityID: String, _ field: String, old: String?, new: String?) {
        self.entity = entity
        self.entityID = entityID
        self.field = field
        oldValue = old
        newValue = new
    }

    /// The changes between two versions of the same fields; unchanged ones are left out.
    static func diff(_ entity: String, _ entityID: String, old: [String: String?], new: [String: String?]) -> [AuditChange] {
        Set(old.keys).union(new.keys).sorted().compactMap { field in
            let before = old[field] ?? nil, after = new[field] ?? nil
            return before == after ? nil : AuditChange(entity, entityID, field, old: before, new: after)
        }
    }
}

/// Who made a change: a signed-in user, or the command line, or the system itself (first start).
enum Actor: Sendable {
    case user(String)
    case commandLine
    case system

    var name: String {
        switch self {
        case .user(let email): email
        case .commandLine: "dòng lệnh"
        case .system: "hệ thống"
        }
    }
}

enum Audit {
    /// Appends `changes` to the chain. Call it on the transaction that makes the changes, so that
    /// both land or neither does.
    static func record(_ changes: [AuditChange], by actor: Actor, reason: String? = nil, on db: any Database) async throws {
        guard !changes.isEmpty else { return }
        // Alone (a sign-in, a sign-out): in a transaction of its own, so that the advisory lock below holds, and final
        // at once, so the anchor moves now. On a caller's transaction, the request or command anchors when it ends.
        guard db.inTransaction else {
            try await db.writing { tx in try await record(changes, by: actor, reason: reason, on: tx) }
            await anchor(on: db, logger: db.logger)
            return
        }
        // One writer at a time extends the chain (PostgreSQL; SQLite serialises writers itself).
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(4242)").run()
        }
        let last = try await AuditEntryRecord.query(on: db).sort(\.$sequence, .descending).first()
        var sequence = last?.sequence ?? 0
        var previousHash = last?.hash ?? AuditChain.genesis
        let at = timestamp()
        let seal = AuditSeal.current
        var entries: [AuditEntry] = []
        entries.reserveCapacity(changes.count)
        for change in changes {
            sequence += 1
            let entry = AuditEntry(sequence: sequence, at: at, actor: actor.name, entity: change.entity, entityID: change.entityID,
                                   field: change.field, oldValue: change.oldValue, newValue: change.newValue, reason: reason,
                                   previousHash: previousHash, hash: "", keyed: seal != nil).sealed(by: { seal?.hash($0) ?? hash($0) })
            entries.append(entry)
            previousHash = entry.hash
        }
        try await insert(entries, on: db)
    }

    /// Multi-row inserts within the databases' parameter limits (13 a row: 2,000 rows stay under SQLite's 32,766):
    /// a plan load logs hundreds of fields, a national organisation list or a large import hundreds of thousands.
    private static func insert(_ entries: [AuditEntry], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else {
            try await entries.map(AuditEntryRecord.init).create(on: db)
            return
        }
        for chunk in entries.chunked(into: 2_000) {
            var insert = sql.insert(into: AuditEntryRecord.schema)
                .columns("id", "sequence", "at", "actor", "entity", "entity_id", "field", "old_value", "new_value", "reason", "previous_hash", "hash", "keyed")
            for e in chunk {
                insert = insert.values([UUID(), e.sequence, e.at, e.actor, e.entity, e.entityID, e.field, e.oldValue, e.newValue, e.reason,
                                        e.previousHash, e.hash, e.keyed] as [any Encodable & Sendable])
            }
            try await insert.run()
        }
    }

    /// Walks the whole chain and compares its end with the anchor kept outside the database; nil when it is whole.
    static func verify(on db: any Database) async throws -> (count: Int, break: AuditChain.Break?) {
        let entries = try await AuditEntryRecord.query(on: db).sort(\.$sequence).all().map { $0.toDomain() }
        let seal = AuditSeal.current
        let anchor = try seal?.anchorOnDisk()
        // Without a key no keyed entry can verify: the empty hash matches none.
        return (entries.count, AuditChain.verify(entries, anchor: anchor, plain: hash, keyed: { seal?.hash($0) ?? "" }))
    }

    /// Moves the anchor to the log's last entry — unless the entry anchored before is no longer there as it was
    /// (a deleted or rewritten tail): then the old anchor stays, as evidence for `chitieu audit verify`.
    static func anchor(on db: any Database, logger: Logger) async {
        guard let seal = AuditSeal.current else { return }
        do {
            guard let last = try await AuditEntryRecord.query(on: db).sort(\.$sequence, .descending).first() else { return }
            if let previous = seal.anchor {
                guard previous.sequence < last.sequence else { return }
                let entry = try await AuditEntryRecord.query(on: db).filter(\.$sequence == previous.sequence).first()
                guard previous.sequence == 0 || entry?.hash == previous.hash else {
                    logger.critical("Nhật ký thay đổi: mục số \(previous.sequence) đã neo không còn như cũ; giữ mốc neo cũ. Chạy: chitieu audit verify")
                    return
                }
            }
            try seal.advance(to: AuditAnchor(sequence: last.sequence, hash: last.hash))
        } catch {
            logger.error("Không ghi được mốc neo của nhật ký thay đổi: \(error)")
        }
    }

    /// Plain SHA-256: entries written before the key existed.
    static func hash(_ text: String) -> String { Secrets.digest(text) }

    static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

extension Request {
    /// The actor of changes made by this request.
    var actor: Actor { currentUser.map { .user($0.email) } ?? .system }
}
