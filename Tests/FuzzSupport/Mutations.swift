import Foundation

/// Byte-level mutations, as coverage-blind fuzzers make them: flips, overwrites, inserts, deletes, truncations,
/// splices from another file and repeats.
public enum ByteMutation {
    public static func mutate(_ data: Data, others: [Data] = [], rounds: Int = 1, using g: inout SplitMix64) -> Data {
        var bytes = [UInt8](data)
        for _ in 0..<max(1, rounds) { mutateOnce(&bytes, others: others, using: &g) }
        return Data(bytes)
    }

    static func mutateOnce(_ bytes: inout [UInt8], others: [Data], using g: inout SplitMix64) {
        let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &g)
        switch Int.random(in: 0..<8, using: &g) {
        case 0 where !bytes.isEmpty: bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &g)
        case 1 where !bytes.isEmpty: bytes[position] = interesting.randomElement(using: &g) ?? 0
        case 2: bytes.insert(contentsOf: (0..<Int.random(in: 1...16, using: &g)).map { _ in UInt8.random(in: 0...255, using: &g) }, at: position)
        case 3 where !bytes.isEmpty:
            bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...64, using: &g)))
        case 4: bytes.removeSubrange(position..<bytes.count)
        case 5:
            guard let other = others.randomElement(using: &g), !other.isEmpty else { return }
            let start = Int.random(in: 0..<other.count, using: &g)
            let piece = other[other.startIndex + start..<other.startIndex + min(other.count, start + Int.random(in: 1...512, using: &g))]
            bytes.insert(contentsOf: piece, at: position)
        case 6 where !bytes.isEmpty:
            let piece = bytes[position..<min(bytes.count, position + Int.random(in: 1...32, using: &g))]
            bytes.insert(contentsOf: piece, at: position)
        default:
            if !bytes.isEmpty { bytes[position] = UInt8.random(in: 0...255, using: &g) }
        }
    }

    /// Bytes that tend to matter: zero, all ones, signs, ASCII digits and the edges of signed bytes.
    static let interesting: [UInt8] = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0x2D, 0x2B, 0x30, 0x39, 0x3C, 0x3E, 0x22, 0x50, 0x4B]
}

/// Values that break parsers: integer and floating-point edges, signs, NaN and infinities in their spellings, long
/// runs, odd digits and whitespace.
public enum HostileText {
    public static let numbers = [
        "", " ", "-1", "-0", "0", "+0", "1", "-", "+", ".", ",", "1e308", "-1e308", "1e309", "1e-400", "4.9e-324", "1e300", "nan", "NaN", "-nan",
        "inf", "-inf", "infinity", "Infinity", "0x1p3", "0x7FFFFFFFFFFFFFFF", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "18446744073709551616", String(repeating: "9", count: 400), "1048576", "1048577",
        "16384", "16385", "2958465", "2958466", "60", "61", " 7 ", "７", "٣", "1,5", "1.250", "1.250,5", "1,250.5", "12,5 %", "1_000",
        "0000000000000000000001", "1e", "e1", "--1", "1-", "2147483648", "4294967296",
    ]
    public static let letters = ["A", "XFD", "XFE", "ZZZZ", String(repeating: "A", count: 15), String(repeating: "Z", count: 300), "a", "ẞ", "Å"]
    public static let odd = ["\u{0}", "\u{FEFF}", "\u{00A0}", "\u{202F}", "\u{301}", "\r", "\n", "\r\n", "\t", "\"", "'", "=", "@", "≥", "–", "—",
                             "🩺", "中", "Ứng dụng", "Có", "Không", String(repeating: " ", count: 100)]

    /// A short random text built from the lists above, digits and separators.
    public static func random(using g: inout SplitMix64, pieces: ClosedRange<Int> = 1...6) -> String {
        let alphabet = Array("0123456789.,-+ eE%/≥>=–")
        return (0..<Int.random(in: pieces, using: &g)).map { _ -> String in
            switch Int.random(in: 0..<5, using: &g) {
            case 0: numbers.randomElement(using: &g) ?? ""
            case 1: letters.randomElement(using: &g) ?? ""
            case 2: odd.randomElement(using: &g) ?? ""
            default: String((0..<Int.random(in: 1...8, using: &g)).map { _ in alphabet.randomElement(using: &g) ?? "0" })
            }
        }.joined()
    }
}
