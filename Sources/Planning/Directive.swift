import Foundation

/// Trạng thái chỉ đạo — where a directive of the Ban Chỉ đạo stands.
public enum DirectiveStatus: String, Sendable, Codable, CaseIterable {
    /// Waiting for (some) addressees to reply.
    case open
    /// Every addressee replied; leadership may close it.
    case answered
    /// Closed by leadership with a closing note (it may be reopened).
    case closed
}

/// What a directive is about: exactly one indicator, unit or task.
public enum DirectiveSubject: Sendable, Equatable, Hashable {
    case indicator(String)
    case organisation(String)
    case task(String)

    public var kind: String {
        switch self {
        case .indicator: "indicator"
        case .organisation: "organisation"
        case .task: "task"
        }
    }

    public var code: String {
        switch self {
        case .indicator(let code), .organisation(let code), .task(let code): code
        }
    }

    public init?(kind: String, code: String) {
        switch kind {
        case "indicator": self = .indicator(code)
        case "organisation": self = .organisation(code)
        case "task": self = .task(code)
        default: return nil
        }
    }
}

/// Rules of directives ("chỉ đạo"): who writes them, who replies, how their status moves, when they are overdue.
public enum DirectiveRules {
    public enum Refusal: Error, Equatable, Sendable {
        /// None, or more than one, of indicator / organisation / task was given.
        case subjectCount(Int)
        case notAllowed(Role)
        /// Only the staff of an addressed organisation reply.
        case notAddressed(String)
        case closed
        case alreadyClosed
        case notClosed
        case noteRequired
        case textRequired
    }

    public static let maximumTextLength = 5_000

    /// Exactly one subject among what was typed (empty fields are not given).
    public static func subject(indicator: String?, organisation: String?, task: String?) -> Result<DirectiveSubject, Refusal> {
        func given(_ text: String?) -> String? {
            let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
        let subjects = [given(indicator).map(DirectiveSubject.indicator), given(organisation).map(DirectiveSubject.organisation),
                        given(task).map(DirectiveSubject.task)].compactMap { $0 }
        guard subjects.count == 1, let only = subjects.first else { return .failure(.subjectCount(subjects.count)) }
        return .success(only)
    }

    /// The Ban Chỉ đạo (leadership) writes, closes and reopens directives.
    public static func mayDirect(_ role: Role) -> Bool { role == .leadership }

    /// Everyone who follows the plan reads every directive; anyone else (a unit's own staff) only those addressed to
    /// its organisation.
    public static func mayRead(role: Role, organisation: String, addressees: [String]) -> Bool {
        [Role.admin, .leadership, .coordinator, .leadOffice].contains(role) || addressees.contains(organisation)
    }

    /// Staff of an addressed organisation reply (not leadership or administrators, whoever they belong to), while the
    /// directive is not closed.
    public static func reply(role: Role, organisation: String, addressees: [String], status: DirectiveStatus,
                             text: String) -> Result<Void, Refusal> {
        if role == .leadership || role == .admin { return .failure(.notAllowed(role)) }
        guard addressees.contains(organisation) else { return .failure(.notAddressed(organisation)) }
        if status == .closed { return .failure(.closed) }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .failure(.textRequired) }
        return .success(())
    }

    /// Open until every addressee has replied at least once, then answered; closed stays closed.
    public static func status(addressees: [String], repliedBy: Set<String>, closed: Bool) -> DirectiveStatus {
        if closed { return .closed }
        return !addressees.isEmpty && Set(addressees).isSubset(of: repliedBy) ? .answered : .open
    }

    public static func close(_ status: DirectiveStatus, by role: Role, note: String) -> Result<DirectiveStatus, Refusal> {
        guard mayDirect(role) else { return .failure(.notAllowed(role)) }
        if status == .closed { return .failure(.alreadyClosed) }
        if note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .failure(.noteRequired) }
        return .success(.closed)
    }

    /// Reopening gives back the status the replies make (open or answered).
    public static func reopen(_ status: DirectiveStatus, by role: Role, addressees: [String], repliedBy: Set<String>) -> Result<DirectiveStatus, Refusal> {
        guard mayDirect(role) else { return .failure(.notAllowed(role)) }
        guard status == .closed else { return .failure(.notClosed) }
        return .success(Self.status(addressees: addressees, repliedBy: repliedBy, closed: false))
    }

    /// Overdue: past its due day (in Việt Nam) and not closed. Due on a day means it may still be answered that day.
    public static func isOverdue(due: Day?, status: DirectiveStatus, today: Day) -> Bool {
        guard let due, status != .closed else { return false }
        return today > due
    }
}
