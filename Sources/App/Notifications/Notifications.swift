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

    /// Tells the unit its report was returned (by the Department, or by its head: `byHead`), approved, reopened, or
    /// signed and sent by its head.
    static func reportMoved(_ context: ReportContext, action: ReportAction, reason: String?, byHead: Bool = false, on db: any Database) async throws {
        let offices = context.organisation.kind == .department ? Array(Set(context.indicators.flatMap(\.leadOffices))) : []
        let users = try await recipients(of: context.organisation.code, offices: offices, on: db)
        let period = context.cycle.periodCode
        let vi: String, en: String
        switch action {
        case .return where byHead:
            (vi, en) = ("Thủ trưởng đơn vị trả lại báo cáo kỳ \(period): \(reason ?? "")", "The head of your unit returned the \(period) report: \(reason ?? "")")
        case .return: (vi, en) = ("Báo cáo kỳ \(period) bị trả lại: \(reason ?? "")", "Your \(period) report was returned: \(reason ?? "")")
        case .sign: (vi, en) = ("Báo cáo kỳ \(period) đã được thủ trưởng đơn vị ký và gửi Sở Y tế.", "The head of your unit signed the \(period) report and sent it to the Department.")
        case .reopen: (vi, en) = ("Báo cáo kỳ \(period) được mở lại để sửa: \(reason ?? "")", "Your \(period) report was reopened for correction: \(reason ?? "")")
        case .approve: (vi, en) = ("Báo cáo kỳ \(period) đã được duyệt.", "Your \(period) report was approved.")
        default: return
        }
        try await notify(users, kind: "report", vietnamese: vi, english: en, link: "/reports/\(try context.report.requireID())", on: db)
    }

    /// Tells the unit's head that a report awaits his signature.
    static func awaitingHead(_ context: ReportContext, on db: any Database, now: Date = Date()) async throws {
        let heads = try await UnitHeads.of(context.organisation.code, on: db)
        let period = context.cycle.periodCode
        try await notify(heads, kind: "report", vietnamese: "Báo cáo kỳ \(period) của \(context.organisation.name) chờ thủ trưởng ký và gửi Sở Y tế.",
                         english: "The \(period) report of \(context.organisation.name) awaits your signature before it goes to the Department.",
                         link: "/reports/\(try context.report.requireID())", on: db, now: now)
    }

    static func unread(for user: UUID, on db: any Database) async throws -> Int {
        try await NotificationRecord.query(on: db).filter(\.$userID == user).filter(\.$readAt == nil).count()
    }
}
