import Fluent
import Foundation
import Planning

extension SummarySignoffs {
    /// Tells leadership a report awaits its approval (and that it was issued), and the coordinating office that its
    /// report was returned or approved: an in-app notice now, and the e-mails to send once the transaction has landed.
    static func notify(_ action: SummaryReportAction, reason: String?, plan: String, period: String, by user: CurrentUser,
                       on db: any Database) async throws -> [Mail] {
        let role: Role, vi: String, en: String
        switch action {
        case .submit:
            (role, vi, en) = (.leadership, "Báo cáo gửi UBND tỉnh kỳ \(period) chờ ký duyệt (\(user.name) trình).",
                              "The \(period) report to the People's Committee awaits your approval (sent by \(user.name)).")
        case .return:
            (role, vi, en) = (.coordinator, "Báo cáo gửi UBND tỉnh kỳ \(period) bị trả lại: \(reason ?? "")",
                              "The \(period) report to the People's Committee was returned: \(reason ?? "")")
        case .approve:
            (role, vi, en) = (.coordinator, "Báo cáo gửi UBND tỉnh kỳ \(period) đã được ký duyệt (\(user.name)); có thể ban hành.",
                              "The \(period) report to the People's Committee was approved (\(user.name)); it may be issued.")
        case .issue:
            (role, vi, en) = (.leadership, "Báo cáo gửi UBND tỉnh kỳ \(period) đã ban hành: số \(reason ?? "").",
                              "The \(period) report to the People's Committee was issued: number \(reason ?? "").")
        case .edit:
            return []
        }
        let users = try await UserRecord.query(on: db).filter(\.$role == role.rawValue).filter(\.$isActive == true).filter(\.$isService == false).all()
        try await Notifications.notify(users, kind: "summary-report", vietnamese: vi, english: en,
                                       link: "/summary-report?" + DashboardFilters.encode([("plan", plan), ("period", period)]), on: db)
        return users.map { Mail(to: $0.email, subject: "[chitieu] " + vi, body: vi + "\n\n" + en) }
    }
}
