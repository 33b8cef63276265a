import Foundation
import ZIPFoundation

/// An Office Open XML package: named parts zipped (deflated) in memory, in the order given —
/// `[Content_Types].xml` first, as Office writes it.
public enum ZipPackage {
    static func data(_ parts: [(path: String, content: String)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        // A fixed date keeps the same document byte for byte from the same content.
        let date = Date(timeIntervalSince1970: 1_767_225_600)
        for part in parts {
            let bytes = Data(part.content.utf8)
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: date,
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }
}

/// Text made safe for XML 1.0: the five special characters escaped, the control characters XML forbids dropped.
enum XMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
}

extension ZipPackage {
    public enum ReadError: Error, Equatable, Sendable {
        case notAZip
        /// The parts inflate to more than the limit: a zip bomb, or simply too big.
        case tooLarge(part: String, limit: Int)
        case corrupted(part: String)
        /// Unzipping took longer than the read's time budget.
        case tooSlow
        /// The temporary file to read from could not be written (a full or read-only disk).
        case temporaryFile
    }

    /// The parts of a package by path, inflated, stopping as soon as their total passes `limit` bytes — the sizes a
    /// zip declares are not trusted.
    public static func parts(of data: Data, limit: Int = 50_000_000) throws(ReadError) -> [String: Data] {
        try parts(of: data, limit: limit, deadline: nil)
    }

    /// The same, giving up with `tooSlow` once the deadline passes (checked per entry and per inflated chunk). The
    /// bytes are read from a temporary file, not from memory: ZIPFoundation's in-memory file traps on an offset past
    /// the end (found by fuzzing), while a real file simply reads short.
    static func parts(of data: Data, limit: Int, deadline: ReadDeadline?) throws(ReadError) -> [String: Data] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chitieu-read-\(UUID().uuidString).zip")
        do { try data.write(to: url) } catch { throw .temporaryFile }
        defer { try? FileManager.default.removeItem(at: url) }
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch { throw .notAZip }
        var parts: [String: Data] = [:], total = 0
        for entry in archive where entry.type == .file {
            if deadline?.isPast == true { throw .tooSlow }
            var bytes = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    if deadline?.isPast == true { throw ReadError.tooSlow }
                    total += chunk.count
                    if total > limit { throw ReadError.tooLarge(part: entry.path, limit: limit) }
                    bytes.append(chunk)
                }
            } catch let error as ReadError {
                throw error
            } catch {
                throw .corrupted(part: entry.path)
            }
            parts[entry.path] = bytes
        }
        return parts
    }
}
