import Foundation
import NIOCore

/// Bytes read in chunks — a file a megabyte at a time, or a request body already collected — so that a reader keeps
/// only the chunk it is in, whatever the size of the file. One reader uses it at a time (hence `@unchecked`).
final class ByteSource: @unchecked Sendable {
    private let nextChunk: () throws -> [UInt8]?
    private let restart: () throws -> ByteSource

    private init(nextChunk: @escaping () throws -> [UInt8]?, restart: @escaping () throws -> ByteSource) {
        self.nextChunk = nextChunk
        self.restart = restart
    }

    /// The next chunk, or nil at the end.
    func read() throws -> [UInt8]? { try nextChunk() }

    /// The same bytes again from the start (a file is opened again).
    func reopened() throws -> ByteSource { try restart() }

    static let chunkSize = 1 << 20

    static func memory(_ bytes: [UInt8]) -> ByteSource {
        var done = false
        return ByteSource(nextChunk: {
            guard !done else { return nil }
            done = true
            return bytes
        }, restart: { memory(bytes) })
    }

    /// `bytes` in pieces of `size`: a file's chunk boundaries, anywhere in a token.
    static func chunks(_ bytes: [UInt8], size: Int) -> ByteSource {
        var offset = 0
        return ByteSource(nextChunk: {
            guard offset < bytes.count else { return nil }
            let end = min(bytes.count, offset + max(1, size))
            defer { offset = end }
            return Array(bytes[offset..<end])
        }, restart: { chunks(bytes, size: size) })
    }

    static func memory(_ buffer: ByteBuffer) -> ByteSource { memory(Array(buffer.readableBytesView)) }

    static func memory(_ data: Data) -> ByteSource { memory([UInt8](data)) }

    /// Reads the file lazily; throws `AppError.fileNotReadable` when it cannot be opened.
    static func file(_ path: String) throws -> ByteSource {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw AppError.fileNotReadable(path) }
        return ByteSource(nextChunk: {
            guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else {
                try? handle.close()
                return nil
            }
            return [UInt8](data)
        }, restart: { try file(path) })
    }

    /// The first bytes (up to `count`), for telling formats apart, without consuming the source.
    static func prefix(ofFile path: String, count: Int = 4096) throws -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw AppError.fileNotReadable(path) }
        defer { try? handle.close() }
        return try handle.read(upToCount: count) ?? Data()
    }
}
