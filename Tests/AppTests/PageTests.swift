import Foundation
import Testing
import VaporTesting
@testable import App

extension AppTests {
    @Suite("Pages") struct PageTests {
        @Test("the register shows groups I–IV and all 37 indicators with targets as written, in Vietnamese")
        func register() async throws {
            try await withApp { app in
                let res = try await app.get("/indicators")
                #expect(res.status == .ok)
                let html = res.body.string
                #expect(html.contains("<html lang=\"vi\">"))
                #expect(html.contains("Danh mục chỉ tiêu"))
                #expect(html.components(separatedBy: "<h2><span class=\"group-code\">").count - 1 == 4)
                #expect(html.components(separatedBy: "href=\"/indicators/CT").count - 1 == 37)
                #expect(html.contains("80-90"))
                #expect(html.contains("Ứng dụng mạnh mẽ một số CN"))
                #expect(html.contains("Phòng Quản lý Khám chữa bệnh và Phòng Quản lý Dược"))
                #expect(!html.contains("<script"))
            }
        }

        @Test("an indicator page shows milestones, the 2025–2045 trajectory and the transcription note")
        func indicatorPage() async throws {
            try await withApp { app in
                let html = try await app.get("/indicators/CT05").body.string
                #expect(html.contains("Số đề tài, dự án khoa học và công nghệ cấp tỉnh được nghiệm thu mỗi năm"))
                for year in 2025...2045 { #expect(html.contains("<td>\(year)</td>")) }
                #expect(html.contains("≥ 1,4"))     // 2027, decimal comma
                #expect(html.contains("<svg class=\"chart\""))
                let ct36 = try await app.get("/indicators/CT36").body.string
                #expect(ct36.contains("(ô trống)"))
                #expect(ct36.contains("Cần Sở Y tế xác nhận"))
            }
        }

        @Test("English is one click away and the choice is remembered")
        func english() async throws {
            try await withApp { app in
                let res = try await app.get("/indicators/CT05?lang=en")
                #expect(res.body.string.contains("Milestone targets"))
                #expect(res.body.string.contains("≥ 1.4"))
                let cookie = try #require(res.headers.setCookie?["lang"])
                #expect(cookie.string == "en")
                #expect(cookie.isHTTPOnly)
                let next = try await app.get("/organisations", headers: ["Cookie": "lang=en"])
                #expect(next.body.string.contains("Organisations"))
                // A browser set to English still gets Vietnamese until the user chooses.
                let browser = try await app.get("/indicators", headers: ["Accept-Language": "en-US,en;q=0.9"])
                #expect(browser.body.string.contains("Danh mục chỉ tiêu"))
            }
        }

        @Test("the organisations page marks demo units")
        func organisations() async throws {
            try await withApp { app in
                let html = try await app.get("/organisations").body.string
                #expect(html.contains("dữ liệu mẫu"))
                #expect(html.contains("<span class=\"badge\">MẪU</span>"))
                #expect(html.contains("Phòng Tài chính"))
            }
        }

        @Test("an unknown page or indicator answers 404 with a page in Vietnamese", arguments: ["/khong-co", "/indicators/CT99"])
        func notFound(path: String) async throws {
            try await withApp { app in
                let res = try await app.get(path, headers: ["Accept": "text/html"])
                #expect(res.status == .notFound)
                #expect(res.headers.contentType?.subType == "html")
                #expect(res.body.string.contains("Có lỗi (404)"))
            }
        }

        @Test("serves the stylesheet from Public/")
        func stylesheet() async throws {
            try await withApp { app in
                let res = try await app.get("/css/app.css")
                #expect(res.status == .ok)
                #expect(res.body.string.contains("@media (max-width: 640px)"))
            }
        }
    }
}
