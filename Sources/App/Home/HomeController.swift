import Planning
import Vapor

/// Trang chủ — the signed-in account's worklist (`HomeWork`), right after sign-in (signed out: the sign-in page).
/// `GET /api/v1/worklist` answers the same worklist as JSON.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.requiring(.signedIn)
        signedIn.get(use: home)
        signedIn.get("api", "v1", "worklist", use: worklist)
    }

    @Sendable func home(req: Request) async throws -> Response {
        let work = try await HomeWork.load(req)
        return try await req.page("home", HomePage(layout: Layout(req, title: Localizer.text("home.title", req.language)), work: work))
    }

    @Sendable func worklist(req: Request) async throws -> HomeWork {
        try await HomeWork.load(req)
    }
}

struct HomePage: Encodable {
    let layout: Layout
    let work: HomeWork
}
