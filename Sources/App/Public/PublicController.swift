import Fluent
import Vapor

/// `/public`: the plan's progress for everyone, no sign-in; `/admin/public`: the administrator's switches for it.
struct PublicController: RouteCollection {
    /// Five minutes in browsers and proxies: figures change when reports are approved, not by the second.
    static let cacheControl = "public, max-age=300"

    func boot(routes: any RoutesBuilder) throws {
        routes.requiring(.publicAccess).get("public", use: page)
        let admin = routes.requiring(.manageSite)
        admin.get("admin", "public", use: settingsPage)
        admin.post("admin", "public", use: saveSettings)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let settings = try await PublicPageSettings.load(on: req.db)
        guard settings.enabled else { throw AppError.pageNotFound }
        let view = try await req.view.render("public", try await PublicPage(req, settings: settings))
        let body = Data(view.data.readableBytesView)
        let tag = "\"" + SHA256.hash(data: body).prefix(16).hexDigits + "\""
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .cacheControl, value: Self.cacheControl)
        headers.replaceOrAdd(name: .eTag, value: tag)
        headers.replaceOrAdd(name: .vary, value: "Cookie")
        if req.headers.first(name: .ifNoneMatch).map({ $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.contains(tag) }) == true {
            return Response(status: .notModified, headers: headers)
        }
        headers.contentType = .html
        return Response(status: .ok, headers: headers, body: .init(data: body))
    }

    @Sendable func settingsPage(req: Request) async throws -> Response {
        try await req.page("admin-public", PublicSettingsPage(req, settings: try await PublicPageSettings.load(on: req.db), saved: req.query[String.self, at: "saved"] != nil))
    }

    @Sendable func saveSettings(req: Request) async throws -> Response {
        struct Form: Content { var enabled: String?; var showsUnits: String? }
        let form = try req.content.decode(Form.self)
        func flag(_ name: String, _ value: String?) throws -> Bool {
            switch value ?? "" {
            case "", "false", "0": return false
            case "true", "1", "on": return true
            default: throw AppError.invalidField(field: name, value: value ?? "")
            }
        }
        let settings = PublicPageSettings(enabled: try flag("enabled", form.enabled), showsUnits: try flag("showsUnits", form.showsUnits))
        try await settings.save(by: req.actor, on: req.db)
        return req.redirect(to: "/admin/public?saved=1")
    }
}

struct PublicSettingsPage: Encodable {
    let layout: Layout
    let enabled: Bool
    let showsUnits: Bool
    let saved: Bool

    init(_ req: Request, settings: PublicPageSettings, saved: Bool) {
        layout = Layout(req, title: Localizer.text("public.settings", req.language))
        enabled = settings.enabled
        showsUnits = settings.showsUnits
        self.saved = saved
    }
}
