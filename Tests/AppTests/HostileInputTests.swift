import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    /// SQL metacharacters, markup, odd unicode and very long strings in every text field and query parameter,
    /// other units' ids, and forged credentials: each gets the right 4xx and changes nothing — or, where the value
    /// is legitimate text, is stored as typed and shown escaped. Never a 5xx.
    @Suite("Hostile input") struct HostileInputTests {
        static let long = String(repeating: "A", count: 100_000)
        static let markup = "\"><script>alert(1)</script>"
        static let hostile: [(label: String, value: String)] = [
            ("SQL tautology", "' OR '1'='1"),
            ("SQL drop", "'; DROP TABLE users; --"),
            ("markup", markup),
            ("literal %00", "%00"),
            ("unicode", "Nguyễn Thị Ánh 🩺 \u{202E}cba 中文 ﷽"),
            ("100 000 characters", long),
        ]

        /// Free text (names) is legitimate when it fits the length limit; it must then be stored as typed.
        static func isAcceptableText(_ value: String) -> Bool {
            !Text.collapsingWhitespace(value).isEmpty && value.count <= Accounts.maximumTextLength
        }

        // MARK: query and path parameters

        @Test("hostile plan, group, leadOffice, kind, audit entity and audit limit parameters get a 4xx; a hostile lang or audit entity id is harmless; nothing changes")
        func queryParameters() async throws {
            try await withApp { app in
                let world = try await SecurityWorld(app)
                for (label, value) in Self.hostile {
                    let v = Sample.escape(value)
                    let cases: [(String, Verdict)] = [
                        ("/api/v1/indicators?plan=\(v)", .refused(.notFound)),
                        ("/api/v1/indicators?group=\(v)", .refused(.badRequest)),
                        ("/api/v1/indicators?leadOffice=\(v)", .refused(.badRequest)),
                        ("/api/v1/indicators/CT01?plan=\(v)", .refused(.notFound)),
                        ("/api/v1/indicators/CT01/trajectory?plan=\(v)", .refused(.notFound)),
                        ("/api/v1/organisations?kind=\(v)", .refused(.badRequest)),
                        ("/?plan=\(v)", .refused(.notFound)),
                        ("/indicators?group=\(v)", .refused(.badRequest)),
                        ("/indicators?leadOffice=\(v)", .refused(.badRequest)),
                        ("/indicators/CT01?plan=\(v)", .refused(.notFound)),
                        ("/api/v1/audit?limit=\(v)", .refused(.badRequest)),
                        ("/api/v1/audit?entity=\(v)", .refused(.badRequest)),
                        ("/api/v1/audit?entity=user&entityId=\(v)", .accepted),
                        ("/audit?entity=\(v)", .refused(.badRequest)),
                        ("/audit?entityId=\(v)&verify=\(v)", .accepted),
                        ("/?lang=\(v)", .accepted),
                        ("/organisations?lang=\(v)", .accepted),
                        ("/api/v1/indicators?lang=\(v)", .accepted),
                    ]
                    for (path, verdict) in cases {
                        let res = try await Self.probe(world, .GET, .get(path), verdict, "GET \(path.prefix(60)) (\(label))")
                        #expect(res.headers.setCookie?["lang"] == nil, "a hostile lang must not be remembered (\(label))")
                        if res.headers.contentType?.subType == "html", res.status == .ok {
                            #expect(res.body.string.contains("<html lang=\"vi\">"), "GET \(path.prefix(60)) (\(label)): the page changed language")
                        }
                    }
                }
                // An anonymous visitor's lang and next are reflected on the login page, escaped.
                let login = try await world.send(.GET, .get("/login?lang=\(Sample.escape(Self.markup))&next=\(Sample.escape("/" + Self.markup))"), as: .anonymous)
                #expect(login.status == .ok)
                #expect(!login.body.string.contains("<script>alert") && login.body.string.contains("&lt;script&gt;"))
            }
        }

        @Test("hostile or malformed ids in the path get 'not found' (or another 4xx) and change nothing")
        func pathParameters() async throws {
            try await withApp { app in
                let world = try await SecurityWorld(app)
                let cases: [(HTTPMethod, Sample, Verdict)] = [
                    (.GET, .get("/api/v1/indicators/%27%20OR%201=1--"), .refused(.notFound)),
                    (.GET, .get("/api/v1/indicators/%27%3B%20DROP%20TABLE%20indicators%3B--/trajectory"), .refused(.notFound)),
                    (.GET, .get("/indicators/%27%20OR%201=1--"), .refused(.notFound)),
                    (.GET, .get("/indicators/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E"), .refused(.notFound)),
                    (.GET, .get("/admin/users/not-a-uuid"), .refused(.notFound)),
                    (.GET, .get("/admin/users/%27%20OR%201=1--"), .refused(.notFound)),
                    (.GET, .get("/admin/users/\(UUID())"), .refused(.notFound)),
                    (.POST, .form("/admin/users/not-a-uuid", ["name": "Bị đổi"]), .refused(.notFound)),
                    (.POST, .form("/admin/users/%27%20OR%201=1--/reset-password", [:]), .refused(.notFound)),
                    (.POST, .form("/admin/users/not-a-uuid/tokens", ["name": "X"]), .refused(.notFound)),
                    (.PATCH, .json("/api/v1/users/not-a-uuid", #"{"name":"Bị đổi"}"#), .refused(.notFound)),
                    (.POST, .json("/api/v1/users/%27%20OR%201=1--/unlock"), .refused(.notFound)),
                    (.DELETE, .json("/api/v1/tokens/not-a-uuid"), .refused(.notFound)),
                    (.DELETE, .json("/api/v1/tokens/%27%20OR%201=1--"), .refused(.notFound)),
                    (.POST, .form("/account/tokens/%27%20OR%201=1--/revoke", [:]), .refused(.notFound)),
                    // An unknown organisation code is answered 400 ("no organisation with code …"), a 4xx.
                    (.GET, .get("/admin/organisations/%27;DROP"), .refused(nil)),
                    (.GET, .get("/admin/organisations/%27%3BDROP%20TABLE%20organisations%3B--"), .refused(nil)),
                    (.POST, .form("/admin/organisations/%27;DROP", ["name": "Bị đổi"]), .refused(nil)),
                    (.POST, .form("/admin/organisations/%27;DROP/active", ["active": "false"]), .refused(nil)),
                    (.PATCH, .json("/api/v1/organisations/%27%20OR%201=1--", #"{"name":"Bị đổi"}"#), .refused(nil)),
                ]
                let revokedBefore = try await APITokenRecord.query(on: app.db).filter(\.$revokedAt != nil).count()
                for (method, sample, verdict) in cases {
                    try await Self.probe(world, method, sample, verdict, "\(method) \(sample.path.prefix(70))")
                }
                #expect(try await APITokenRecord.query(on: app.db).filter(\.$revokedAt != nil).count() == revokedBefore)

                // Was a bug (now fixed, kept as a regression check): FileMiddleware (configure.swift) stats every request path under Public/ before routing; once
                // that file name passes PATH_MAX (4096 bytes) stat fails with ENAMETOOLONG, answered as a 500 (300 is fine).
                var problems: [String] = []
                for length in [300, 5_000, 100_000] {
                    for path in ["/api/v1/indicators/\(String(repeating: "A", count: length))", "/admin/users/\(String(repeating: "9", count: length))"] {
                        let res = try await world.send(.GET, .get(path), as: .session(.admin))
                        if res.status != .notFound { problems.append("GET \(path.prefix(30))… (\(length) characters): \(res.status.code)") }
                    }
                }
                #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
            }
        }

        // MARK: sign-in and one's own account

        @Test("sign-in: a hostile e-mail or password is 'wrong user name or password'; a hostile next leads home; nothing is created")
        func signIn() async throws {
            try await withApp { app in
                let world = try await SecurityWorld(app)
                for (label, value) in Self.hostile {
                    // Each value from a fresh start: the sign-in limits (SignInLimitTests) would otherwise answer 429.
                    try await LoginEventRecord.query(on: app.db).delete()
                    let sessions = try await UserSessionRecord.query(on: app.db).count()
                    try await Self.probe(world, .POST, .form("/login", ["email": value, "password": SecurityWorld.password]), .refused(.unauthorized),
                                         "login email=\(label)", as: .anonymous)
                    // a real account, so the password is really checked (the account ends up locked: that is right)
                    try await Self.probe(world, .POST, .form("/login", ["email": world.target.email, "password": value]), .refused(.unauthorized),
                                         "login password=\(label)", as: .anonymous)
                    #expect(try await UserSessionRecord.query(on: app.db).count() == sessions, "a failed sign-in (\(label)) opened a session")
                    let res = try await Self.probe(world, .POST, .form("/login", ["email": world.login.email, "password": SecurityWorld.password, "next": value]),
                                                   .accepted, "login next=\(label)", as: .anonymous)
                    #expect(res.status == .seeOther && res.headers.first(name: .location) == "/", "login next=\(label) → \(res.headers.first(name: .location) ?? "")")
                }
            }
        }

        @Test("sign-in never sends the browser to another site, whatever next says")
        func nextStaysOnSite() async throws {
            try await withApp { app in
                let world = try await SecurityWorld(app)
                func location(_ next: String) async throws -> String {
                    let res = try await world.send(.POST, .form("/login", ["email": world.login.email, "password": SecurityWorld.password, "next": next]), as: .anonymous)
                    #expect(res.status == .seeOther, "next=\(next.debugDescription): \(res.status)")
                    return res.headers.first(name: .location) ?? ""
                }
                /// What a browser makes of a Location: it drops tabs and line breaks anywhere, then `//host` is another site.
                func staysOnSite(_ location: String) -> Bool {
                    let seen = location.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" && $0 != "\r\n" }
                    return seen.hasPrefix("/") && !seen.hasPrefix("//") && !seen.contains("\\")
                        && !location.unicodeScalars.contains { $0.properties.generalCategory == .control }
                }
                for next in ["//evil.example/", "/\\evil.example", "\\\\evil.example", "https://evil.example/", "/%2F/evil.example", "%2F%2Fevil.example",
                             "/%5Cevil.example", " //evil.example", "javascript:alert(1)"] {
                    let where_ = try await location(next)
                    #expect(staysOnSite(where_), "next=\(next.debugDescription) → \(where_.debugDescription)")
                }
                #expect(try await location("/indicators/CT01?lang=en") == "/indicators/CT01?lang=en", "a path on this site is kept")
                // The password change keeps next too (after a forced change) and redirects to it.
                func afterPasswordChange(_ next: String) async throws -> String {
                    let password = SecurityWorld.password
                    let res = try await world.send(.POST, .form("/account/password", ["current": password, "password": password, "confirmation": password, "next": next]),
                                                   as: .session(.leadership))
                    #expect(res.status == .seeOther, "password change next=\(next.debugDescription): \(res.status)")
                    return res.headers.first(name: .location) ?? ""
                }
                for next in ["//evil.example/", "/\\evil.example", "https://evil.example/", "/%2F/evil.example"] {
                    let where_ = try await afterPasswordChange(next)
                    #expect(staysOnSite(where_), "password change next=\(next.debugDescription) → \(where_.debugDescription)")
                }
                // Was a bug (now fixed, kept as a regression check): AccountController.safeNext lets control characters through. A tab makes "/\t/evil.example",
                // which browsers read as "//evil.example" (an open redirect); CR LF splits the header.
                for next in ["/\t/evil.example", "/%09/evil.example", "/\n/evil.example", "/\r\nSet-Cookie: chitieu_session=stolen"] {
                    let where_ = try await location(next)
                    #expect(staysOnSite(where_), "next=\(next.debugDescription) → \(where_.debugDescription)")
                    let afterChange = try await afterPasswordChange(next)
                    #expect(staysOnSite(afterChange), "password change next=\(next.debugDescription) → \(afterChange.debugDescription)")
                }
            }
        }

        @Test("password change: hostile current password and confirmation are refused; a hostile new password is stored as typed if it meets the rules; a hostile next leads home")
        func passwordChange() async throws {
            try await withApp { app in
                let world = try await SecurityWorld(app)
                let user = world.users[.coordinator]!
                let id = try user.requireID()
                var current = SecurityWorld.password
                func change(_ current: String, _ password: String, _ confirmation: String) -> Sample {
                    .form("/account/password", pairs: [("current", current), ("password", password), ("confirmation", confirmation)])
                }
                for (label, value) in Self.hostile where value != Self.long {
                    // Each value from a fresh start: the current-password limit (SignInLimitTests) would otherwise answer 429.
                    try await LoginEventRecord.query(on: app.db).delete()
                    var before = try await UserFingerprint(id, on: app.db)
                    try await Self.probe(world, .POST, change(value, "Mot mat khau moi 2030", "Mot mat khau moi 2030"), .refused(.badRequest),
                                         "password current=\(label)", as: .session(.coordinator))
                    try await Self.probe(world, .POST, change(current, "Mot mat khau moi 2030", value), .refused(.badRequest),
                                         "password confirmation=\(label)", as: .session(.coordinator))
                    #expect(try await UserFingerprint(id, on: app.db) == before, "a refused change (\(label)) changed the password")
                    if value.count >= PasswordRule.minimumLength {
                        let res = try await Self.probe(world, .POST, change(current, value, value), .accepted, "password new=\(label)", as: .session(.coordinator))
                        #expect(res.headers.first(name: .location) == "/?password=changed")
                        let hash = try #require(try await UserRecord.find(id, on: app.db)?.passwordHash)
                        #expect(try await Accounts.verify(value, hash: hash, app: app), "new password \(label) not stored as typed")
                        _ = try await Accounts.signIn(email: user.email, password: value, address: nil, app: app, on: app.db)
                        current = value
                    } else {
                        before = try await UserFingerprint(id, on: app.db)
                        try await Self.probe(world, .POST, change(current, value, value), .refused(.badRequest), "password new=\(label)", as: .session(.coordinator))
                        #expect(try await UserFingerprint(id, on: app.db) == before)
                    }
                }
                for (label, value) in Self.hostile {
                    let res = try await Self.probe(world, .POST, .form("/account/password", pairs: [("current", current), ("password", current), ("confirmation", current), ("next", value)]),
                                                   .accepted, "password next=\(label)", as: .session(.coordinator))
                    #expect(res.headers.first(name: .location) == "/?password=changed", "password next=\(label) → \(res.headers.first(name: .location) ?? "")")
                }
                try await Self.probe(world, .POST, change(Self.long, "Mot mat khau moi 2030", "Mot mat khau moi 2030"), .refused(.badRequest),
                                     "password current=100 000 characters", as: .session(.coordinator))
                // Was a bug (now fixed, kept as a regression check): no upper bound. bcrypt reads only the first 72 bytes, so a 100 000-character password is accepted
                // and any string sharing its first 72 bytes signs in.
                let before = try await UserFingerprint(id, on: app.db)
                let res = try await world.send(.POST, change(current, Self.long, Self.long), as: .session(.coordinator))
                let after = try await UserFingerprint(id, on: app.db)
                #expect(res.status == .badRequest, "password new=100 000 characters: \(res.status)")
                #expect(after == before, "the 100 000-character password was stored")
                #expect(res.status.code < 500)
            }
        }

        @Test("token name, scope and days: hostile values are refused, or (a name) stored as typed and shown escaped")
        func tokenFields() async throws {
            try await withApp { app in
                let world = try await SecurityWorld(app)
                let caller = Caller.session(.leadOffice)
                for (label, value) in Self.hostile {
                    for api in [false, true] {
                        func sample(name: String = "Tên thường", scope: String = "read", days: Any = 30) -> Sample {
                            api ? .json("/api/v1/tokens", object: ["name": name, "scope": scope, "days": days])
                                : .form("/account/tokens", pairs: [("name", name), ("scope", scope), ("days", "\(days)")])
                        }
                        let route = api ? "POST /api/v1/tokens" : "POST /account/tokens"
                        let named = try await APITokenRecord.query(on: app.db).filter(\.$name == value).count()
                        if Self.isAcceptableText(value) {
                            try await Self.probe(world, .POST, sample(name: value), .accepted, creates: \.tokens, "\(route) name=\(label)", as: caller)
                            #expect(try await APITokenRecord.query(on: app.db).filter(\.$name == value).count() == named + 1, "\(route) name=\(label) not stored as typed")
                        } else {
                            try await Self.probe(world, .POST, sample(name: value), .refused(.badRequest), "\(route) name=\(label)", as: caller)
                        }
                        try await Self.probe(world, .POST, sample(scope: value), .refused(.badRequest), "\(route) scope=\(label)", as: caller)
                        try await Self.probe(world, .POST, sample(days: value), .refused(.badRequest), "\(route) days=\(label)", as: caller)
                    }
                }
                for days in ["0", "-1", "731", "99999999999999999999", "1e3", "30.5"] {
                    try await Self.probe(world, .POST, .form("/account/tokens", pairs: [("name", "X"), ("days", days)]), .refused(.badRequest), "days=\(days)", as: caller)
                }
                let page = try await world.send(.GET, .get("/account/tokens"), as: caller).body.string
                #expect(page.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>alert"), "token names must be shown escaped")
            }
        }

        // MARK: administration

        @Test("creating a user: hostile e-mail, role and organisation are refused; a hostile name is stored as typed and shown escaped")
        func userCreate() async throws {
            try await withApp { app in
                let world = try await SecurityWorld(app)
                for (label, value) in Self.hostile {
                    for api in [false, true] {
                        let route = api ? "POST /api/v1/users" : "POST /admin/users"
                        func sample(email: String? = nil, name: String = "Cán bộ thử", role: String = "unitReporter", organisation: String = "MAU-BVDK-A") -> Sample {
                            let fields = [("email", email ?? "moi-\(world.next())@test.vn"), ("name", name), ("role", role), ("organisation", organisation)]
                            return api ? .json("/api/v1/users", object: Dictionary(uniqueKeysWithValues: fields)) : .form("/admin/users", pairs: fields)
                        }
                        try await Self.probe(world, .POST, sample(email: value), .refused(.badRequest), "\(route) email=\(label)")
                        try await Self.probe(world, .POST, sample(role: value), .refused(.badRequest), "\(route) role=\(label)")
                        try await Self.probe(world, .POST, sample(organisation: value), .refused(.badRequest), "\(route) organisation=\(label)")
                        if Self.isAcceptableText(value) {
                            let email = "ten-\(world.next())@test.vn"
                            try await Self.probe(world, .POST, sample(email: email, name: value), .accepted, creates: \.users, "\(route) name=\(label)")
                            #expect(try await UserRecord.query(on: app.db).filter(\.$email == email).first()?.name == value, "\(route) name=\(label) not stored as typed")
                        } else {
                            try await Self.probe(world, .POST, sample(name: value), .refused(.badRequest), "\(route) name=\(label)")
                        }
                    }
                }
                // An apostrophe is legal in an address: stored as typed, not as SQL.
                try await Self.probe(world, .POST, .form("/admin/users", ["email": "O'Connor+x'--@test.vn", "name": "O'Connor", "role": "unitReporter", "organisation": "MAU-BVDK-A"]),
                                     .accepted, creates: \.users, "email with apostrophes")
                #expect(try await UserRecord.query(on: app.db).filter(\.$email == "o'connor+x'--@test.vn").count() == 1)
                let page = try await world.send(.GET, .get("/admin/users"), as: .session(.admin)).body.string
                #expect(page.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>alert"), "user names must be shown escaped")
            }
        }

        @Test("changing a user: hostile role, organisation and active are refused and change nothing; a hostile name is stored as typed")
        func userUpdate() async throws {
            try await withApp { app in
                let world = try await SecurityWorld(app)
                let id = try world.target.requireID()
                for (label, value) in Self.hostile {
                    for api in [false, true] {
                        let route = api ? "PATCH /api/v1/users/{id}" : "POST /admin/users/{id}"
                        let method: HTTPMethod = api ? .PATCH : .POST
                        func sample(_ field: String, _ value: String) -> Sample {
                            api ? .json("/api/v1/users/\(id)", object: [field: value]) : .form("/admin/users/\(id)", [field: value])
                        }
                        let before = try await UserFingerprint(id, on: app.db)
                        for field in ["role", "organisation"] + (api ? ["active"] : []) {
                            try await Self.probe(world, method, sample(field, value), .refused(.badRequest), "\(route) \(field)=\(label)")
                        }
                        if Self.isAcceptableText(value) {
                            try await Self.probe(world, method, sample("name", value), .accepted, "\(route) name=\(label)")
                            let after = try await UserFingerprint(id, on: app.db)
                            #expect(after.name == value, "\(route) name=\(label) not stored as typed")
                            #expect(after.role == before.role && after.organisation == before.organisation && after.active == before.active)
                        } else {
                            try await Self.probe(world, method, sample("name", value), .refused(.badRequest), "\(route) name=\(label)")
                            #expect(try await UserFingerprint(id, on: app.db) == before, "\(route) (\(label)) changed the user")
                        }
                    }
                }
                let page = try await world.send(.GET, .get("/admin/users/\(id)"), as: .session(.admin))
                #expect(page.status == .ok && !page.body.string.contains("<script>alert"))
                // Was a bug (now fixed, kept as a regression check): the page reads any `active` other than "true" as false, so garbage deactivates the account.
                let before = try await UserFingerprint(id, on: app.db)
                let res = try await world.send(.POST, .form("/admin/users/\(id)", ["active": "' OR '1'='1"]), as: .session(.admin))
                let after = try await UserFingerprint(id, on: app.db)
                #expect(res.status == .badRequest, "POST /admin/users/{id} active=' OR '1'='1: \(res.status)")
                #expect(after == before, "a hostile active value deactivated the account")
                #expect(res.status.code < 500)
            }
        }

        @Test("creating an organisation: hostile code, kind, medical and parent are refused; a hostile name is stored as typed and shown escaped")
        func organisationCreate() async throws {
            try await withApp { app in
                let world = try await SecurityWorld(app)
                for (label, value) in Self.hostile {
                    for api in [false, true] {
                        let route = api ? "POST /api/v1/organisations" : "POST /admin/organisations"
                        func sample(_ field: String, _ value: String) -> Sample {
                            var fields = ["code": "HX-\(world.next())", "name": "Đơn vị thử", "kind": "otherUnit", "medical": "no", "parent": "SYT"]
                            fields[field] = value
                            return api ? .json("/api/v1/organisations", object: fields) : .form("/admin/organisations", fields)
                        }
                        for field in ["code", "kind", "medical", "parent"] {
                            try await Self.probe(world, .POST, sample(field, value), .refused(.badRequest), "\(route) \(field)=\(label)")
                        }
                        if Self.isAcceptableText(value) {
                            try await Self.probe(world, .POST, sample("name", value), .accepted, creates: \.organisations, "\(route) name=\(label)")
                            #expect(try await OrganisationRecord.query(on: app.db).filter(\.$name == value).count() == (api ? 2 : 1), "\(route) name=\(label) not stored as typed")
                        } else {
                            try await Self.probe(world, .POST, sample("name", value), .refused(.badRequest), "\(route) name=\(label)")
                        }
                    }
                }
                for path in ["/admin/organisations", "/organisations"] {
                    let page = try await world.send(.GET, .get(path), as: .session(.admin)).body.string
                    #expect(page.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>alert"), "\(path): names must be shown escaped")
                }
            }
        }

        @Test("changing an organisation: hostile kind, medical and parent are refused and change nothing; a hostile name is stored as typed")
        func organisationUpdate() async throws {
            try await withApp { app in
                let world = try await SecurityWorld(app)
                let code = world.organisation
                func fingerprint() async throws -> [String: String?] {
                    try #require(try await OrganisationRecord.query(on: app.db).filter(\.$code == code).first()).auditFields
                }
                for (label, value) in Self.hostile {
                    for api in [false, true] {
                        let route = api ? "PATCH /api/v1/organisations/{code}" : "POST /admin/organisations/{code}"
                        let method: HTTPMethod = api ? .PATCH : .POST
                        func sample(_ field: String, _ value: String) -> Sample {
                            if api { return .json("/api/v1/organisations/\(code)", object: [field: value]) }
                            var fields = ["name": "Đơn vị thử", "kind": "otherUnit", "medical": "no", "parent": "SYT"]
                            fields[field] = value
                            return .form("/admin/organisations/\(code)", fields)
                        }
                        let before = try await fingerprint()
                        for field in ["kind", "medical", "parent"] {
                            try await Self.probe(world, method, sample(field, value), .refused(.badRequest), "\(route) \(field)=\(label)")
                            #expect(try await fingerprint() == before, "\(route) \(field)=\(label) changed the organisation")
                        }
                        if Self.isAcceptableText(value) {
                            try await Self.probe(world, method, sample("name", value), .accepted, "\(route) name=\(label)")
                            #expect(try await fingerprint()["name"] == value, "\(route) name=\(label) not stored as typed")
                        } else {
                            try await Self.probe(world, method, sample("name", value), .refused(.badRequest), "\(route) name=\(label)")
                            #expect(try await fingerprint() == before)
                        }
                    }
                }
                // The department's and other organisations' rows were not touched by any of it.
                #expect(try await OrganisationRecord.query(on: app.db).filter(\.$code == "SYT").first()?.name == "Sở Y tế Ninh Bình")
            }
        }

        @Test("a NUL byte in a text field or parameter is refused with a 4xx")
        func nulBytes() async throws {
            try await withApp { app in
                let world = try await SecurityWorld(app)
                let id = try world.target.requireID()
                let cases: [(HTTPMethod, Sample, Caller)] = [
                    (.GET, .get("/api/v1/indicators?group=I%00"), .session(.admin)),
                    (.GET, .get("/api/v1/indicators?leadOffice=VP%00"), .session(.admin)),
                    (.GET, .get("/api/v1/organisations?kind=office%00"), .session(.admin)),
                    (.GET, .get("/api/v1/indicators?plan=%00"), .session(.admin)),
                    (.GET, .get("/api/v1/indicators/CT01%00"), .session(.admin)),
                    (.GET, .get("/admin/organisations/SYT%00"), .session(.admin)),
                    (.POST, .form("/login", ["email": "x\u{0}@test.vn", "password": "khong-dung-1234"]), .anonymous),
                    (.POST, .form("/account/tokens", ["name": "Tên\u{0}lạ"]), .session(.admin)),
                    (.POST, .form("/account/password", ["current": SecurityWorld.password, "password": "Ninh-Binh\u{0} phan sau bi bo qua", "confirmation": "Ninh-Binh\u{0} phan sau bi bo qua"]), .session(.leadership)),
                    (.POST, .form("/admin/users", ["email": "nul\u{0}@test.vn", "name": "Tên", "role": "unitReporter", "organisation": "MAU-BVDK-A"]), .session(.admin)),
                    (.POST, .form("/admin/users", ["email": "nul-ten@test.vn", "name": "Tên\u{0}lạ", "role": "unitReporter", "organisation": "MAU-BVDK-A"]), .session(.admin)),
                    (.POST, .form("/admin/users", ["email": "nul-org@test.vn", "name": "Tên", "role": "unitReporter", "organisation": "MAU-BVDK-A\u{0}"]), .session(.admin)),
                    (.PATCH, .json("/api/v1/users/\(id)", object: ["name": "Tên\u{0}lạ"]), .session(.admin)),
                    (.POST, .json("/api/v1/organisations", object: ["code": "NUL-1", "name": "Đơn vị\u{0}lạ", "kind": "otherUnit"]), .session(.admin)),
                    (.POST, .json("/api/v1/organisations", object: ["code": "NUL-2", "name": "Đơn vị", "kind": "otherUnit", "parent": "SYT\u{0}"]), .session(.admin)),
                ]
                var problems: [String] = []
                for (method, sample, caller) in cases {
                    let res = try await world.send(method, sample, as: caller)
                    if !(400..<500).contains(res.status.code) { problems.append("\(method) \(sample.path) \(sample.body ?? ""): \(res.status.code)") }
                }
                // Was a bug (now fixed, kept as a regression check): nothing refuses control characters. SQLite stores them; PostgreSQL rejects a NUL in text
                // ("invalid byte sequence for encoding UTF8: 0x00"), which surfaces as a 500. bcrypt stops at the NUL.
                #expect(problems.isEmpty, "answered without a 4xx:\n\(problems.joined(separator: "\n"))")
            }
        }

        // MARK: other units' ids and forged credentials

        @Test("another unit's users, organisations and tokens cannot be touched by a unit reporter")
        func otherUnitsIDs() async throws {
            try await withApp { app in
                let world = try await SecurityWorld(app)
                let other = world.target   // a reporter of MAU-BVDK-B; the caller reports for MAU-BVDK-A
                let id = try other.requireID()
                let (tokenID, _) = try await world.token(for: other, write: true)
                let organisation = try #require(try await OrganisationRecord.query(on: app.db).filter(\.$code == "MAU-BVDK-B").first()).auditFields
                let before = try await UserFingerprint(id, on: app.db)
                let cases: [(HTTPMethod, Sample, HTTPStatus)] = [
                    (.PATCH, .json("/api/v1/organisations/MAU-BVDK-B", #"{"name":"Bị đổi","active":false}"#), .forbidden),
                    (.POST, .form("/admin/organisations/MAU-BVDK-B", ["name": "Bị đổi", "kind": "otherUnit"]), .forbidden),
                    (.POST, .form("/admin/organisations/MAU-BVDK-B/active", ["active": "false"]), .forbidden),
                    (.GET, .get("/admin/users/\(id)"), .forbidden),
                    (.PATCH, .json("/api/v1/users/\(id)", #"{"organisation":"MAU-BVDK-A"}"#), .forbidden),
                    (.POST, .json("/api/v1/users/\(id)/reset-password"), .forbidden),
                    (.DELETE, .json("/api/v1/tokens/\(tokenID)"), .notFound),
                    (.POST, .form("/account/tokens/\(tokenID)/revoke", [:]), .notFound),
                ]
                for (method, sample, status) in cases {
                    for caller in [Caller.session(.unitReporter), .token(.unitReporter, write: true)] {
                        try await Self.probe(world, method, sample, .refused(status), "\(method) \(sample.path) as \(caller)", as: caller)
                    }
                }
                #expect(try await UserFingerprint(id, on: app.db) == before)
                #expect(try await OrganisationRecord.query(on: app.db).filter(\.$code == "MAU-BVDK-B").first()?.auditFields == organisation)
                #expect(try await APITokenRecord.find(tokenID, on: app.db)?.revokedAt == nil)
            }
        }

        @Test("a tampered session cookie or bearer token is anonymous: a redirect to sign in, a 401, and nothing written")
        func tamperedCredentials() async throws {
            try await withApp { app in
                let world = try await SecurityWorld(app)
                let (cookie, csrf) = try await world.session(for: world.users[.admin]!)
                let tampered = Self.flipLast(cookie)
                let tokens = try await APITokenRecord.query(on: app.db).count()
                for bad in [tampered, "\(AuthenticationMiddleware.cookieName)=x' OR '1'='1", "\(AuthenticationMiddleware.cookieName)=\(Self.long)"] {
                    let page = try await app.testing().sendRequest(.GET, "/admin/users", headers: ["Cookie": bad])
                    #expect(page.status == .seeOther && page.headers.first(name: .location)?.hasPrefix("/login") == true, "page with a bad cookie: \(page.status)")
                    let api = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: ["Cookie": bad])
                    #expect(api.status == .unauthorized && api.headers.contentType?.subType == "json", "API with a bad cookie: \(api.status)")
                    // Unsafe: the CSRF check (the session's token is unknown) or the sign-in check refuses it.
                    let form = try await app.testing().sendRequest(.POST, "/account/tokens", headers: ["Cookie": bad, "Content-Type": "application/x-www-form-urlencoded"],
                                                                   body: ByteBuffer(string: "name=X&scope=write&csrf=\(csrf)"))
                    #expect([401, 403].contains(form.status.code) || (form.status == .seeOther && form.headers.first(name: .location)?.hasPrefix("/login") == true),
                            "POST with a bad cookie: \(form.status)")
                }
                #expect(try await APITokenRecord.query(on: app.db).count() == tokens)
                // The real session is unharmed by the attempts.
                #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: ["Cookie": cookie]).status == .ok)

                let secret = world.bearer(.admin, write: true)
                for bad in [Self.flipLast(secret), "' OR '1'='1", Self.long] {
                    // A well-formed but unknown token is refused outright; a header that is no bearer token at all
                    // (it has spaces) is ignored, leaving the request anonymous.
                    let wellFormed = !bad.contains(" ")
                    for path in ["/api/v1/me", "/admin/users"] {
                        let res = try await app.testing().sendRequest(.GET, path, headers: ["Authorization": "Bearer \(bad)"])
                        let anonymousPage = res.status == .seeOther && res.headers.first(name: .location)?.hasPrefix("/login") == true
                        #expect(res.status == .unauthorized || (!wellFormed && anonymousPage), "GET \(path) with a bad bearer token \(bad.prefix(20)): \(res.status)")
                    }
                    let write = try await app.testing().sendRequest(.POST, "/api/v1/organisations", headers: ["Authorization": "Bearer \(bad)", "Content-Type": "application/json"],
                                                                    body: ByteBuffer(string: #"{"code":"GIA-MAO","name":"Giả mạo","kind":"otherUnit"}"#))
                    // anonymous and unsafe: refused by the CSRF check (403) when the header is no bearer token at all
                    #expect((wellFormed ? [401] : [401, 403]).contains(write.status.code) && write.headers.contentType?.subType == "json",
                            "POST with a bad bearer token \(bad.prefix(20)): \(write.status)")
                }
                #expect(try await OrganisationRecord.query(on: app.db).filter(\.$code == "GIA-MAO").count() == 0)
            }
        }

        @Test("a missing, forged or foreign CSRF token on POST /account/tokens and POST /admin/users is refused (403) and creates nothing")
        func csrf() async throws {
            try await withApp { app in
                let world = try await SecurityWorld(app)
                let admin = world.users[.admin]!
                let (cookie, own) = try await world.session(for: admin)
                let (_, otherSession) = try await world.session(for: admin)
                let (_, otherUser) = try await world.session(for: world.users[.coordinator]!)
                let before = try await Counts(app.db)
                // (description, Cookie header, token sent)
                let attempts: [(String, String, String?)] = [
                    ("missing", cookie, nil),
                    ("forged", cookie, "gia-mao"),
                    ("empty", cookie, ""),
                    ("the session's token with one character changed", cookie, Self.flipLast(own)),
                    ("another session's token", cookie, otherSession),
                    ("another user's token", cookie, otherUser),
                    ("a pre-sign-in cookie planted next to the session", "\(cookie); \(CSRFMiddleware.cookieName)=planted", "planted"),
                ]
                for (what, cookies, token) in attempts {
                    for (path, form) in [("/account/tokens", "name=X&scope=write"), ("/admin/users", "email=csrf%40test.vn&name=X&role=admin&organisation=SYT")] {
                        let body = form + (token.map { "&csrf=\(Sample.escape($0))" } ?? "")
                        let res = try await app.testing().sendRequest(.POST, path, headers: ["Cookie": cookies, "Content-Type": "application/x-www-form-urlencoded"],
                                                                      body: ByteBuffer(string: body))
                        #expect(res.status == .forbidden, "POST \(path) with a \(what) CSRF token: \(res.status)")
                    }
                    for (path, json) in [("/api/v1/tokens", #"{"name":"X","scope":"write"}"#), ("/api/v1/users", #"{"email":"csrf@test.vn","name":"X","role":"admin","organisation":"SYT"}"#)] {
                        var headers: HTTPHeaders = ["Cookie": cookies, "Content-Type": "application/json"]
                        if let token { headers.add(name: "X-CSRF-Token", value: token) }
                        let res = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: json))
                        #expect(res.status == .forbidden && res.headers.contentType?.subType == "json", "POST \(path) with a \(what) CSRF header: \(res.status)")
                    }
                }
                #expect(try await Counts(app.db) == before)
                // The right token works, so the refusals above were about the token.
                let ok = try await app.testing().sendRequest(.POST, "/account/tokens", headers: ["Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"],
                                                             body: ByteBuffer(string: "name=X&scope=read&csrf=\(Sample.escape(own))"))
                #expect(ok.status == .ok)
            }
        }

        @Test("a revoked token, an expired token and a deactivated user's token get 401 JSON, even for public reads")
        func deadTokens() async throws {
            try await withApp { app in
                let world = try await SecurityWorld(app)
                let (revokedID, revoked) = try await world.token(for: world.users[.admin]!, write: true)
                try await APITokens.revoke(revokedID, of: try world.users[.admin]!.requireID(), by: .system, on: app.db)
                let (expiredID, expired) = try await world.token(for: world.users[.admin]!, write: true)
                let record = try #require(try await APITokenRecord.find(expiredID, on: app.db))
                record.expiresAt = Date().addingTimeInterval(-60)
                try await record.save(on: app.db)
                let (_, inactive) = try await world.token(for: world.users[.coordinator]!, write: true)
                let coordinator = try #require(try await UserRecord.find(world.users[.coordinator]!.id, on: app.db))
                coordinator.isActive = false
                try await coordinator.save(on: app.db)

                let before = try await Counts(app.db)
                for (what, secret) in [("revoked", revoked), ("expired", expired), ("deactivated user's", inactive)] {
                    let bearer: HTTPHeaders = ["Authorization": "Bearer \(secret)", "Content-Type": "application/json"]
                    for path in ["/api/v1/me", "/api/v1/indicators", "/api/v1/openapi.json"] {
                        let res = try await app.testing().sendRequest(.GET, path, headers: bearer)
                        #expect(res.status == .unauthorized && res.headers.contentType?.subType == "json", "GET \(path) with a \(what) token: \(res.status)")
                        if res.status == .unauthorized { #expect(try res.content.decode(WireError.self).error) }
                    }
                    let write = try await app.testing().sendRequest(.POST, "/api/v1/organisations", headers: bearer,
                                                                    body: ByteBuffer(string: #"{"code":"CHET","name":"X","kind":"otherUnit"}"#))
                    #expect(write.status == .unauthorized, "POST with a \(what) token: \(write.status)")
                }
                #expect(try await Counts(app.db) == before)
                // Unchanged tokens still work: the refusals were about the token's state.
                #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: ["Authorization": "Bearer \(world.bearer(.admin, write: false))"]).status == .ok)
            }
        }

        @Test("a session idle for 31 minutes is anonymous and its row is deleted; one idle for 29 minutes still works")
        func idleSession() async throws {
            try await withApp { app in
                let world = try await SecurityWorld(app)
                let user = world.users[.leadership]!
                func session(idle minutes: Double) async throws -> (String, UUID) {
                    let (cookie, _) = try await world.session(for: user)
                    let token = String(cookie.split(separator: "=", maxSplits: 1)[1])
                    let record = try #require(try await UserSessionRecord.query(on: app.db).filter(\.$tokenHash == Secrets.digest(token)).first())
                    record.lastSeenAt = Date().addingTimeInterval(-minutes * 60)
                    try await record.save(on: app.db)
                    return (cookie, try record.requireID())
                }
                let (stale, staleID) = try await session(idle: 31)
                let page = try await app.testing().sendRequest(.GET, "/", headers: ["Cookie": stale])
                #expect(page.status == .seeOther && page.headers.first(name: .location)?.hasPrefix("/login") == true, "an idle session's page: \(page.status)")
                #expect(try await UserSessionRecord.find(staleID, on: app.db) == nil, "the idle session's row is still there")
                let api = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: ["Cookie": stale])
                #expect(api.status == .unauthorized && api.headers.contentType?.subType == "json")

                let (stale2, stale2ID) = try await session(idle: 31)
                let apiFirst = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: ["Cookie": stale2])
                #expect(apiFirst.status == .unauthorized)
                #expect(try await UserSessionRecord.find(stale2ID, on: app.db) == nil)

                let (fresh, freshID) = try await session(idle: 29)
                #expect(try await app.testing().sendRequest(.GET, "/", headers: ["Cookie": fresh]).status == .ok)
                let touched = try #require(try await UserSessionRecord.find(freshID, on: app.db))
                #expect(touched.lastSeenAt.timeIntervalSinceNow > -60, "a used session is touched")
            }
        }

        // MARK: helpers

        enum Verdict {
            /// Refused with this status (any 4xx when nil) and nothing changed.
            case refused(HTTPStatus?)
            /// Succeeded (2xx or 3xx).
            case accepted
        }

        /// Row counts of the tables a hostile request could damage.
        struct Counts: Equatable, CustomStringConvertible {
            var users = 0, organisations = 0, plans = 0, indicators = 0, targets = 0, tokens = 0

            init(_ db: any Database) async throws {
                users = try await UserRecord.query(on: db).count()
                organisations = try await OrganisationRecord.query(on: db).count()
                plans = try await PlanRecord.query(on: db).count()
                indicators = try await IndicatorRecord.query(on: db).count()
                targets = try await TargetRecord.query(on: db).count()
                tokens = try await APITokenRecord.query(on: db).count()
            }

            var description: String {
                "users \(users), organisations \(organisations), plans \(plans), indicators \(indicators), targets \(targets), tokens \(tokens)"
            }
        }

        /// Sends one request and checks it: never a 5xx, never unescaped markup in a page; refused with the expected
        /// 4xx and every table as it was, or accepted with one more row in `creates` (none for an update).
        @discardableResult
        static func probe(_ world: SecurityWorld, _ method: HTTPMethod, _ sample: Sample, _ verdict: Verdict, creates: WritableKeyPath<Counts, Int>? = nil,
                          _ what: String, as caller: Caller = .session(.admin)) async throws -> TestingHTTPResponse {
            let before = try await Counts(world.app.db)
            let res = try await world.send(method, sample, as: caller)
            let after = try await Counts(world.app.db)
            let status = res.status.code
            #expect(status < 500, "\(what): server error \(status)")
            if res.headers.contentType?.subType == "html" {
                #expect(!res.body.string.contains("<script>alert"), "\(what): the page carries the markup unescaped")
            }
            switch verdict {
            case .refused(let expected):
                if let expected {
                    #expect(res.status == expected, "\(what): expected \(expected.code), got \(status)")
                } else {
                    #expect((400..<500).contains(status), "\(what): expected a 4xx, got \(status)")
                }
                #expect(after == before, "\(what): tables changed from \(before) to \(after)")
            case .accepted:
                #expect((200..<400).contains(status), "\(what): expected success, got \(status) \(res.body.string.prefix(200))")
                var expected = before
                if let creates { expected[keyPath: creates] += 1 }
                #expect(after == expected, "\(what): expected \(expected), found \(after)")
            }
            return res
        }

        static func flipLast(_ text: String) -> String {
            String(text.dropLast()) + (text.last == "A" ? "B" : "A")
        }
    }
}
