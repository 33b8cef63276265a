import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Audit trail") struct AuditTests {
        @Test("the first start logs the plan, the organisations and the first administrator, and the chain verifies")
        func firstStart() async throws {
            try await withApp { app in
                let (count, broken) = try await Audit.verify(on: app.db)
                #expect(broken == nil)
                #expect(count > 37)
                let ct36 = try await AuditEntryRecord.query(on: app.db).filter(\.$entityID == "KH-BCD-SYT-NB-2025/CT36").filter(\.$field == "target.2030").first()
                #expect(ct36?.newValue == "100")
                #expect(ct36?.actor == "hệ thống")
                #expect(try await AuditEntryRecord.query(on: app.db).filter(\.$entity == "user").filter(\.$field == "role").first()?.newValue == "admin")
            }
        }

        @Test("a change through the API logs who changed which field from what to what, and never a password")
        func logsChanges() async throws {
            try await withApp { app in
                // setup
                let (user, _) = try await Accounts.create(.init(email: "bv@test.vn", name: "Cán bộ", role: .unitReporter, organisationCode: "MAU-BVDK-A"),
                                                          by: .system, app: app, on: app.db)
                var headers = try await app.session(.admin)
                headers.add(name: "X-CSRF-Token", value: try await csrfToken(of: headers, app: app))
                headers.contentType = .json
                // act
                let res = try await app.testing().sendRequest(.PATCH, "/api/v1/users/\(try user.requireID())", headers: headers,
                                                              body: ByteBuffer(string: #"{"role":"leadOffice","organisation":"BHYT"}"#))
                let reset = try await app.testing().sendRequest(.POST, "/api/v1/users/\(try user.requireID())/reset-password", headers: headers)
                // validate
                #expect(res.status == .ok && reset.status == .ok)
                let entries = try await AuditEntryRecord.query(on: app.db).filter(\.$entityID == "bv@test.vn").sort(\.$sequence).all()
                let role = try #require(entries.first { $0.field == "role" && $0.oldValue == "unitReporter" })
                #expect(role.newValue == "leadOffice")
                #expect(role.actor == "admin-syt@test.chitieu.local")
                #expect(entries.contains { $0.field == "organisation" && $0.oldValue == "MAU-BVDK-A" && $0.newValue == "BHYT" })
                let password = try #require(try reset.content.decode(UserDTO.self).password)
                let all = try await AuditEntryRecord.query(on: app.db).all()
                #expect(!all.contains { $0.newValue?.contains(password) == true || $0.oldValue?.contains(password) == true })
                #expect(try await Audit.verify(on: app.db).break == nil)
            }
        }

        @Test("a refused change logs nothing")
        func refusedChangeLogsNothing() async throws {
            try await withApp { app in
                let before = try await AuditEntryRecord.query(on: app.db).count()
                await #expect(throws: AppError.self) {
                    _ = try await Accounts.create(.init(email: "x@test.vn", name: "X", role: .leadOffice, organisationCode: "MAU-BVDK-A"), by: .system, app: app, on: app.db)
                }
                #expect(try await AuditEntryRecord.query(on: app.db).count() == before)
            }
        }

        @Test("a row edited or deleted by hand is found by verification")
        func tamperIsFound() async throws {
            try await withApp { app in
                // act: edit one row directly in the database, as someone with database access might
                let entry = try #require(try await AuditEntryRecord.query(on: app.db).filter(\.$sequence == 5).first())
                entry.newValue = "sửa tay"
                try await entry.save(on: app.db)
                #expect(try await Audit.verify(on: app.db).break == .altered(sequence: 5))
                // and a deleted row
                try await entry.delete(on: app.db)
                #expect(try await Audit.verify(on: app.db).break == .missing(sequence: 5))
            }
        }

        @Test("the log is readable by admin, leadership and coordinator, as a page and as JSON, filtered by object")
        func readable() async throws {
            try await withApp { app in
                let json = try await app.get("/api/v1/audit?entity=indicator&entityId=KH-BCD-SYT-NB-2025/CT04&limit=50", as: .coordinator)
                #expect(json.status == .ok)
                let entries = try json.content.decode([AuditEntryDTO].self)
                #expect(!entries.isEmpty && entries.allSatisfy { $0.entityId == "KH-BCD-SYT-NB-2025/CT04" })
                #expect(entries.contains { $0.field == "target.2040" && $0.newValue == "80-90" })
                let page = try await app.get("/audit?verify=1", as: .leadership)
                #expect(page.body.string.contains("Chuỗi băm khớp"))
                #expect(try await app.get("/audit", as: .unitReporter).status == .forbidden)
                #expect(try await app.get("/api/v1/audit", as: .leadOffice).status == .forbidden)
            }
        }
    }
}
