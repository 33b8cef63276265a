import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("A lead office's view of a unit's report") struct LeadOfficeViewTests {
        static let narrative = "Thuyết minh riêng của đơn vị"

        /// A submitted report of a demo unit with every value and a narrative, and the indicators BHYT (the test lead office) leads.
        static func setup(_ app: Application, organisation: String = "MAU-BVDK-A", state: ReportState = .submitted) async throws -> (ReportRecord, led: Set<String>, all: Set<String>) {
            let report = try await ReportFixtures.report(organisation, state, filled: true, on: app.db)
            report.results = Self.narrative
            report.difficulties = "Khó khăn riêng"
            report.proposals = "Kiến nghị riêng"
            try await report.save(on: app.db)
            let values = try await ReportValueRecord.query(on: app.db).filter(\.$report.$id == report.requireID()).all().map(\.indicatorCode)
            let (_, indicators) = try await IndicatorQueries.list(.init(), on: app.db)
            let led = Set(indicators.filter { $0.leadOffices.contains("BHYT") }.map(\.code)).intersection(values)
            #expect(!led.isEmpty && led.count < values.count, "the fixture must hold BHYT's indicators and others")
            return (report, led, Set(values))
        }

        @Test("API: only the values of the indicators it leads, no narrative; the coordinator reads everything")
        func api() async throws {
            try await withApp { app in
                let (report, led, all) = try await Self.setup(app)
                let id = try report.requireID()
                let api = ReportAPI(app: app)
                let lead = try await api.call(.GET, "/api/v1/reports/\(id)", as: .leadOffice)
                #expect(lead.status == .ok)
                let wire = try lead.content.decode(WireReport.self)
                #expect(Set(wire.values.map(\.indicator)) == led)
                #expect(!lead.body.string.contains(Self.narrative) && !lead.body.string.contains("Khó khăn riêng") && !lead.body.string.contains("Kiến nghị riêng"))
                let coordinator = try await api.call(.GET, "/api/v1/reports/\(id)", as: .coordinator)
                #expect(Set(try coordinator.content.decode(WireReport.self).values.map(\.indicator)) == all)
                #expect(coordinator.body.string.contains(Self.narrative))
                // another indicator's history is refused; its own is there
                let other = try #require(all.subtracting(led).sorted().first)
                #expect(try await api.call(.GET, "/api/v1/reports/\(id)/values/\(other)/history", as: .leadOffice).status == .forbidden)
                #expect(try await api.call(.GET, "/api/v1/reports/\(id)/values/\(try #require(led.sorted().first))/history", as: .leadOffice).status == .ok)
                // the DHIS2 export carries only its indicators of another organisation
                let cycle = try await report.$cycle.get(on: app.db)
                let export = try await api.call(.GET, "/api/v1/dataValueSets?period=\(cycle.periodCode)&orgUnit=MAU-BVDK-A", as: .leadOffice)
                #expect(export.status == .ok)
                let set = try export.content.decode(DataValueSet.self)
                let exported = Set(set.dataValues.map { String($0.dataElement.split(separator: ".").first ?? "") })
                #expect(!exported.isEmpty && exported.isSubset(of: led), "\(exported.subtracting(led))")
                let full = try await api.call(.GET, "/api/v1/dataValueSets?period=\(cycle.periodCode)&orgUnit=MAU-BVDK-A", as: .coordinator)
                #expect(Set(try full.content.decode(DataValueSet.self).dataValues.map { String($0.dataElement.split(separator: ".").first ?? "") }) == all)
            }
        }

        @Test("pages: the report shows only its indicators and no narrative; another indicator's value page is refused")
        func pages() async throws {
            try await withApp { app in
                let (report, led, all) = try await Self.setup(app)
                let id = try report.requireID()
                let page = try await app.get("/reports/\(id)", as: .leadOffice)
                #expect(page.status == .ok)
                let html = page.body.string
                for code in led { #expect(html.contains("id=\"\(code)\""), "\(code) missing") }
                for code in all.subtracting(led) { #expect(!html.contains("id=\"\(code)\""), "\(code) shown to the lead office") }
                #expect(!html.contains(Self.narrative) && !html.contains("name=\"results\""))
                let other = try #require(all.subtracting(led).sorted().first)
                #expect(try await app.get("/reports/\(id)/values/\(other)", as: .leadOffice).status == .forbidden)
                let coordinator = try await app.get("/reports/\(id)", as: .coordinator).body.string
                #expect(coordinator.contains(Self.narrative) && all.allSatisfy { coordinator.contains("id=\"\($0)\"") })
            }
        }

        @Test("evaluation of one unit: a lead office gets only its indicators (and no other indicator's series); the sector whole")
        func evaluation() async throws {
            try await withApp { app in
                let (report, led, _) = try await Self.setup(app, state: .approved)
                let period = try await report.$cycle.get(on: app.db).periodCode
                let api = ReportAPI(app: app)
                let (_, indicators) = try await IndicatorQueries.list(.init(), on: app.db)
                let unit = try await api.call(.GET, "/api/v1/evaluation?period=\(period)&org=MAU-BVDK-A", as: .leadOffice)
                #expect(unit.status == .ok)
                let codes = Set(try unit.content.decode([EvaluationAPITests.WireEvaluation].self).map(\.code))
                #expect(codes == Set(indicators.filter { $0.leadOffices.contains("BHYT") }.map(\.code)))
                #expect(led.isSubset(of: codes))
                let sector = try await api.call(.GET, "/api/v1/evaluation?period=\(period)", as: .leadOffice).content.decode([EvaluationAPITests.WireEvaluation].self)
                #expect(sector.count == indicators.count)
                let coordinator = try await api.call(.GET, "/api/v1/evaluation?period=\(period)&org=MAU-BVDK-A", as: .coordinator)
                #expect(try coordinator.content.decode([EvaluationAPITests.WireEvaluation].self).count == indicators.count)
                let other = try #require(indicators.first { !$0.leadOffices.contains("BHYT") }?.code)
                #expect(try await api.call(.GET, "/api/v1/indicators/\(other)/series?org=MAU-BVDK-A", as: .leadOffice).status == .forbidden)
                #expect(try await api.call(.GET, "/api/v1/indicators/\(other)/series", as: .leadOffice).status == .ok)
            }
        }

        @Test("its own office's report it reads whole")
        func ownReport() async throws {
            try await withApp { app in
                let report = try await ReportFixtures.report("BHYT", .submitted, filled: true, on: app.db)
                report.results = Self.narrative
                try await report.save(on: app.db)
                let res = try await ReportAPI(app: app).call(.GET, "/api/v1/reports/\(try report.requireID())", as: .leadOffice)
                #expect(res.status == .ok && res.body.string.contains(Self.narrative))
            }
        }

        @Test("a lead office returns a submitted report but not one the coordinator approved; the coordinator may")
        func approvedStaysApproved() async throws {
            try await withApp { app in
                let api = ReportAPI(app: app)
                let (approved, _, _) = try await Self.setup(app, state: .approved)
                let id = try approved.requireID()
                let refused = try await api.call(.POST, "/api/v1/reports/\(id)/return", as: .leadOffice, json: #"{"reason":"Xem lại"}"#)
                #expect(refused.status == .forbidden, "\(refused.body.string)")
                #expect(try await ReportRecord.find(id, on: app.db)?.state == ReportState.approved.rawValue)
                let page = try await app.get("/reports/\(id)", as: .leadOffice).body.string
                #expect(!page.contains("value=\"return\""))
                var headers = try await app.session(.leadOffice)
                headers.contentType = .urlEncodedForm
                let form = try await app.testing().sendRequest(.POST, "/reports/\(id)/review", headers: headers,
                    body: ByteBuffer(string: "csrf=\(try await csrfToken(of: headers, app: app))&action=return&reason=Xem+l%E1%BA%A1i"))
                #expect(form.status == .forbidden)
                #expect(try await ReportRecord.find(id, on: app.db)?.state == ReportState.approved.rawValue)
                #expect(try await api.call(.POST, "/api/v1/reports/\(id)/return", as: .coordinator, json: #"{"reason":"Xem lại"}"#).status == .ok)
            }
        }
    }
}
