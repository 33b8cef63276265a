import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Home worklists per role") struct HomeTests {
        static func worklist(_ app: Application, as role: Role) async throws -> HomeWork {
            let response = try await app.get("/api/v1/worklist", as: role)
            #expect(response.status == .ok, "\(role): \(response.body.string.prefix(300))")
            return try response.content.decode(HomeWork.self)
        }

        @Test("the unit's reporter sees its open report: days left, what is missing, returned with the reason and comments")
        func unitReporter() async throws {
            try await withApp { app in
                // setup: a returned report with one comment on a value; the due day 5 days ahead
                let today = Day(Date())
                let cycle = try await ReportFixtures.cycle(.open, due: today.adding(days: 5), on: app.db)
                let report = ReportRecord(cycleID: try cycle.requireID(), organisationCode: "MAU-BVDK-A")
                report.state = ReportState.returned.rawValue
                report.returnReason = "Xem lại CT01."
                report.returnedBy = "Cán bộ điều phối"
                try await report.create(on: app.db)
                try await ReportFixtures.fill(report, on: app.db)
                let value = try #require(try await ReportValueRecord.query(on: app.db).filter(\.$report.$id == report.requireID())
                    .filter(\.$indicatorCode == "CT01").first())
                value.reviewComment = "Thiếu minh chứng."
                try await value.save(on: app.db)
                let second = try #require(try await ReportValueRecord.query(on: app.db).filter(\.$report.$id == report.requireID())
                    .filter(\.$indicatorCode != "CT01").first())
                try await second.delete(on: app.db)
                // act
                let work = try await Self.worklist(app, as: .unitReporter)
                let page = try await app.get("/", as: .unitReporter)
                // validate
                let item = try #require(work.reports.first)
                #expect(work.reports.count == 1 && item.step == "fix" && item.standing == "còn 5 ngày" && !item.overdue)
                #expect(item.returnReason == "Xem lại CT01." && item.comments.map(\.indicator) == ["CT01"])
                #expect(item.missingCount == 1 && item.missing.first?.hasPrefix(second.indicatorCode) == true)
                #expect(work.review == nil && work.office == nil && work.leadership == nil && work.setup == nil)
                #expect(page.status == .ok && page.body.string.contains("Sửa báo cáo") && page.body.string.contains("còn 5 ngày"))
                #expect(page.body.string.contains("Thiếu minh chứng."))
            }
        }

        @Test("the unit head is asked to sign what waits for it; a late report says how late")
        func unitHead() async throws {
            try await withApp { app in
                // setup
                let cycle = try await ReportFixtures.cycle(.open, due: Day(Date()).adding(days: -2), on: app.db)
                let report = ReportRecord(cycleID: try cycle.requireID(), organisationCode: "MAU-BVDK-A")
                report.state = ReportState.awaitingHead.rawValue
                try await report.create(on: app.db)
                try await ReportFixtures.fill(report, on: app.db)
                // act
                let head = try await Self.worklist(app, as: .unitHead)
                let reporter = try await Self.worklist(app, as: .unitReporter)
                // validate
                #expect(head.reports.first?.step == "sign" && head.reports.first?.action == "Xem và ký báo cáo")
                #expect(head.reports.first?.standing == "quá hạn 3 ngày" && head.reports.first?.overdue == true)
                #expect(reporter.reports.first?.step == "awaitHead" && reporter.reports.first?.action == nil)
            }
        }

        @Test("the coordinator: the queue oldest first with a start link, units not in by kind, offices yet to assess")
        func coordinator() async throws {
            try await withApp { app in
                // setup
                let (cycle, ids) = try await ReportQueueTests.queue(app)
                let started = ReportRecord(cycleID: try cycle.requireID(), organisationCode: "MAU-TTYT-A")
                started.version = 3
                try await started.create(on: app.db)
                // act
                let work = try await Self.worklist(app, as: .coordinator)
                let page = try await app.get("/", as: .coordinator)
                // validate
                let review = try #require(work.review)
                #expect(review.waiting.map(\.link).map { $0.contains(ids["MAU-BVDK-B"]!.uuidString) } == [true, false, false])
                #expect(review.start == review.waiting.first?.link && review.start?.contains("state=submitted") == true)
                let counts = Dictionary(uniqueKeysWithValues: review.chaseCounts.map { ($0.key, $0.count) })
                #expect(counts["notStarted"] == 1 && counts["inProgress"] == 1 && counts["returned"] == 0)
                #expect(!review.assessmentsMissing.isEmpty && review.assessmentsMissing.allSatisfy { !$0.indicators.isEmpty })
                #expect(review.followUp == "/cycles/\(try cycle.requireID().uuidString)/follow-up")
                #expect(page.body.string.contains("id=\"start-review\"") && page.body.string.contains("Chưa bắt đầu"))
            }
        }

        @Test("the lead office: values of its indicators waiting for its comment, opening the comment box; its indicators to assess")
        func leadOffice() async throws {
            try await withApp { app in
                // setup
                let (_, ids) = try await ReportQueueTests.queue(app)
                let (_, indicators) = try await IndicatorQueries.list(.init(), on: app.db)
                let led = Set(indicators.filter { $0.leadOffices.contains("BHYT") }.map(\.code))
                let commented = try #require(try await ReportValueRecord.query(on: app.db).filter(\.$report.$id == ids["MAU-BVDK-B"]!)
                    .filter(\.$indicatorCode ~~ Array(led)).first())
                commented.reviewComment = "Đã xem."
                try await commented.save(on: app.db)
                // act
                let work = try await Self.worklist(app, as: .leadOffice)
                // validate
                let office = try #require(work.office)
                #expect(!office.pending.isEmpty && office.pending.allSatisfy { led.contains($0.indicator) })
                #expect(office.pending.allSatisfy { $0.link.contains("?review=\($0.indicator)#\($0.indicator)-review") })
                #expect(!office.pending.contains { $0.link.contains(ids["MAU-BVDK-B"]!.uuidString) && $0.indicator == commented.indicatorCode })
                #expect(!office.pending.contains { $0.link.contains(ids["MAU-BVP"]!.uuidString) }, "drafts wait for nobody")
                #expect(Set(office.toAssess.map(\.indicator)) == led)
            }
        }

        @Test("leadership: the plan at a glance, the report waiting for sign-off, open directives")
        func leadership() async throws {
            try await withApp { app in
                // act
                let work = try await Self.worklist(app, as: .leadership)
                let page = try await app.get("/", as: .leadership)
                // validate
                let glance = try #require(work.leadership)
                #expect(glance.counts.reduce(0) { $0 + $1.count } == 37 && glance.signoffState == "draft" && !glance.signoffWaiting)
                #expect(page.status == .ok && page.body.string.contains("id=\"glance\""))
            }
        }

        @Test("the administrator's first-run checklist follows the data: demo units and demo accounts do not count")
        func administrator() async throws {
            try await withApp { app in
                // setup
                let before = try #require(try await Self.worklist(app, as: .admin).setup)
                _ = try await app.session(.coordinator)
                let unit = OrganisationRecord()
                unit.code = "BV-THAT"; unit.name = "Bệnh viện thật"; unit.kind = OrganisationKind.provincialHospital.rawValue
                unit.isMedical = true; unit.isDemo = false; unit.isActive = true; unit.spellings = []
                try await unit.create(on: app.db)
                _ = try await ReportFixtures.cycle(.open, on: app.db)
                // act
                let after = try #require(try await Self.worklist(app, as: .admin).setup)
                // validate
                #expect(before.map(\.done) == [true, false, false, false])
                #expect(after.map(\.done) == [true, true, true, true])
                #expect(after.map(\.link) == ["/indicators", "/admin/organisations", "/admin/users", "/cycles"])
            }
        }

        @Test("signed out, the home page asks to sign in; the API answers 401")
        func signedOut() async throws {
            try await withApp { app in
                let page = try await app.get("/", as: nil)
                let api = try await app.get("/api/v1/worklist", as: nil)
                #expect(page.status == .seeOther && page.headers.first(name: .location)?.hasPrefix("/login") == true)
                #expect(api.status == .unauthorized)
            }
        }
    }
}
