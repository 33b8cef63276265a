import Foundation

/// Thang mức — the ordered qualitative scale of a level indicator (lowest first).
public enum LevelScale {
    /// Position of `text` on `scale`, comparing case-insensitively, ignoring spacing and a final full stop.
    public static func rank(of text: String, in scale: [String]) -> Int? {
        let key = normalised(text)
        return scale.firstIndex { normalised($0) == key }
    }

    /// The level at a position given as a number (a chart's or a median's rank); `—` for a position not on the scale.
    public static func name(at position: Double, in scale: [String]) -> String {
        let step = position.rounded(.down)
        guard position.isFinite, position >= 0, position < Double(scale.count), let index = Int(exactly: step),
              scale.indices.contains(index) else { return "—" }
        return scale[index]
    }

    static func normalised(_ text: String) -> String {
        var result = Text.collapsingWhitespace(text).lowercased()
        while result.hasSuffix(".") || result.hasSuffix(" ") { result.removeLast() }
        return result.precomposedStringWithCanonicalMapping
    }
}
