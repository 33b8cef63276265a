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
    /// Whether `hash` is keyed (HMAC-SHA256 with a key kept outside the database) rather than plain SHA-256,
    /// as entries written before the key existed are.
    public let keyed: Bool

    public init(sequence: Int, at: String, actor: String, entity: String, entityID: String, field: String,
                oldValue: String?, newValue: String?, reason: String?, previousHash: String, hash: String, keyed: Bool = false) {
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
        self.keyed = keyed
    }

    /// This entry with its hash computed from its content (an entry is built with an empty hash, then sealed).
    public func sealed(by hash: (String) -> String) -> AuditEntry {
        AuditEntry(sequence: sequence, at: at, actor: actor, entity: entity, entityID: entityID, field: field,
                   oldValue: oldValue, newValue: newValue, reason: reason, previousHash: previousHash, hash: hash(canonical), keyed: keyed)
    }

    /// The exact text that is hashed: every field but the hash, as a JSON array (unambiguous, since
    /// separators inside values are escaped and absent values are `null`).
    public var canonical: String {
        AuditEntry.jsonArray([String(sequence), at, actor, entity, entityID, field, oldValue, newValue, reason, previousHash])
    }

    /// `parts` written exactly as Foundation's `JSONEncoder` writes a `[String?]` (the chains written so far were hashed
    /// over its output), without its cost: an import seals an entry per value, and the encoder was a tenth of it.
    /// `"`, `\\` and `/` escaped with a backslash, \b \f \n \r \t by name, other bytes below 0x20 as `\u00xx`, the
    /// rest as they are (UTF-8). Tested against `JSONEncoder` over every scalar of the Basic Multilingual Plane.
    static func jsonArray(_ parts: [String?]) -> String {
        var bytes: [UInt8] = [0x5B]
        bytes.reserveCapacity(256)
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        for (index, part) in parts.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            guard let part else {
                bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
                continue
            }
            bytes.append(0x22)
            for byte in part.utf8 {
                switch byte {
                case 0x22, 0x2F, 0x5C: bytes.append(0x5C); bytes.append(byte)
                case 0x08: bytes.append(0x5C); bytes.append(0x62)
                case 0x0C: bytes.append(0x5C); bytes.append(0x66)
                case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
                case 0x0D: bytes.append(0x5C); bytes.append(0x72)
                case 0x09: bytes.append(0x5C); bytes.append(0x74)
                case 0x00..<0x20: bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                default: bytes.append(byte)
                }
            }
            bytes.append(0x22)
        }
        bytes.append(0x5D)
        return String(decoding: bytes, as: UTF8.self)
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
        /// A plain-hashed entry after a keyed one: written by someone without the key.
        case unkeyed(sequence: Int)
        /// The log ends before the anchored entry: its tail was deleted.
        case tailDeleted(anchored: Int, last: Int)
        /// The anchored entry's hash differs from the anchor: the tail was rewritten.
        case tailRewritten(sequence: Int)
    }

    /// Walks the chain in sequence order and returns the first break, or nil when it is whole.
    public static func verify(_ entries: [AuditEntry], hash: (String) -> String) -> Break? {
        verify(entries, anchor: nil, plain: hash, keyed: hash)
    }

    /// Walks the chain checking each entry with its own kind of hash (`plain` SHA-256 for entries written before
    /// the key, `keyed` HMAC after; never plain after keyed), then compares its end with the `anchor` kept
    /// outside the database: a log that stops before the anchored entry lost its tail, and an anchored entry
    /// with another hash was rewritten. Returns the first break, or nil when the chain is whole.
    public static func verify(_ entries: [AuditEntry], anchor: AuditAnchor?, plain: (String) -> String, keyed: (String) -> String) -> Break? {
        var previousHash = genesis
        var expected = 1
        var seenKeyed = false
        let sorted = entries.sorted(by: { $0.sequence < $1.sequence })
        for entry in sorted {
            if entry.sequence != expected { return .missing(sequence: expected) }
            if entry.previousHash != previousHash { return .unlinked(sequence: entry.sequence) }
            if seenKeyed && !entry.keyed { return .unkeyed(sequence: entry.sequence) }
            if (entry.keyed ? keyed : plain)(entry.canonical) != entry.hash { return .altered(sequence: entry.sequence) }
            seenKeyed = seenKeyed || entry.keyed
            previousHash = entry.hash
            expected += 1
        }
        guard let anchor, anchor.sequence > 0 else { return nil }
        guard let anchored = sorted.last(where: { $0.sequence == anchor.sequence }) else {
            return .tailDeleted(anchored: anchor.sequence, last: sorted.last?.sequence ?? 0)
        }
        return anchored.hash == anchor.hash ? nil : .tailRewritten(sequence: anchor.sequence)
    }
}

/// Mốc neo — the last entry's sequence number and hash, kept outside the database after each write, so that a
/// deleted or rewritten tail (which leaves a chain that is whole in itself) is still found.
public struct AuditAnchor: Sendable, Equatable, Codable {
    public let sequence: Int
    public let hash: String

    public init(sequence: Int, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }
}
