import Foundation
import Testing
@testable import App

/// The interface's texts live in Resources/Localization/vi.json and en.json. These tests fail on a key missing in
/// either language, a key the code or the templates read that no catalog has, and a key nothing reads.
@Suite("Localization") struct LocalizationTests {
    static let catalogFolder = packageRoot + "Resources/Localization/"

    @Test("both catalogs are read from Resources/Localization and are flat objects of texts")
    func catalogsLoad() throws {
        // act
        let vi = try Localizer.read(Self.catalogFolder + "vi.json"), en = try Localizer.read(Self.catalogFolder + "en.json")
        // validate
        #expect(Localizer.problem == nil)
        #expect(vi.count > 700 && vi == Localizer.vietnamese && en == Localizer.english)
    }

    @Test("Vietnamese and English have the same labels, none empty")
    func sameKeys() {
        let vi = Set(Localizer.vietnamese.keys), en = Set(Localizer.english.keys)
        #expect(vi.subtracting(en).isEmpty, "missing in English: \(vi.subtracting(en).sorted())")
        #expect(en.subtracting(vi).isEmpty, "missing in Vietnamese: \(en.subtracting(vi).sorted())")
        #expect(Localizer.vietnamese.values.allSatisfy { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        #expect(Localizer.english.values.allSatisfy { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
    }

    @Test("a catalog that is missing or not an object of texts is named as the problem")
    func unreadableCatalog() throws {
        // setup
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"a.b": 1}"#.utf8).write(to: folder.appendingPathComponent("vi.json"))
        // act, validate
        #expect(throws: (any Error).self) { try Localizer.read(folder.appendingPathComponent("vi.json").path) }
        #expect(throws: (any Error).self) { try Localizer.read(folder.appendingPathComponent("en.json").path) }
    }

    /// Every template in Resources/Views, found on disk so a new page cannot be forgotten.
    static let templates: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: packageRoot + "Resources/Views")) ?? [])
        .filter { $0.hasSuffix(".leaf") }.map { String($0.dropLast(5)) }.sorted()

    @Test("there are templates to check")
    func templatesFound() { #expect(Self.templates.count >= 13) }

    @Test("every label a template reads exists", arguments: templates)
    func templatesUseKnownLabels(template: String) throws {
        let used = try UsedLabels.templateLabels(template)
        let known = Set(Localizer.labels(.vietnamese).keys)
        #expect(used.subtracting(known).isEmpty, "\(template).leaf uses unknown labels \(used.subtracting(known).sorted())")
    }

    @Test("every label the Swift code names exists")
    func codeUsesKnownLabels() throws {
        let used = try UsedLabels.scan()
        // A literal may be the rest of a key built from a prefix (`"ops.doctor.\(key)"` with key "audit.ok").
        let unknown = used.literal.filter { literal in
            Localizer.vietnamese[literal] == nil && used.looksLikeLabel(literal)
                && !used.prefixes.contains { Localizer.vietnamese[$0 + literal] != nil }
        }
        #expect(unknown.isEmpty, "labels read in Sources/App that no catalog has: \(unknown.sorted())")
    }

    @Test("every label in the catalogs is read somewhere (Swift, a template, or a key built from a prefix)")
    func everyLabelIsUsed() throws {
        // setup
        let used = try UsedLabels.scan()
        // act
        let unused = Localizer.vietnamese.keys.filter { !used.reads($0) }
        // validate
        #expect(used.prefixes.count > 10 && used.literal.count > 300)
        #expect(unused.isEmpty, "labels nothing reads (remove them from both catalogs): \(unused.sorted())")
    }
}

/// The labels Sources/App and Resources/Views read: literal keys (`"report.title"`, `t.report_title`) and the
/// prefixes of keys built at run time (`"state.\(…)"`).
struct UsedLabels {
    var literal: Set<String> = []
    var prefixes: Set<String> = []

    static func scan() throws -> UsedLabels {
        var used = UsedLabels()
        let files = FileManager.default.enumerator(atPath: packageRoot + "Sources/App")?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: packageRoot + "Sources/App/" + file, encoding: .utf8)
            used.literal.formUnion(text.matches(of: /"([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_\-]+)+)"/).map { String($0.1) })
            used.prefixes.formUnion(text.matches(of: /"([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_\-]+)*\.)\\\(/).map { String($0.1) })
        }
        let labels = Localizer.vietnamese.keys
        let byTemplateName = Dictionary(labels.map { ($0.replacingOccurrences(of: ".", with: "_"), $0) }) { first, _ in first }
        for template in LocalizationTests.templates {
            for name in try templateLabels(template) {
                if let key = byTemplateName[name] { used.literal.insert(key) }
            }
        }
        return used
    }

    /// The labels a template reads, as templates name them (`report_title`): `layout.t.…`, and `t.…` in a page
    /// without the common layout (the public page) — a loop's own `t` is not a label table.
    static func templateLabels(_ template: String) throws -> Set<String> {
        let text = try String(contentsOfFile: packageRoot + "Resources/Views/\(template).leaf", encoding: .utf8)
        var names = Set(text.matches(of: /layout\.t\.(\w+)/).map { String($0.1) })
        if !text.contains("(t in ") {
            names.formUnion(text.matches(of: /#\(t\.(\w+)\)/).map { String($0.1) })
        }
        return names
    }

    /// Dotted names in the code that are not labels: file names, and the public page's setting.
    static let notLabels: Set<String> = ["public.showUnits"]

    func reads(_ key: String) -> Bool {
        literal.contains(key) || prefixes.contains { key.hasPrefix($0) }
    }

    /// A dotted literal whose first part is a label family of the catalogs (so file names and hosts are not taken
    /// for labels).
    func looksLikeLabel(_ text: String) -> Bool {
        guard let family = text.split(separator: ".").first else { return false }
        let files = [".json", ".leaf", ".docx", ".xlsx", ".csv", ".pdf"]
        return Localizer.vietnamese.keys.contains { $0.hasPrefix(family + ".") } && !files.contains { text.hasSuffix($0) }
            && !Self.notLabels.contains(text)
    }
}
