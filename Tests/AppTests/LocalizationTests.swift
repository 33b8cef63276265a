import Foundation
import Testing
@testable import App

@Suite("Localization") struct LocalizationTests {
    @Test("Vietnamese and English have the same labels, none empty")
    func sameKeys() {
        let vi = Set(Localizer.vietnamese.keys), en = Set(Localizer.english.keys)
        #expect(vi.subtracting(en).isEmpty, "missing in English: \(vi.subtracting(en).sorted())")
        #expect(en.subtracting(vi).isEmpty, "missing in Vietnamese: \(en.subtracting(vi).sorted())")
        #expect(Localizer.vietnamese.values.allSatisfy { !$0.isEmpty })
    }

    /// Every template in Resources/Views, found on disk so a new page cannot be forgotten.
    static let templates: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: packageRoot + "Resources/Views")) ?? [])
        .filter { $0.hasSuffix(".leaf") }.map { String($0.dropLast(5)) }.sorted()

    @Test("there are templates to check")
    func templatesFound() { #expect(Self.templates.count >= 13) }

    @Test("every label a template reads exists", arguments: templates)
    func templatesUseKnownLabels(template: String) throws {
        let text = try String(contentsOfFile: packageRoot + "Resources/Views/\(template).leaf", encoding: .utf8)
        let used = Set(text.matches(of: /layout\.t\.(\w+)/).map { String($0.1) })
        let known = Set(Localizer.labels(.vietnamese).keys)
        #expect(used.subtracting(known).isEmpty, "\(template).leaf uses unknown labels \(used.subtracting(known).sorted())")
    }
}
