import Foundation

/// Trạng thái báo cáo — where a unit's report for a cycle stands.
public enum ReportState: String, Sendable, Codable, CaseIterable {
    case draft, submitted, returned, approved, locked
}

/// Something done to a report.
public enum ReportAction: String, Sendable, Codable, CaseIterable {
    /// Save values as they are (no checks beyond each value's own).
    case save
    /// Send to the Department; every value must be complete and valid.
    case submit
    /// Send back to the unit with a reason.
    case `return`
    /// Accept the report.
    case approve
    /// Freeze it when the cycle closes.
    case lock
    /// Open a locked report again (with a reason): it goes back to the unit as returned.
    case reopen
}

/// The report workflow: draft → submitted → returned (reason) / approved → locked, and who may move it.
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
    public static func apply(_ action: ReportAction, to state: ReportState, by role: Role, ownReport: Bool,
                             leadsAnIndicator: Bool = false, reason: String? = nil) -> Result<ReportState, Refusal> {
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
        case (.submit, .draft), (.submit, .returned): return .success(.submitted)
        case (.return, .submitted), (.return, .approved): return .success(.returned)
        case (.approve, .submitted): return .success(.approved)
        case (.lock, .draft), (.lock, .submitted), (.lock, .returned), (.lock, .approved): return .success(.locked)
        case (.reopen, .locked): return .success(.returned)
        default: return .failure(.notFromState(action, state))
        }
    }

    static func allowed(_ action: ReportAction, role: Role, ownReport: Bool, leadsAnIndicator: Bool) -> Bool {
        switch action {
        case .save, .submit: (role == .unitReporter || role == .leadOffice) && ownReport
        case .return: role == .coordinator || (role == .leadOffice && leadsAnIndicator)
        case .approve, .reopen: role == .coordinator
        case .lock: role == .coordinator || role == .admin
        }
    }

    /// Whether values may be changed in this state.
    public static func isEditable(_ state: ReportState) -> Bool { state == .draft || state == .returned }
}
