import Foundation

/// Thang mức — the ordered qualitative scale of a level indicator (lowest first).
public enum LevelScale {
    /// Position of `text` on `scale`, comparing case-insensitively, ignoring spacing and a final full stop.
    public static func rank(of text: String, in scale: [String]) -> Int? {
        let key = normalised(text)
        return scale.firstIndex { normalised($0) == key }
    }

    static func normalised(_ text: String) -> String {
        var result = Text.collapsingWhitespace(text).lowercased()
        while result.hasSuffix(".") || result.hasSuffix(" ") { result.removeLast() }
        return result.precomposedStringWithCanonicalMapping
    }
}
