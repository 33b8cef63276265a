import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    /// Hostile text in every field of the reporting features: refused with a 4xx and nothing changed, or — where it
    /// is legitimate text within its limit — stored as typed and shown escaped. Never a 5xx.
    @Suite("Hostile input: reporting") struct ReportHostileInputTests {
        static func json(_ text: String) -> String {
            String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
        }

        @Test("hostile ids, periods, indicator codes, levels and numbers are refused and change nothing")
        func refused() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                let (id, _) = try await ReportTests.draft(app)
                for path in ["/api/v1/reports/not-a-uuid", "/api/v1/reports/%27%20OR%201=1--", "/api/v1/cycles/%22%3E%3Cscript%3E",
                             "/api/v1/reports/\(UUID())/values/CT01/history", "/api/v1/reports/\(id)/values/%27%20OR%201=1--/history"] {
                    let res = try await api.call(.GET, path, as: .coordinator)
                    #expect((400..<500).contains(res.status.code), "\(path): \(res.status)")
                }
                #expect(try await app.get("/reports/not-a-uuid", as: .coordinator).status == .notFound)
                for (label, value) in HostileInputTests.hostile {
                    let period = try await api.call(.POST, "/api/v1/cycles", as: .coordinator, json: #"{"period":\#(Self.json(value))}"#)
                    #expect(period.status == .badRequest, "period \(label): \(period.status)")
                    let code = try await api.save(id, version: 1, values: "\(Self.json(value)):{\"amount\":1}")
                    #expect(code.status == .badRequest, "indicator code \(label): \(code.status)")
                    let level = try await api.save(id, version: 1, values: #""CT10":{"level":\#(Self.json(value))}"#)
                    #expect(level.status == .badRequest, "level \(label): \(level.status)")
                    let number = try await api.save(id, version: 1, values: #""CT05":{"amount":\#(Self.json(value))}"#)
                    #expect(number.status == .badRequest, "number \(label): \(number.status)")
                    let days = try await api.call(.POST, "/api/v1/cycles", as: .coordinator, json: #"{"period":"2030NovS1","due":\#(Self.json(value))}"#)
                    #expect(days.status == .badRequest, "due day \(label): \(days.status)")
                }
                #expect(try await api.report(id).report.version == 1)
                #expect(try await CycleRecord.query(on: app.db).count() == 1)
            }
        }

        @Test("hostile comments, narrative and reasons are stored as typed when within their limits and shown escaped; longer ones are refused")
        func text() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                let (id, _) = try await ReportTests.draft(app)
                var version = 1
                for (label, value) in HostileInputTests.hostile {
                    let body = #"{"version":\#(version),"results":\#(Self.json(value)),"values":{"CT05":{"amount":1,"comment":\#(Self.json(value))}}}"#
                    let res = try await api.call(.PUT, "/api/v1/reports/\(id)", as: .unitReporter, json: body)
                    if value.count > ValueEntry.maximumCommentLength {
                        #expect(res.status == .badRequest, "\(label): \(res.status)")
                        continue
                    }
                    #expect(res.status == .ok, "\(label): \(res.status) \(res.body.string.prefix(200))")
                    version += 1
                    let stored = try await api.report(id)
                    #expect(stored.value("CT05")?.comment == value.trimmingCharacters(in: .whitespacesAndNewlines), "\(label)")
                }
                let last = #"{"version":\#(version),"values":{"CT05":{"amount":1,"comment":\#(Self.json(HostileInputTests.markup))}}}"#
                #expect(try await api.call(.PUT, "/api/v1/reports/\(id)", as: .unitReporter, json: last).status == .ok)
                let page = try await app.get("/reports/\(id)", as: .unitReporter).body.string
                #expect(!page.contains(HostileInputTests.markup) && page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                // a reason: within its limit stored, beyond refused
                let submitted = try await ReportFixtures.report("MAU-BVDK-A", .submitted, on: app.db)
                let long = try await api.call(.POST, "/api/v1/reports/\(submitted.requireID())/return", as: .coordinator,
                                              json: #"{"reason":\#(Self.json(HostileInputTests.long))}"#)
                #expect(long.status == .badRequest)
                let markup = try await api.call(.POST, "/api/v1/reports/\(submitted.requireID())/return", as: .coordinator,
                                                json: #"{"reason":\#(Self.json(HostileInputTests.markup))}"#)
                #expect(markup.status == .ok)
                let shown = try await app.get("/reports/\(submitted.requireID())", as: .unitReporter).body.string
                #expect(!shown.contains(HostileInputTests.markup) && shown.contains("&lt;script&gt;"))
            }
        }
    }
}
