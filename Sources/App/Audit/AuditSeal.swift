import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Planning
import Vapor

/// The two things of the change log that live outside the database: the HMAC key that seals each entry (so
/// that someone who can write to the database cannot forge a chain), and the anchor — the last entry's
/// sequence number and hash, rewritten after each write — that shows a deleted or rewritten tail.
///
/// One app per process (the server, a command, a test at a time) sets `current` when it is configured:
/// `Audit.record(…, on: db)` is called from every feature with only a database at hand.
final class AuditSeal: @unchecked Sendable {
    let keyPath: String
    let anchorPath: String
    private let key: SymmetricKey
    private let lock = NSLock()
    private var anchored: AuditAnchor?
    /// True when this process created the key (there was none): `chitieu doctor` says so.
    let createdKey: Bool

    /// Reads the key file, or creates it (32 random bytes, base64, mode 0600) when it does not exist yet.
    init(keyPath: String) throws {
        self.keyPath = keyPath
        anchorPath = Self.anchorPath(forKey: keyPath)
        let fileManager = FileManager.default
        createdKey = !fileManager.fileExists(atPath: keyPath)
        if createdKey {
            let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
            guard fileManager.createFile(atPath: keyPath, contents: Data((fresh + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                throw AppError.fileNotReadable(keyPath)
            }
        }
        guard let text = try? String(contentsOfFile: keyPath, encoding: .utf8),
              let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count >= 32 else {
            throw AppError.fileNotReadable(keyPath)
        }
        key = SymmetricKey(data: bytes)
        anchored = try Self.readAnchor(at: anchorPath)
    }

    /// `chitieu-audit.key` → `chitieu-audit.anchor`, next to it.
    static func anchorPath(forKey keyPath: String) -> String {
        (keyPath.hasSuffix(".key") ? String(keyPath.dropLast(4)) : keyPath) + ".anchor"
    }

    /// HMAC-SHA256 of `text` in hex.
    func hash(_ text: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key).hexDigits
    }

    /// The anchor as last written (read from its file when the app started).
    var anchor: AuditAnchor? { lock.withLock { anchored } }

    /// The anchor as it is on disk now (what verification compares with).
    func anchorOnDisk() throws -> AuditAnchor? { try Self.readAnchor(at: anchorPath) }

    /// Moves the anchor forward to `new` (never back), replacing the file atomically. Several processes may share the
    /// anchor (a server and a command, or several servers on one PostgreSQL): under a lock on a file next to it, the
    /// anchor on disk is read again, so that one process never moves back what another moved forward.
    func advance(to new: AuditAnchor) throws {
        try lock.withLock {
            if let anchored, anchored.sequence >= new.sequence { return }
            try Self.holdingFileLock(anchorPath + ".lock") {
                if let onDisk = try? Self.readAnchor(at: anchorPath), onDisk.sequence >= new.sequence {
                    anchored = onDisk
                    return
                }
                let data = try JSONEncoder().encode(new)
                try data.write(to: URL(fileURLWithPath: anchorPath), options: .atomic)
                anchored = new
            }
        }
    }

    /// After `chitieu restore`: the anchor becomes the restored log's end, even behind the one before (kept beside it
    /// as `.before-restore`), since the operator chose to bring back that state of the database.
    func replaceAfterRestore(with new: AuditAnchor) throws {
        try lock.withLock {
            try Self.holdingFileLock(anchorPath + ".lock") {
                let fileManager = FileManager.default
                if fileManager.fileExists(atPath: anchorPath) {
                    try? fileManager.removeItem(atPath: anchorPath + ".before-restore")
                    try fileManager.copyItem(atPath: anchorPath, toPath: anchorPath + ".before-restore")
                }
                try JSONEncoder().encode(new).write(to: URL(fileURLWithPath: anchorPath), options: .atomic)
                anchored = new
            }
        }
    }

    /// Runs `body` holding an exclusive `flock` on `path` (created if needed); a process that dies releases it.
    private static func holdingFileLock(_ path: String, _ body: () throws -> Void) throws {
        let descriptor = open(path, O_CREAT | O_RDWR, 0o600)
        guard descriptor >= 0 else { throw AppError.fileNotReadable(path) }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else { throw AppError.fileNotReadable(path) }
        defer { flock(descriptor, LOCK_UN) }
        try body()
    }

    static func readAnchor(at path: String) throws -> AuditAnchor? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path), let anchor = try? JSONDecoder().decode(AuditAnchor.self, from: data) else {
            throw AppError.fileNotReadable(path)
        }
        return anchor
    }

    private static let holder = NSLock()
    nonisolated(unsafe) private static var installed: AuditSeal?

    /// The seal of the app configured last in this process; nil before any (entries are then plain SHA-256).
    static var current: AuditSeal? {
        get { holder.withLock { installed } }
        set { holder.withLock { installed = newValue } }
    }
}

/// Anchors the change log after every request that may have written to it (a sign-in, a save, a lockout),
/// whether it succeeded or not: writes made inside a transaction are only final once it commits.
struct AuditAnchorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard !request.method.isSafe else { return try await next.respond(to: request) }
        do {
            let response = try await next.respond(to: request)
            await Audit.anchor(on: request.db, logger: request.logger)
            return response
        } catch {
            await Audit.anchor(on: request.db, logger: request.logger)
            throw error
        }
    }
}
