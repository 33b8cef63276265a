import Foundation

/// A task's fields as someone typed them (a form, a CSV row, a JSON body), before they are checked.
public struct TaskText: Sendable, Equatable {
    public var code: String
    public var content: String
    public var lead: String
    public var coordinating: [String]
    public var start: String
    public var end: String
    public var output: String

    public init(code: String, content: String, lead: String, coordinating: [String], start: String, end: String, output: String) {
        self.code = code
        self.content = content
        self.lead = lead
        self.coordinating = coordinating
        self.start = start
        self.end = end
        self.output = output
    }
}

/// Nhiệm vụ — one row of the plan's Appendix II: what is to be done, by which organisation (chủ trì)
/// with which others (phối hợp), from when to when, and what it should produce (sản phẩm dự kiến).
public struct TaskDefinition: Sendable, Equatable {
    public let code: String
    public let content: String
    public let lead: String
    public let coordinating: [String]
    public let start: Day
    public let end: Day
    public let output: String
}

/// The fields of a task, named as in forms, the API and the CSV header.
public enum TaskField: String, Sendable, CaseIterable {
    case code, content, lead, coordinating, start, end, output
}

public struct TaskProblem: Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        case empty
        /// Only ASCII letters, digits, `-`, `_` and `.`.
        case invalidCode(String)
        case tooLong(maximum: Int)
        case controlCharacter
        /// Neither `dd/mm/yyyy` nor `yyyy-mm-dd`, or a day that does not exist.
        case invalidDate(String)
        case endBeforeStart(start: Day, end: Day)
        case unknownOrganisation(String)
    }

    public let field: TaskField
    public let reason: Reason

    public init(_ field: TaskField, _ reason: Reason) {
        self.field = field
        self.reason = reason
    }
}

public enum TaskRules {
    public static let maximumCodeLength = 20
    public static let maximumContentLength = 2000
    public static let maximumOutputLength = 1000

    public enum Checked: Sendable, Equatable {
        case valid(TaskDefinition)
        case invalid([TaskProblem])
    }

    /// Checks every field at once, against the organisation codes that exist. The lead is not kept among
    /// the coordinating organisations, and a code listed twice counts once.
    public static func check(_ text: TaskText, organisations: Set<String>) -> Checked {
        var problems: [TaskProblem] = []
        let code = text.code.trimmingCharacters(in: .whitespaces)
        if code.isEmpty { problems.append(.init(.code, .empty)) }
        else if code.count > maximumCodeLength { problems.append(.init(.code, .tooLong(maximum: maximumCodeLength))) }
        else if !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
            problems.append(.init(.code, .invalidCode(code)))
        }
        let content = prose(text.content, .content, maximum: maximumContentLength, required: true, &problems)
        let output = prose(text.output, .output, maximum: maximumOutputLength, required: false, &problems)
        let lead = text.lead.trimmingCharacters(in: .whitespaces)
        if lead.isEmpty { problems.append(.init(.lead, .empty)) }
        else if !organisations.contains(lead) { problems.append(.init(.lead, .unknownOrganisation(lead))) }
        var coordinating: [String] = []
        for raw in text.coordinating {
            let other = raw.trimmingCharacters(in: .whitespaces)
            guard !other.isEmpty, other != lead, !coordinating.contains(other) else { continue }
            if organisations.contains(other) { coordinating.append(other) }
            else { problems.append(.init(.coordinating, .unknownOrganisation(other))) }
        }
        let start = day(text.start, .start, &problems)
        let end = day(text.end, .end, &problems)
        if let start, let end, end < start { problems.append(.init(.end, .endBeforeStart(start: start, end: end))) }
        guard problems.isEmpty, let start, let end else { return .invalid(problems) }
        return .valid(TaskDefinition(code: code, content: content, lead: lead, coordinating: coordinating,
                                     start: start, end: end, output: output))
    }

    private static func prose(_ raw: String, _ field: TaskField, maximum: Int, required: Bool, _ problems: inout [TaskProblem]) -> String {
        let text = Text.collapsingWhitespace(raw)
        if required && text.isEmpty { problems.append(.init(field, .empty)) }
        else if text.count > maximum { problems.append(.init(field, .tooLong(maximum: maximum))) }
        else if Text.hasControlCharacters(text) { problems.append(.init(field, .controlCharacter)) }
        return text
    }

    private static func day(_ raw: String, _ field: TaskField, _ problems: inout [TaskProblem]) -> Day? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { problems.append(.init(field, .empty)); return nil }
        guard let day = Day(text: text) else { problems.append(.init(field, .invalidDate(text))); return nil }
        return day
    }
}

/// How far a task has come in a cycle (tiến độ), as a whole percentage.
public enum TaskProgress {
    public static let range = 0...100

    /// The progress an update stores: a done task is at 100 % whatever was typed. Nil outside 0…100.
    public static func normalised(_ progress: Int, status: TaskStatus) -> Int? {
        guard range.contains(progress) else { return nil }
        return status == .done ? 100 : progress
    }
}

extension Day {
    /// A day as people type it: `dd/mm/yyyy` as Việt Nam writes days (day and month may have one digit),
    /// or ISO `yyyy-mm-dd`. Nil for anything else or a day that does not exist.
    public init?(text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let iso = Day(iso: text) { self = iso; return }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else { return nil }
        self.init(iso: String(format: "%04d-%02d-%02d", y, m, d))
    }
}
