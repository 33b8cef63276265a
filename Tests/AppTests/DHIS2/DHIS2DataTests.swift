import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("DHIS2 Web API: data values") struct DHIS2DataTests {
        /// A fresh open cycle with empty drafts of units A and B, and a reporter of A.
        static func world(_ app: Application) async throws -> (period: String, caller: DHIS2Caller, auth: HTTPHeaders) {
            let (period, _, _) = try await DataValueSetTests.world(app)
            let caller = DHIS2Caller(app: app)
            return (period, caller, DHIS2Caller.basic(try await caller.user(.unitReporter).email))
        }

        @Test("a unit posts a dataValueSet with DHIS2 ids and combos: its own values land (atomicMode NONE), another unit's are a 409 WARNING")
        func postAndReadBack() async throws {
            try await withApp { app in
                // setup
                let (period, caller, auth) = try await Self.world(app)
                let body = #"{"dataSet":"KH-BCD-SYT-NB-2025","period":"\#(period)","orgUnit":"MAU-BVDK-A","attributeOptionCombo":"HllvX50cXC0","dataValues":[{"dataElement":"CT01","categoryOptionCombo":"NUM","value":"40"},{"dataElement":"CT01","categoryOptionCombo":"DEN","value":"50"},{"dataElement":"CT05","categoryOptionCombo":"HllvX50cXC0","value":"2","comment":"từ DHIS2"},{"dataElement":"CT05","orgUnit":"MAU-BVDK-B","value":"7"}]}"#
                // act
                let posted = try await caller.send(.POST, "/api/33/dataValueSets", auth, body: body)
                let read = try await caller.json("/api/dataValueSets.json?dataSet=KH-BCD-SYT-NB-2025&period=\(period)&orgUnit=MAU-BVDK-A", auth)
                let csv = try await caller.send(.GET, "/api/dataValueSets.csv?dataSet=KH-BCD-SYT-NB-2025&period=\(period)&orgUnit=MAU-BVDK-A", auth)
                let other = try await caller.send(.GET, "/api/dataValueSets?dataSet=KH-BCD-SYT-NB-2025&period=\(period)&orgUnit=MAU-BVDK-B", auth)
                let noDataSet = try await caller.send(.GET, "/api/dataValueSets?period=\(period)&orgUnit=MAU-BVDK-A", auth)
                // validate
                let message = try JSONDecoder().decode(JSON.self, from: Data(buffer: posted.body))
                #expect(posted.status == .conflict && message["status"]?.string == "WARNING" && message["httpStatusCode"]?.number == 409, "\(posted.body.string)")
                #expect(message["response"]?["responseType"]?.string == "ImportSummary" && message["response"]?["importCount"]?["imported"]?.number == 3)
                #expect(message["response"]?["conflicts"]?.array.count == 1)
                let values = Set(read["dataValues"]?.array.map { "\($0["dataElement"]?.string ?? "")/\($0["categoryOptionCombo"]?.string ?? "")=\($0["value"]?.string ?? "")" } ?? [])
                #expect(values == ["CT01/NUM=40", "CT01/DEN=50", "CT05/default=2"])
                #expect(csv.status == .ok && csv.body.string.contains("CT01,\(period),MAU-BVDK-A,NUM,default,40"))
                #expect(other.status == .forbidden)
                #expect(noDataSet.status == .conflict && noDataSet.body.string.contains("E2001"))
                let stored = try await ReportValueRecord.query(on: app.db).filter(\.$indicatorCode == "CT05").all().map(\.amount)
                #expect(stored == [2], "B's value was not written")
            }
        }

        @Test("dataValues: set (201), read as [\"…\"], delete (204), then 404; another unit's value is refused; a ratio's part alone is refused")
        func oneValue() async throws {
            try await withApp { app in
                // setup
                let (period, caller, auth) = try await Self.world(app)
                let address = "/api/dataValues?de=CT05&pe=\(period)&ou=MAU-BVDK-A"
                // act
                let set = try await caller.send(.POST, address + "&value=12&comment=qua%20DHIS2", auth)
                let read = try await caller.send(.GET, address, auth)
                let deleted = try await caller.send(.DELETE, address, auth)
                let again = try await caller.send(.GET, address, auth)
                let foreign = try await caller.send(.POST, "/api/dataValues?de=CT05&pe=\(period)&ou=MAU-BVDK-B&value=3", auth)
                let half = try await caller.send(.POST, "/api/dataValues?de=CT01&co=NUM&pe=\(period)&ou=MAU-BVDK-A&value=3", auth)
                // validate
                #expect(set.status == .created, "\(set.body.string)")
                #expect(read.status == .ok && read.body.string == #"["12"]"#)
                #expect(deleted.status == .noContent && again.status == .notFound)
                #expect(foreign.status == .conflict)
                #expect(half.status == .conflict && half.body.string.contains("CT01"), "the report's rules want both parts of a ratio")
                #expect(try await ReportValueRecord.query(on: app.db).filter(\.$indicatorCode == "CT05").all().compactMap(\.amount).isEmpty, "deleted, and B's never written")
            }
        }

        @Test("completeDataSetRegistrations: registering submits the unit's full report; it is listed; the coordinator's DELETE returns it")
        func completeness() async throws {
            try await withApp { app in
                // setup
                let caller = DHIS2Caller(app: app)
                let report = try await ReportFixtures.report("MAU-BVDK-A", filled: true, on: app.db)
                let period = try await report.$cycle.get(on: app.db).periodCode
                let unit = DHIS2Caller.basic(try await caller.user(.unitReporter).email)
                let coordinator = DHIS2Caller.basic(try await caller.user(.coordinator).email)
                let body = #"{"completeDataSetRegistrations":[{"dataSet":"KH-BCD-SYT-NB-2025","period":"\#(period)","organisationUnit":"MAU-BVDK-A"}]}"#
                // act
                let registered = try await caller.send(.POST, "/api/completeDataSetRegistrations", unit, body: body)
                let listed = try await caller.json("/api/completeDataSetRegistrations?dataSet=KH-BCD-SYT-NB-2025&period=\(period)&orgUnit=SYT&children=true", coordinator)
                let unitCannot = try await caller.send(.DELETE, "/api/completeDataSetRegistrations?ds=KH-BCD-SYT-NB-2025&pe=\(period)&ou=MAU-BVDK-A", unit)
                let returned = try await caller.send(.DELETE, "/api/completeDataSetRegistrations?ds=KH-BCD-SYT-NB-2025&pe=\(period)&ou=MAU-BVDK-A", coordinator)
                // validate
                #expect(registered.status == .ok, "\(registered.body.string)")
                #expect(listed["completeDataSetRegistrations"]?.array.map { $0["organisationUnit"]?.string } == ["MAU-BVDK-A"])
                #expect(unitCannot.status == .forbidden)
                #expect(returned.status == .noContent, "\(returned.body.string)")
                #expect(try await ReportRecord.find(report.requireID(), on: app.db)?.reportState == .returned)
            }
        }
    }
}
