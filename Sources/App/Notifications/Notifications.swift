import Fluent
import Foundation
import Planning
import Vapor

/// In-app notices to the people of an organisation.
enum Notifications {
    /// The active people who report for `organisation` (for the Department's report: the lead offices of its indicators).
    static func recipients(of organisation: String, offices: [String] = [], on db: any Database) async throws -> [UserRecord] {
        let codes = offices.isEmpty ? [organisation] : offices
        return try await UserRecord.query(on: db).filter(\.$organisationCode ~~ codes).filter(\.$isActive == true)
            .filter(\.$isService == false).all()
            .filter { [Role.unitReporter.rawValue, Role.leadOffice.rawValue].contains($0.role) }
    }

    static func notify(_ users: [UserRecord], kind: String, vietnamese: String, english: String, link: String?,
                       on db: any Database, now: Date = Date()) async throws {
        let notices = try users.map { NotificationRecord(userID: try $0.requireID(), kind: kind, vietnamese: vietnamese, english: english, link: link, at: now) }
        try await notices.create(on: db)
    }

    /// Tells the unit its report was returned, approved or reopened.
    static func reportMoved(_ context: ReportContext, action: ReportAction, reason: String?, on db: any Database) async throws {
        let offices = context.organisation.kind == .department ? Array(Set(context.indicators.flatMap(\.leadOffices))) : []
        let users = try await recipients(of: context.organisation.code, offices: offices, on: db)
        let period = context.cycle.periodCode
        let vi: String, en: String
        switch action {
        case .return: (vi, en) = ("Báo cáo kỳ \(period) bị trả lại: \(reason ?? "")", "Your \(period) report was returned: \(reason ?? "")")
        case .reopen: (vi, en) = ("Báo cáo kỳ \(period) được mở lại để sửa: \(reason ?? "")", "Your \(period) report was reopened for correction: \(reason ?? "")")
        case .approve: (vi, en) = ("Báo cáo kỳ \(period) đã được duyệt.", "Your \(period) report was approved.")
        default: return
        }
        try await notify(users, kind: "report", vietnamese: vi, english: en, link: "/reports/\(try context.report.requireID())", on: db)
    }

    static func unread(for user: UUID, on db: any Database) async throws -> Int {
        try await NotificationRecord.query(on: db).filter(\.$userID == user).filter(\.$readAt == nil).count()
    }
}
