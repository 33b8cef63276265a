import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Report lists that filter, and the approval queue") struct ReportQueueTests {
        /// Three reports of one open cycle submitted at different times (B first, then SN, then A) and one draft.
        static func queue(_ app: Application) async throws -> (cycle: CycleRecord, ids: [String: UUID]) {
            let cycle = try await ReportFixtures.cycle(.open, on: app.db)
            var ids: [String: UUID] = [:]
            let submitted: [(String, ReportState, TimeInterval?)] = [("MAU-BVDK-A", .submitted, -100), ("MAU-BVDK-B", .submitted, -3000),
                                                                      ("MAU-BVSN", .submitted, -2000), ("MAU-BVP", .draft, nil)]
            for (code, state, ago) in submitted {
                let report = ReportRecord(cycleID: try cycle.requireID(), organisationCode: code)
                report.state = state.rawValue
                if let ago { report.submittedAt = Date().addingTimeInterval(ago); report.lastSubmittedAt = report.submittedAt }
                try await report.create(on: app.db)
                try await ReportFixtures.fill(report, on: app.db)
                ids[code] = try report.requireID()
            }
            return (cycle, ids)
        }

        /// The report ids in the order a page links them.
        static func linkedReports(_ html: String) -> [String] {
            html.matches(of: /href="\/reports\/([0-9A-F-]{36})/).map { String($0.output.1) }
        }

        @Test("empty parameters mean any: an empty Mã box and the '—' choices list every report, on the page and in the API")
        func emptyMeansAny() async throws {
            try await withApp { app in
                // setup
                let (_, ids) = try await Self.queue(app)
                // act
                let page = try await app.get("/reports?cycle=&state=&organisation=", as: .coordinator)
                let api = try await app.get("/api/v1/reports?cycle=&state=&organisation=", as: .coordinator)
                // validate
                #expect(page.status == .ok && api.status == .ok)
                #expect(Set(Self.linkedReports(page.body.string)) == Set(ids.values.map(\.uuidString)))
                #expect(try api.content.decode([ReportSummaryDTO].self).count == 4)
            }
        }

        @Test("filters combine; a wrong value is a 400 in Vietnamese naming the parameter", arguments: [
            ("state=sent", "state", "Tham số state=sent không hợp lệ"),
            ("cycle=abc", "cycle", "Giá trị của tham số cycle không hợp lệ: cần một mã UUID"),
            ("state=draft&state=submitted", "state", "Tham số state="),
        ])
        func wrongValues(query: String, parameter: String, message: String) async throws {
            try await withApp { app in
                // setup
                _ = try await Self.queue(app)
                // act
                let page = try await app.get("/reports?\(query)", as: .coordinator)
                let api = try await app.get("/api/v1/reports?\(query)", as: .coordinator)
                // validate
                #expect(page.status == .badRequest && page.body.string.contains(message))
                #expect(api.status == .badRequest && api.body.string.contains(message))
            }
        }

        @Test("state and organisation and cycle together narrow the list")
        func combined() async throws {
            try await withApp { app in
                // setup
                let (cycle, ids) = try await Self.queue(app)
                let other = try await ReportFixtures.report("MAU-BVDK-B", .submitted, on: app.db)
                // act
                let html = try await app.get("/reports?cycle=\(try cycle.requireID())&state=submitted&organisation=MAU-BVDK-B", as: .coordinator).body.string
                // validate
                #expect(Self.linkedReports(html) == [ids["MAU-BVDK-B"]!.uuidString])
                #expect(!html.contains(try other.requireID().uuidString))
            }
        }

        @Test("the queue of reports waiting for approval is oldest submission first, and its links carry the filters")
        func queueOrder() async throws {
            try await withApp { app in
                // setup
                let (cycle, ids) = try await Self.queue(app)
                // act
                let html = try await app.get("/reports?state=submitted&cycle=\(try cycle.requireID())", as: .coordinator).body.string
                // validate
                #expect(Self.linkedReports(html) == ["MAU-BVDK-B", "MAU-BVSN", "MAU-BVDK-A"].map { ids[$0]!.uuidString })
                #expect(html.contains("?cycle=\(try cycle.requireID())&amp;state=submitted"))
                #expect(html.contains(#"id="queue-link""#) && html.contains("Báo cáo chờ duyệt (3)"))
            }
        }

        @Test("approving lands on the next report waiting in the same list with a message; the last one on the emptied queue")
        func approveThenNext() async throws {
            try await withApp { app in
                // setup
                let (cycle, ids) = try await Self.queue(app)
                let queue = "cycle=\(try cycle.requireID().uuidString)&state=submitted"
                let first = try #require(ids["MAU-BVDK-B"])
                let opened = try await app.get("/reports/\(first)?\(queue)", as: .coordinator).body.string
                // act
                let approved = try await ReportPageTests.post(app, "/reports/\(first)/review",
                                                              [("action", "approve"), ("version", "1"), ("queue", queue)], as: .coordinator)
                let next = try #require(approved.headers.first(name: .location))
                let nextPage = try await app.get(next, as: .coordinator).body.string
                // validate
                #expect(opened.range(of: #"id="approve""#)!.lowerBound < opened.range(of: #"id="report-form""#)!.lowerBound,
                        "Duyệt / Trả lại are at the top of the report")
                #expect(opened.contains(#"name="queue" value="cycle="#))
                #expect(approved.status == .seeOther)
                #expect(next.hasPrefix("/reports/\(ids["MAU-BVSN"]!.uuidString)?\(queue)&done=approve&from=MAU"))
                #expect(nextPage.contains("Đã duyệt báo cáo của Bệnh viện Đa khoa tỉnh B (mẫu) · Báo cáo tiếp theo đang chờ"))
                #expect(try await ReportRecord.find(first, on: app.db)?.state == "approved")
                // the last two: returned, then approved
                let returned = try await ReportPageTests.post(app, "/reports/\(ids["MAU-BVSN"]!)/review",
                                                              [("action", "return"), ("reason", "Thiếu số liệu CT06"), ("queue", queue)], as: .coordinator)
                #expect(returned.headers.first(name: .location)?.hasPrefix("/reports/\(ids["MAU-BVDK-A"]!.uuidString)?") == true)
                let last = try await ReportPageTests.post(app, "/reports/\(ids["MAU-BVDK-A"]!)/review",
                                                          [("action", "approve"), ("queue", queue)], as: .coordinator)
                let end = try #require(last.headers.first(name: .location))
                #expect(end.hasPrefix("/reports?\(queue)&done=approve"))
                let endPage = try await app.get(end, as: .coordinator).body.string
                #expect(endPage.contains("Đã duyệt báo cáo của Bệnh viện Đa khoa tỉnh A (mẫu) · Không còn báo cáo nào đang chờ duyệt"))
                #expect(Self.linkedReports(endPage).isEmpty)
            }
        }

        @Test("a lead office's 'waiting for a comment' link opens the report with the comment box open at that value")
        func commentWhereTheValueIs() async throws {
            try await withApp { app in
                // setup
                let (_, ids) = try await Self.queue(app)
                let id = try #require(ids["MAU-BVDK-A"])
                // act
                let office = try await app.get("/dashboard/offices/BHYT?include=provisional", as: .leadOffice).body.string
                let page = try await app.get("/reports/\(id)?review=CT01", as: .leadOffice).body.string
                // validate
                #expect(office.contains("/reports/\(id.uuidString)?review=CT01"))
                #expect(page.contains(#"<details class="review-form" id="CT01-review" open>"#))
                #expect(page.contains(#"<label for="CT01-review-comment">"#) && page.contains(#"id="CT01-review-comment" form="review-CT01" name="comment" rows="2" maxlength="2000" autofocus>"#))
                #expect(page.contains(#"id="CT01-numerator""#) && page.range(of: "CT01-numerator")!.lowerBound < page.range(of: "CT01-review-comment")!.lowerBound,
                        "the comment box is next to the value")
            }
        }
    }
}
