import Foundation

/// Nhật ký thay đổi — one entry of the append-only, hash-chained change log.
///
/// Each entry's hash covers the previous entry's hash and its own content, so editing, deleting or
/// reordering any entry breaks every hash after it.
public struct AuditEntry: Sendable, Hashable {
    public let sequence: Int
    /// When, as ISO 8601 UTC with milliseconds (stored as text so that the hash input is exact).
    public let at: String
    public let actor: String
    public let entity: String
    public let entityID: String
    public let field: String
    public let oldValue: String?
    public let newValue: String?
    public let reason: String?
    public let previousHash: String
    public let hash: String

    public init(sequence: Int, at: String, actor: String, entity: String, entityID: String, field: String,
                oldValue: String?, newValue: String?, reason: String?, previousHash: String, hash: String) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.entity = entity
        self.entityID = entityID
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.reason = reason
        self.previousHash = previousHash
        self.hash = hash
    }

    /// This entry with its hash computed from its content (an entry is built with an empty hash, then sealed).
    public func sealed(by hash: (String) -> String) -> AuditEntry {
        AuditEntry(sequence: sequence, at: at, actor: actor, entity: entity, entityID: entityID, field: field,
                   oldValue: oldValue, newValue: newValue, reason: reason, previousHash: previousHash, hash: hash(canonical))
    }

    /// The exact text that is hashed: every field but the hash, as a JSON array (unambiguous, since
    /// separators inside values are escaped and absent values are `null`).
    public var canonical: String {
        let parts: [String?] = [String(sequence), at, actor, entity, entityID, field, oldValue, newValue, reason, previousHash]
        let data = (try? JSONEncoder().encode(parts)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

public enum AuditChain {
    /// The previous hash of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    public enum Break: Error, Equatable, Sendable {
        /// The entry with this sequence number is missing (the chain jumps over it).
        case missing(sequence: Int)
        /// The entry's content no longer matches its hash: it was edited.
        case altered(sequence: Int)
        /// The entry does not point at the hash of the one before it.
        case unlinked(sequence: Int)
    }

    /// Walks the chain in sequence order and returns the first break, or nil when it is whole.
    public static func verify(_ entries: [AuditEntry], hash: (String) -> String) -> Break? {
        var previousHash = genesis
        var expected = 1
        for entry in entries.sorted(by: { $0.sequence < $1.sequence }) {
            if entry.sequence != expected { return .missing(sequence: expected) }
            if entry.previousHash != previousHash { return .unlinked(sequence: entry.sequence) }
            if hash(entry.canonical) != entry.hash { return .altered(sequence: entry.sequence) }
            previousHash = entry.hash
            expected += 1
        }
        return nil
    }
}
