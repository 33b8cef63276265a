import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Task import") struct TaskImportTests {
        static let good = """
        code,content,lead,coordinating,start,end,output
        NV01,Triển khai bệnh án điện tử,MAU-BVDK-A,QLKCB;VP,01/11/2025,31/12/2026,Bệnh án điện tử vận hành
        NV02,"Kết nối dữ liệu, liên thông BHYT",BHYT,,2026-01-01,2026-06-30,
        NV03,Đào tạo kỹ năng số,VP,"MAU-BVDK-A; MAU-TTYT-A",1/1/2026,31/10/2027,80% cán bộ được đào tạo
        """

        @Test("a good file lands whole: both day forms, coordinating codes split by ;, quoted commas, each task logged")
        func lands() async throws {
            try await withApp { app in
                let summary = try await TaskImport.apply(Data(Self.good.utf8), plan: nil, by: .commandLine, on: app.db)
                #expect(summary == .init(created: 3, demoRemoved: 0))
                let tasks = try await TaskRecord.query(on: app.db).sort(\.$code).all()
                #expect(tasks.map(\.content) == ["Triển khai bệnh án điện tử", "Kết nối dữ liệu, liên thông BHYT", "Đào tạo kỹ năng số"])
                #expect(tasks.map(\.coordinatingCodes) == [["QLKCB", "VP"], [], ["MAU-BVDK-A", "MAU-TTYT-A"]])
                #expect(tasks.map(\.startsOn) == ["2025-11-01", "2026-01-01", "2026-01-01"] && tasks.allSatisfy { !$0.isDemo })
                let logged = Set(try await TaskFixture.auditEntries(app, entity: "task").filter { $0.field == "code" }.map(\.newValue))
                #expect(logged == ["NV01", "NV02", "NV03"])
            }
        }

        @Test("one bad row changes nothing, and every problem is named by line and column")
        func oneBadRow() async throws {
            try await withApp { app in
                // setup
                let csv = Self.good + "\nNV04,Hội chẩn từ xa,KHONG-CO,QLKCB;XYZ,30/02/2026,2026-01-01,\nNV01,Trùng mã,VP,,01/01/2026,01/01/2025,\n"
                let audit = try await AuditEntryRecord.query(on: app.db).count()
                // act
                var problems: [TaskFileProblem] = []
                do { _ = try await TaskImport.apply(Data(csv.utf8), plan: nil, by: .commandLine, on: app.db) } catch let TaskError.file(found) { problems = found }
                let api = try await TaskFixture.send(app, .POST, "/api/v1/tasks/import", as: .coordinator, body: csv, contentType: HTTPMediaType(type: "text", subType: "csv"))
                // validate
                #expect(problems.map { "\($0.line):\($0.column)" } == ["5:lead", "5:coordinating", "5:start", "6:code", "6:end"])
                #expect(TaskError.file(problems).messages(.vietnamese) == [
                    "Dòng 5, cột lead: không có cơ quan, đơn vị mã KHONG-CO", "Dòng 5, cột coordinating: không có cơ quan, đơn vị mã XYZ",
                    "Dòng 5, cột start: \"30/02/2026\" không phải ngày dạng dd/mm/yyyy hoặc yyyy-mm-dd", "Dòng 6, cột code: mã NV01 đã có ở dòng 2",
                    "Dòng 6, cột end: ngày kết thúc 01/01/2025 trước ngày bắt đầu 01/01/2026",
                ])
                #expect(api.status == .badRequest)
                #expect(try api.content.decode(WireError.self).reason.hasPrefix("Dòng 5, cột lead:"))
                #expect(try await TaskRecord.query(on: app.db).count() == 0)
                #expect(try await AuditEntryRecord.query(on: app.db).count() == audit)
            }
        }

        @Test("refused whole: a code the plan has, a missing column, no rows, not CSV", arguments: [
            ("code,content,lead,coordinating,start,end,output\nNV09,Mới,VP,,01/01/2026,01/02/2026,\nEXISTING,Cũ,VP,,01/01/2026,01/02/2026,\n", "Dòng 3, cột code: mã EXISTING đã có trong kế hoạch"),
            ("code,content,lead,start,end\nNV09,Mới,VP,01/01/2026,01/02/2026\n", "Dòng 1, cột coordinating: thiếu cột (cần: code,content,lead,coordinating,start,end,output)"),
            ("code,content,lead,coordinating,start,end,output\n", "Tệp: không có dòng dữ liệu nào"),
            ("", "Tệp: không có dòng dữ liệu nào"),
        ])
        func refusedWhole(csv: String, reason: String) async throws {
            try await withApp { app in
                _ = try await TaskFixture.task(app, code: "EXISTING")
                let res = try await TaskFixture.send(app, .POST, "/api/v1/tasks/import", as: .admin, body: csv, contentType: HTTPMediaType(type: "text", subType: "csv"))
                #expect(res.status == .badRequest)
                #expect(try res.content.decode(WireError.self).reason.hasPrefix(reason), "\(res.body.string)")
                #expect(try await TaskRecord.query(on: app.db).count() == 1)
            }
        }

        @Test("the API takes text/csv only; the page takes a multipart upload and shows problems on the list page")
        func channels() async throws {
            try await withApp { app in
                let json = try await TaskFixture.send(app, .POST, "/api/v1/tasks/import", as: .admin, json: #"{"csv":"x"}"#)
                #expect(json.status == .unsupportedMediaType)
                let api = try await TaskFixture.send(app, .POST, "/api/v1/tasks/import", as: .admin, body: Self.good, contentType: HTTPMediaType(type: "text", subType: "csv"))
                #expect(api.status == .created && api.body.string.contains(#""created":3"#))
                let upload = TaskFixture.multipart(Self.good.replacingOccurrences(of: "NV0", with: "P-NV0"))
                let page = try await TaskFixture.send(app, .POST, "/tasks/import", as: .coordinator, body: upload.body, contentType: upload.type)
                #expect(page.status == .seeOther)
                let again = try await TaskFixture.send(app, .POST, "/tasks/import", as: .coordinator, body: upload.body, contentType: upload.type)
                #expect(again.status == .badRequest && again.body.string.contains("Dòng 2, cột code: mã P-NV01 đã có trong kế hoạch"))
                #expect(try await TaskRecord.query(on: app.db).count() == 6)
                let reporter = try await TaskFixture.send(app, .POST, "/api/v1/tasks/import", as: .unitReporter, body: Self.good, contentType: HTTPMediaType(type: "text", subType: "csv"))
                #expect(reporter.status == .forbidden)
            }
        }

        @Test("chitieu demo loads the demo tasks once, marked; tasks import --remove-demo replaces them with the real list, updates and funding included")
        func commandLine() async throws {
            try await withApp { app in
                // setup: the demo tasks, one of them with an update and funding
                #expect(try await DemoTasks.load(app) == 7)
                #expect(try await DemoTasks.load(app) == 0)
                let demo = try await TaskRecord.query(on: app.db).all()
                #expect(demo.allSatisfy { $0.isDemo && $0.code.hasPrefix("MAU-") && $0.content.contains("(mẫu)") })
                let first = try #require(demo.first { $0.code == "MAU-NV01" })
                _ = try await TaskFixture.cycle(app)
                #expect(try await TaskFixture.send(app, .POST, "/api/v1/tasks/\(try first.requireID())/updates", as: .unitReporter, json: #"{"status":"inProgress","progress":10}"#).status == .created)
                #expect(try await TaskFixture.send(app, .PUT, "/api/v1/funding", as: .unitReporter, json: #"{"task":"\#(try first.requireID())","lines":[{"source":"stateBudget","planned":5,"spent":1}]}"#).status == .ok)
                let listed = try await TaskFixture.run(app, ["tasks", "list"])
                #expect(listed.count == 7 && listed[0].hasPrefix("MAU-NV01\tMAU-BVDK-A\t01/11/2025–31/12/2026\tinProgress\t10%") && listed[0].hasSuffix("MẪU"))
                // a bad file: refused with its problems, the demo tasks untouched
                let bad = try temporaryFile("code,content,lead,coordinating,start,end,output\nNV01,X,KHONG-CO,,01/01/2026,01/02/2026,\n", suffix: ".csv")
                await #expect(throws: TaskError.self) { _ = try await TaskFixture.run(app, ["tasks", "import", bad, "--remove-demo"]) }
                #expect(try await TaskRecord.query(on: app.db).count() == 7)
                // act
                let real = try temporaryFile(Self.good, suffix: ".csv")
                let output = try await TaskFixture.run(app, ["tasks", "import", real, "--remove-demo"])
                // validate
                #expect(output == ["Đã nạp \(real): 3 nhiệm vụ thêm mới, 7 nhiệm vụ mẫu đã xoá."])
                #expect(try await TaskRecord.query(on: app.db).sort(\.$code).all().map(\.code) == ["NV01", "NV02", "NV03"])
                #expect(try await TaskUpdateRecord.query(on: app.db).count() == 0)
                #expect(try await FundingLineRecord.query(on: app.db).count() == 0)
                let removed = try await TaskFixture.auditEntries(app, entity: "funding").filter { $0.newValue == nil }
                #expect(removed.map(\.entityID) == ["2026NovS2/MAU-BVDK-A/MAU-NV01/stateBudget", "2026NovS2/MAU-BVDK-A/MAU-NV01/stateBudget"])
                #expect(try await TaskFixture.auditEntries(app, entity: "task").contains { $0.entityID.hasSuffix("/MAU-NV07") && $0.field == "code" && $0.newValue == nil && $0.actor == "dòng lệnh" })
                #expect(try await DemoTasks.load(app) == 0)
            }
        }
    }
}
