import Foundation

/// Trạng thái báo cáo — where a unit's report for a cycle stands.
public enum ReportState: String, Sendable, Codable, CaseIterable {
    case draft
    /// Chờ thủ trưởng ký — sent by the reporter of a unit that has a head; it has not reached the Department yet.
    case awaitingHead
    case submitted, returned, approved, locked

    /// Whether the report has reached the Department (for its lists, counts and reviews). A draft, a report
    /// awaiting its head's signature or one returned to the unit has not (or no longer has).
    public var isWithDepartment: Bool { self == .submitted || self == .approved || self == .locked }
}

/// Something done to a report.
public enum ReportAction: String, Sendable, Codable, CaseIterable {
    /// Save values as they are (no checks beyond each value's own).
    case save
    /// Send to the Department — or, in a unit that has a head, to the head; every value must be complete and valid.
    case submit
    /// Ký và gửi — the unit head signs the report and sends it to the Department (this is its submission).
    case sign
    /// Send back to the unit with a reason (the head: back to the reporter).
    case `return`
    /// Accept the report.
    case approve
    /// Freeze it when the cycle closes.
    case lock
    /// Open a locked report again (with a reason): it goes back to the unit as returned.
    case reopen
}

/// The report workflow: draft → (awaitingHead → signed by the unit head →) submitted → returned (reason) / approved
/// → locked, and who may move it.
public enum ReportWorkflow {
    public enum Refusal: Error, Equatable, Sendable {
        /// The action does not apply in this state (e.g. approving a draft, editing a locked report).
        case notFromState(ReportAction, ReportState)
        /// The role may not take this action on this report.
        case notAllowed(ReportAction, Role)
        /// Returning or reopening needs a reason.
        case reasonRequired(ReportAction)
    }

    /// - Parameters:
    ///   - ownReport: the actor belongs to the report's organisation.
    ///   - leadsAnIndicator: the actor is a lead office leading an indicator of this report.
    ///   - unitHasHead: the report's organisation has an active unit-head account: a submission goes to the head.
    public static func apply(_ action: ReportAction, to state: ReportState, by role: Role, ownReport: Bool,
                             leadsAnIndicator: Bool = false, unitHasHead: Bool = false, reason: String? = nil) -> Result<ReportState, Refusal> {
        guard allowed(action, role: role, ownReport: ownReport, leadsAnIndicator: leadsAnIndicator) else {
            return .failure(.notAllowed(action, role))
        }
        // What the coordinator approved, only the coordinator sends back: a lead office returns submitted reports.
        if action == .return && state == .approved && role != .coordinator { return .failure(.notAllowed(action, role)) }
        if (action == .return || action == .reopen) && (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return .failure(.reasonRequired(action))
        }
        switch (action, state) {
        case (.save, .draft), (.save, .returned): return .success(state)
        case (.submit, .draft), (.submit, .returned): return .success(unitHasHead ? .awaitingHead : .submitted)
        case (.sign, .awaitingHead): return .success(.submitted)
        // The head sends back only what waits for him; the Department only what reached it.
        case (.return, .awaitingHead) where role == .unitHead: return .success(.returned)
        case (.return, .submitted) where role != .unitHead: return .success(.returned)
        case (.return, .approved) where role != .unitHead: return .success(.returned)
        case (.approve, .submitted): return .success(.approved)
        case (.lock, .draft), (.lock, .awaitingHead), (.lock, .submitted), (.lock, .returned), (.lock, .approved): return .success(.locked)
        case (.reopen, .locked): return .success(.returned)
        default: return .failure(.notFromState(action, state))
        }
    }

    static func allowed(_ action: ReportAction, role: Role, ownReport: Bool, leadsAnIndicator: Bool) -> Bool {
        switch action {
        case .save, .submit: (role == .unitReporter || role == .leadOffice) && ownReport
        case .sign: role == .unitHead && ownReport
        case .return: role == .coordinator || (role == .leadOffice && leadsAnIndicator) || (role == .unitHead && ownReport)
        case .approve, .reopen: role == .coordinator
        case .lock: role == .coordinator || role == .admin
        }
    }

    /// Whether values may be changed in this state.
    public static func isEditable(_ state: ReportState) -> Bool { state == .draft || state == .returned }
}
