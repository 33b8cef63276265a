import Foundation

/// Where the period's report to the People's Committee stands: prepared by the coordinator, approved ("ký duyệt") by
/// leadership, then issued with its number and date and kept unchanged.
public enum SummaryReportState: String, Sendable, Codable, CaseIterable {
    /// The coordinator writes the text (the only state in which it may be edited).
    case draft
    /// Sent to leadership ("Trình ký duyệt").
    case awaitingApproval
    /// Leadership signed it off ("Ký duyệt"); the coordinator (văn thư) may issue it.
    case approved
    /// Numbered, dated and locked; the documents issued are kept byte for byte.
    case issued
}

/// Something done to the period's report.
public enum SummaryReportAction: String, Sendable, Codable, CaseIterable {
    /// Change the text.
    case edit
    /// Send to leadership for approval.
    case submit
    /// Leadership sends it back to the coordinator with a reason.
    case `return`
    /// Leadership approves it.
    case approve
    /// The coordinator issues it with its number and date.
    case issue
}

/// The sign-off rules: draft → awaitingApproval → approved → issued, returned to draft with a reason; who may act.
public enum SummarySignoff {
    public enum Refusal: Error, Equatable, Sendable {
        case notFromState(SummaryReportAction, SummaryReportState)
        case notAllowed(SummaryReportAction, Role)
        /// Returning needs a reason.
        case reasonRequired
        /// Issuing needs the number ("Số") …
        case numberRequired
        /// … written as an office of records writes it (letters, digits, `-`, `.`), at most 20 characters …
        case invalidNumber(String)
        /// … and the date, dd/mm/yyyy.
        case dateRequired
        case invalidDate(String)
        /// The number is already that of another report issued under the same plan in the same year.
        case numberTaken(number: String, year: Int)
    }

    public static let maximumNumberLength = 20

    public static func apply(_ action: SummaryReportAction, to state: SummaryReportState, by role: Role,
                             reason: String? = nil) -> Result<SummaryReportState, Refusal> {
        guard allowed(action, role) else { return .failure(.notAllowed(action, role)) }
        if action == .return && (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return .failure(.reasonRequired)
        }
        switch (action, state) {
        case (.edit, .draft): return .success(.draft)
        case (.submit, .draft): return .success(.awaitingApproval)
        case (.return, .awaitingApproval), (.return, .approved): return .success(.draft)
        case (.approve, .awaitingApproval): return .success(.approved)
        case (.issue, .approved): return .success(.issued)
        default: return .failure(.notFromState(action, state))
        }
    }

    /// The coordinator prepares and issues; leadership (the Ban Chỉ đạo, the directors) returns and approves.
    public static func allowed(_ action: SummaryReportAction, _ role: Role) -> Bool {
        switch action {
        case .edit, .submit, .issue: role == .coordinator
        case .return, .approve: role == .leadership
        }
    }

    public static func isEditable(_ state: SummaryReportState) -> Bool { state == .draft }

    /// What the coordinator typed when issuing, checked: the number trimmed and the day, or why not. `issued` holds the
    /// numbers already issued under the same plan with their year: a number is unique per plan and year.
    public static func checkIssue(number: String, date: String, issued: [(number: String, year: Int)]) -> Result<(number: String, day: Day), Refusal> {
        let number = number.trimmingCharacters(in: .whitespaces)
        if number.isEmpty { return .failure(.numberRequired) }
        guard number.count <= maximumNumberLength,
              number.allSatisfy({ $0.isLetter || $0.isNumber || "-.".contains($0) }) else { return .failure(.invalidNumber(number)) }
        let typed = date.trimmingCharacters(in: .whitespaces)
        if typed.isEmpty { return .failure(.dateRequired) }
        guard let day = DayInput.parse(typed) else { return .failure(.invalidDate(typed)) }
        if issued.contains(where: { $0.year == day.year && $0.number.lowercased() == number.lowercased() }) {
            return .failure(.numberTaken(number: number, year: day.year))
        }
        return .success((number, day))
    }
}
