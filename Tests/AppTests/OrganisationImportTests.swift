import Fluent
import Foundation
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("orgs import") struct OrganisationImportTests {
        static let good = """
        code,name,kind,medical,parent
        BVDKT,Bệnh viện Đa khoa tỉnh,provincialHospital,yes,SYT
        TTYT-X,"Trung tâm Y tế khu vực X, huyện Y",Trung tâm Y tế,có,SYT
        TRAM-1,Trạm y tế 1,otherUnit,no,TTYT-X
        """

        @Test("imports every row, then a second import changes nothing")
        func importsAll() async throws {
            try await withApp { app in
                let first = try await OrganisationImport.apply(Data(Self.good.utf8), by: .system, on: app.db)
                #expect(first == .init(created: 3, updated: 0, unchanged: 0, demoRemoved: 0))
                let second = try await OrganisationImport.apply(Data(Self.good.utf8), by: .system, on: app.db)
                #expect(second == .init(created: 0, updated: 0, unchanged: 3, demoRemoved: 0))
                let centre = try #require(try await OrganisationRecord.query(on: app.db).filter(\.$code == "TTYT-X").first())
                #expect(centre.name == "Trung tâm Y tế khu vực X, huyện Y")
                #expect(centre.kind == "districtHealthCentre")
                #expect(centre.isMedical)
                #expect(!centre.isDemo)
            }
        }

        @Test("removes demo units when asked, keeping real ones")
        func removesDemo() async throws {
            try await withApp { app in
                let summary = try await OrganisationImport.apply(Data(Self.good.utf8), removeDemo: true, by: .system, on: app.db)
                #expect(summary.demoRemoved > 0)
                #expect(try await OrganisationRecord.query(on: app.db).filter(\.$isDemo == true).count() == 0)
                #expect(try await OrganisationRecord.query(on: app.db).filter(\.$code == "BVDKT").count() == 1)
            }
        }

        @Test("refuses a bad file whole, naming line and column of every problem")
        func refusesBadFile() async throws {
            try await withApp { app in
                // setup
                let csv = """
                code,name,kind,medical,parent
                OK-1,Đơn vị tốt,otherUnit,no,SYT
                BAD-1,Bệnh viện,hospital,yes,SYT
                BAD 2,,otherUnit,maybe,SYT
                OK-1,Trùng mã,otherUnit,no,SYT
                """
                let before = try await OrganisationRecord.query(on: app.db).count()
                // act
                var problems: [OrganisationImport.Problem] = []
                do { _ = try await OrganisationImport.apply(Data(csv.utf8), by: .system, on: app.db) } catch let AppError.organisationFile(found) { problems = found }
                // validate
                #expect(problems.map { "\($0.line):\($0.column)" } == ["3:kind", "4:code", "4:name", "4:medical", "5:code"])
                #expect(AppError.organisationFile(problems).messages(.vietnamese).first == "Dòng 3, cột kind: loại \"hospital\" không hợp lệ; được phép: department, office, provincialHospital, specialisedHospital, districtHealthCentre, diseaseControl, otherUnit")
                #expect(try await OrganisationRecord.query(on: app.db).count() == before)
            }
        }

        @Test("refuses an unknown parent and a file without the needed columns, writing nothing")
        func refusesParentAndHeader() async throws {
            try await withApp { app in
                let before = try await OrganisationRecord.query(on: app.db).count()
                let orphan = "code,name,kind,medical,parent\nA-1,Đơn vị A,otherUnit,no,SYT\nB-1,Đơn vị B,otherUnit,no,KHONG-CO\n"
                await #expect { _ = try await OrganisationImport.apply(Data(orphan.utf8), by: .system, on: app.db) } throws: { error in
                    guard case AppError.organisationFile(let problems) = error else { return false }
                    return problems == [.init(line: 3, column: "parent", reason: .unknownParent("KHONG-CO"))]
                }
                let headerless = "ma,ten\nA,B\n"
                await #expect { _ = try await OrganisationImport.apply(Data(headerless.utf8), by: .system, on: app.db) } throws: { error in
                    guard case AppError.organisationFile(let problems) = error else { return false }
                    return problems.map(\.column) == ["code", "name", "kind", "medical", "parent"]
                }
                #expect(try await OrganisationRecord.query(on: app.db).count() == before)
            }
        }
    }
}
