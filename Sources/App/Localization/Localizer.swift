import Foundation
import Planning

/// Every label users read, in Vietnamese and English. The texts live in one catalog per language,
/// `Resources/Localization/vi.json` and `en.json` (a flat object: key → text, `{name}` for a value filled in at run
/// time), which a translator edits without touching code. Templates receive the table of their language.
enum Localizer {
    static func table(_ language: Language) -> [String: String] {
        language == .vietnamese ? vietnamese : english
    }

    /// The table with `_` in place of `.`, as templates read it (`t.nav_indicators`); built once per language.
    static func labels(_ language: Language) -> [String: String] {
        language == .vietnamese ? vietnameseLabels : englishLabels
    }

    private static let vietnameseLabels = templateKeys(vietnamese)
    private static let englishLabels = templateKeys(english)

    private static func templateKeys(_ table: [String: String]) -> [String: String] {
        Dictionary(table.map { ($0.key.replacingOccurrences(of: ".", with: "_"), $0.value) }) { first, _ in first }
    }

    static func text(_ key: String, _ language: Language) -> String {
        table(language)[key] ?? key
    }

    /// The text of `key` with each `{name}` replaced by its value.
    static func text(_ key: String, _ language: Language, _ values: [String: String]) -> String {
        values.reduce(text(key, language)) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }

    static func kindLabel(_ kind: OrganisationKind, _ language: Language) -> String {
        text("kind.\(kind.rawValue)", language)
    }

    static let vietnamese = catalog(.vietnamese)
    static let english = catalog(.english)

    /// Where the catalogs are: `Resources/Localization/` of the app's resource directory (as `Settings` finds it).
    static var folder: String {
        Settings.resourceDirectory(workingDirectory: FileManager.default.currentDirectoryPath) + "Resources/Localization/"
    }

    /// The catalog of `language`; empty (every label shows its key) when it cannot be read — `configure` refuses to
    /// start then, naming the file (`problem`).
    private static func catalog(_ language: Language) -> [String: String] {
        (try? read(folder + "\(language.rawValue).json")) ?? [:]
    }

    static func read(_ path: String) throws -> [String: String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSONDecoder().decode([String: String].self, from: data)
    }

    /// Why the catalogs cannot be used, or nil: a file missing or not a flat JSON object of texts, or a key in one
    /// language only.
    static var problem: String? {
        for language in Language.allCases {
            let path = folder + "\(language.rawValue).json"
            do { _ = try read(path) } catch { return "cannot read the label catalog \(path): \(error)" }
        }
        let missing = Set(vietnamese.keys).symmetricDifference(english.keys)
        return missing.isEmpty ? nil : "labels in one language only (\(folder)vi.json, en.json): \(missing.sorted().prefix(10).joined(separator: ", "))"
    }
}
