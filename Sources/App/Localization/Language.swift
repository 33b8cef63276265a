import Planning
import Vapor

/// The language a user reads: Vietnamese first, English available.
enum Language: String, Sendable, Codable, CaseIterable {
    case vietnamese = "vi"
    case english = "en"

    var numbers: NumberStyle { self == .vietnamese ? .vietnamese : .english }

    /// `?lang=` first, then the `lang` cookie; otherwise Vietnamese. Accept-Language is deliberately
    /// ignored: many Vietnamese offices run browsers set to en-US, and the product is Vietnamese first.
    init(request: Request) {
        if let query = request.query[String.self, at: "lang"], let chosen = Language(rawValue: query) {
            self = chosen
        } else if let cookie = request.cookies["lang"]?.string, let chosen = Language(rawValue: cookie) {
            self = chosen
        } else {
            self = .vietnamese
        }
    }
}

extension Request {
    var language: Language { Language(request: self) }
}
