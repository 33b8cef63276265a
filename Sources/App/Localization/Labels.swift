import Leaf
import LeafKit
import Planning

/// Every label of one language, for templates (`#(layout.t.nav_home)`). Handed to Leaf as data built once per
/// language: encoding the few hundred labels into Leaf's data on every page was a fifth of a simple page's CPU.
struct Labels: Encodable, LeafDataRepresentable, Sendable {
    let language: Language

    init(_ language: Language) { self.language = language }

    var leafData: LeafData { language == .vietnamese ? Self.vietnamese : Self.english }

    func encode(to encoder: any Encoder) throws {
        try Localizer.labels(language).encode(to: encoder)
    }

    private static let vietnamese = data(.vietnamese)
    private static let english = data(.english)

    private static func data(_ language: Language) -> LeafData {
        .dictionary(Localizer.labels(language).mapValues { .string($0) })
    }
}
