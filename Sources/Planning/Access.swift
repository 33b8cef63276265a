import Foundation

/// Vai trò — what a user is in the system. Each user has exactly one.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// IT staff of the Department: users, organisations, plans, cycles.
    case admin
    /// Steering Committee and Department directors: read everything, sign off.
    case leadership
    /// Phòng Quản lý Khám chữa bệnh: runs cycles, reviews reports, consolidates, reminds.
    case coordinator
    /// An office that leads ("chủ trì theo dõi, đánh giá") some indicators.
    case leadOffice
    /// Staff of a unit or office who report for their own organisation only.
    case unitReporter
    /// Thủ trưởng đơn vị — the head of a unit or office: reads its own organisation's reports and signs and sends them
    /// to the Department, or returns them to the reporter. Enters no values.
    case unitHead

    /// Whether the role reads only its own organisation's data (reports, dashboards, unit plans, funding).
    public var readsOwnOrganisationOnly: Bool { self == .unitReporter || self == .unitHead }
}

/// Something a request asks to do. Every route declares exactly one; `AccessPolicy` decides.
public enum Permission: String, Sendable, Codable, CaseIterable {
    /// Open to anyone, signed in or not (login page, health, static files, the API document).
    case publicAccess
    /// Signed in, whatever the role (own account, own password, own tokens).
    case signedIn
    /// Read the plan: indicators, targets, trajectories, organisations.
    case readPlan
    /// Create, edit, deactivate users; reset passwords; unlock accounts; service tokens.
    case manageUsers
    /// Create, edit, deactivate organisations; import the real list.
    case manageOrganisations
    /// Read the change log (leadership reads everything; the coordinator follows the plan's data).
    case readAudit
    /// Read reports, unit plans, tasks and funding (a unit reporter only its own organisation's: checked per object).
    case readReports
    /// Enter and submit one's own organisation's report, unit plan and task updates (checked per object).
    case writeReports
    /// Return reports with a reason and comment on values (lead offices on their own indicators).
    case reviewReports
    /// Return a report with a reason: the Department's reviewers (as `reviewReports`) and a unit head (his unit's
    /// report awaiting his signature; checked per object).
    case returnReports
    /// Sign one's own unit's report and send it to the Department (the unit head; checked per object).
    case signReports
    /// Create, open and close reporting cycles; send reminders.
    case manageCycles
    /// Approve a report, reopen a locked one, lock it again (the coordinator, Phòng Quản lý Khám chữa bệnh).
    case approveReports
    /// Follow the reporting: who has not reported, completeness, unit-plan flags, overdue tasks.
    case monitorReporting
    /// Create, edit and import the plan's tasks.
    case manageTasks
    /// Write the Department's report to the People's Committee (its shortcomings and proposals) before it is downloaded.
    case writeSummaryReport
    /// Approve ("ký duyệt") the report to the People's Committee or return it to the coordinator (leadership).
    case approveSummaryReport
    /// Write, close and reopen directives ("chỉ đạo") of the Ban Chỉ đạo (leadership).
    case writeDirectives
    /// Reply to a directive addressed to one's organisation (checked per directive); not leadership or administrators.
    case replyDirectives
    /// Enter an indicator's baseline and write the lead office's own assessment (a lead office, on the indicators it
    /// leads: checked per indicator).
    case assessIndicators
    /// Change the site's settings: whether the public progress page is published and shows each unit's figures.
    case manageSite
}

/// Who may do what, in one table. The web layer asks here and nowhere else.
public enum AccessPolicy {
    public static func allows(_ role: Role?, _ permission: Permission) -> Bool {
        switch permission {
        case .publicAccess: return true
        case .signedIn, .readPlan: return role != nil
        case .manageUsers, .manageOrganisations: return role == .admin
        case .readAudit: return role == .admin || role == .leadership || role == .coordinator
        case .readReports: return role != nil
        case .writeReports: return role == .unitReporter || role == .leadOffice
        case .reviewReports: return role == .coordinator || role == .leadOffice
        case .returnReports: return role == .coordinator || role == .leadOffice || role == .unitHead
        case .signReports: return role == .unitHead
        case .manageCycles, .manageTasks: return role == .admin || role == .coordinator
        case .approveReports, .writeSummaryReport: return role == .coordinator
        case .monitorReporting: return role.map { !$0.readsOwnOrganisationOnly } ?? false
        case .approveSummaryReport, .writeDirectives: return role == .leadership
        case .replyDirectives: return role != nil && role != .leadership && role != .admin
        case .assessIndicators: return role == .leadOffice
        case .manageSite: return role == .admin
        }
    }

    /// Whether someone of `role` in organisation `own` may read data belonging to organisation `other`.
    /// A unit reporter and a unit head see only their own organisation; everyone else reads across units (a lead
    /// office further limited to its indicators by the caller).
    public static func mayReadData(role: Role, own: String, other: String) -> Bool {
        role.readsOwnOrganisationOnly ? own == other : true
    }

    /// Whether someone of `role` in organisation `own` reads the whole of organisation `report`'s report (its narrative
    /// and every value). A lead office reading another organisation's report — the Department's included — reads only
    /// the values of the indicators it leads (`visibleIndicators`), nothing else of it.
    public static func readsWholeReport(role: Role, own: String, report: String) -> Bool {
        role != .leadOffice || own == report
    }

    /// The indicators of organisation `report`'s report that someone of `role` in organisation `own` may read.
    public static func visibleIndicators(_ indicators: [Indicator], role: Role, own: String, report: String) -> [Indicator] {
        readsWholeReport(role: role, own: own, report: report) ? indicators : indicators.filter { $0.leadOffices.contains(own) }
    }

    /// Whether someone of `role` in organisation `own` may enter the baseline and the assessment of `indicator`: only
    /// a lead office the indicator names as its lead ("chủ trì theo dõi, đánh giá").
    public static func mayAssess(_ indicator: Indicator, role: Role, own: String) -> Bool {
        role == .leadOffice && indicator.leadOffices.contains(own)
    }

    /// Whether someone of `role` in organisation `own` may write data of organisation `other`.
    public static func mayWriteData(role: Role, own: String, other: String) -> Bool {
        switch role {
        case .unitReporter: own == other
        case .leadOffice: own == other
        case .coordinator, .admin: true
        case .leadership, .unitHead: false
        }
    }
}

/// Rules for passwords people choose: long enough and not a common one.
public enum PasswordRule {
    public static let minimumLength = 10
    /// bcrypt reads only the first 72 bytes: a longer password would sign in with its first 72 alone.
    public static let maximumBytes = 72

    public enum Problem: Error, Equatable, Sendable {
        case tooShort(minimum: Int)
        case tooLong(maximumBytes: Int)
        case controlCharacter
        case common
        case containsEmail
    }

    /// Checks `password` for the user with `email` against a list of common passwords (lower-cased).
    public static func check(_ password: String, email: String, common: Set<String>) -> Problem? {
        if password.count < minimumLength { return .tooShort(minimum: minimumLength) }
        if password.utf8.count > maximumBytes { return .tooLong(maximumBytes: maximumBytes) }
        if Text.hasControlCharacters(password) { return .controlCharacter }
        let lowered = password.lowercased()
        if common.contains(lowered) { return .common }
        let local = email.lowercased().split(separator: "@").first.map(String.init) ?? ""
        if local.count >= 4 && lowered.contains(local) { return .containsEmail }
        return nil
    }
}

extension Role {
    /// Whether a user of this role may belong to an organisation of `kind`. A lead office acts on the
    /// indicators its office leads, so it belongs to an office; unit reporters report for an office or
    /// a unit, never for the Department as a whole; nor does a unit head head it.
    public func fits(_ kind: OrganisationKind) -> Bool {
        switch self {
        case .admin: true
        case .leadership: kind == .department || kind == .office
        case .coordinator, .leadOffice: kind == .office
        case .unitReporter, .unitHead: kind != .department
        }
    }
}
