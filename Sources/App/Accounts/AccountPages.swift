import Vapor
import Planning

struct LoginPage: Encodable {
    let layout: Layout
    let error: String?
    let email: String
    let next: String

    init(_ req: Request, error: String?, email: String, next: String) {
        layout = Layout(req, title: Localizer.text("login.title", req.language))
        self.error = error
        self.email = email
        self.next = AccountController.safeNext(next)
    }
}

struct PasswordPage: Encodable {
    let layout: Layout
    let error: String?
    let mustChange: Bool
    /// Where to go once the password is changed (kept from the sign-in).
    let next: String

    init(_ req: Request, error: String?) {
        layout = Layout(req, title: Localizer.text("password.title", req.language))
        self.error = error
        mustChange = req.currentUser?.mustChangePassword ?? false
        next = AccountController.safeNext(req.query["next"] ?? (try? req.content.get(String.self, at: "next")))
    }
}

struct TokensPage: Encodable {
    struct Row: Encodable {
        let id: String
        let name: String
        let prefix: String
        let scope: String
        let expires: String
        let lastUsed: String
        let revoked: Bool
    }

    let layout: Layout
    let rows: [Row]
    let created: String?

    init(_ req: Request, tokens: [APITokenRecord], created: String?) {
        layout = Layout(req, title: Localizer.text("tokens.title", req.language))
        rows = Self.rows(tokens, req.language)
        self.created = created
    }

    static func rows(_ tokens: [APITokenRecord], _ language: Language) -> [Row] {
        tokens.map { token in
            Row(id: token.id?.uuidString ?? "", name: token.name, prefix: token.prefix + "…",
                scope: Localizer.text(token.scope == "write" ? "tokens.write" : "tokens.read", language),
                expires: DateText.day(APITokens.expiry(of: token)),
                lastUsed: token.lastUsedAt.map { DateText.dayTime($0) } ?? "—",
                revoked: token.revokedAt != nil)
        }
    }
}

/// Dates as people in Việt Nam read them: dd/mm/yyyy, 24-hour time, Việt Nam time.
enum DateText {
    static func day(_ date: Date) -> String { Day(date).vietnamese }

    static func dayTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Day.vietnam
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%@ %02d:%02d", Day(date).vietnamese, c.hour ?? 0, c.minute ?? 0)
    }
}
