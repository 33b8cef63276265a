import Planning
import Vapor

/// Hướng dẫn — a short page per role (how to report, the Excel template, what each status means, what the
/// coordinator does when), open to everyone and linked from every page's header.
struct HelpController: RouteCollection {
    /// The roles with a page, in the order of the index.
    static let topics = ["unitReporter", "coordinator", "leadOffice", "leadership", "admin", "statuses"]

    func boot(routes: any RoutesBuilder) throws {
        let open = routes.requiring(.publicAccess)
        open.get("help", use: index)
        open.get("help", ":topic", use: topic)
    }

    @Sendable func index(req: Request) async throws -> Response {
        let language = req.language
        let own = req.currentUser.map { $0.role.rawValue }
        return try await req.page("help", HelpPage(layout: Layout(req, title: Localizer.text("journey.help", language)), topic: nil,
                                                   topics: Self.topics.map { HelpPage.Link(topic: $0, title: Localizer.text("help.\($0).title", language), own: $0 == own) },
                                                   sections: []))
    }

    @Sendable func topic(req: Request) async throws -> Response {
        let language = req.language
        guard let topic = req.parameters.get("topic"), Self.topics.contains(topic) else { throw AppError.pageNotFound }
        let title = Localizer.text("help.\(topic).title", language)
        return try await req.page("help", HelpPage(layout: Layout(req, title: title), topic: title, topics: [],
                                                   sections: HelpPage.sections(topic, language)))
    }
}

struct HelpPage: Encodable {
    struct Link: Encodable {
        let topic: String
        let title: String
        let own: Bool
    }

    struct Section: Encodable {
        let heading: String
        let items: [String]
    }

    let layout: Layout
    let topic: String?
    let topics: [Link]
    let sections: [Section]

    /// `help.<topic>.<n>.heading` with its items `help.<topic>.<n>.<m>`, numbered from 1 until one is missing.
    static func sections(_ topic: String, _ language: Language) -> [Section] {
        let table = Localizer.table(language)
        return (1...20).lazy.map { n in (n, table["help.\(topic).\(n).heading"]) }.prefix { $0.1 != nil }.map { n, heading in
            Section(heading: heading ?? "", items: (1...30).lazy.map { table["help.\(topic).\(n).\($0)"] }.prefix { $0 != nil }.compactMap { $0 })
        }
    }
}
