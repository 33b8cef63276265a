import Foundation

/// What a unit entered for one indicator, before checks: the fields of every measure (only those of the
/// indicator's measure may be filled) and a comment.
public struct ValueEntry: Sendable, Hashable, Codable {
    public var numerator: Double?
    public var denominator: Double?
    public var amount: Double?
    public var answer: Bool?
    public var level: String?
    public var comment: String?

    public static let maximumCommentLength = 2000

    public init(numerator: Double? = nil, denominator: Double? = nil, amount: Double? = nil, answer: Bool? = nil,
                level: String? = nil, comment: String? = nil) {
        self.numerator = numerator
        self.denominator = denominator
        self.amount = amount
        self.answer = answer
        self.level = level.map(Text.collapsingWhitespace).flatMap { $0.isEmpty ? nil : $0 }
        self.comment = Self.comment(comment)
    }

    /// A comment as stored: without the whitespace around it; nil when nothing is left.
    public static func comment(_ text: String?) -> String? {
        text.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    public static func from(_ value: ReportedValue?, comment: String?) -> ValueEntry {
        switch value {
        case .ratio(let n, let d): ValueEntry(numerator: n, denominator: d, comment: comment)
        case .count(let n): ValueEntry(amount: n, comment: comment)
        case .yesNo(let answer): ValueEntry(answer: answer, comment: comment)
        case .level(let level): ValueEntry(level: level, comment: comment)
        case nil: ValueEntry(comment: comment)
        }
    }

    /// The value in the measure's shape; nil when nothing is filled in.
    public func value(for measure: Measure) -> Result<ReportedValue?, ValueCheck.Problem> {
        let filled: [Measure] = [numerator != nil || denominator != nil ? Measure.ratio : nil, amount != nil ? .count : nil,
                                 answer != nil ? .shareOfUnits : nil, level != nil ? .level : nil].compactMap { $0 }
        if filled.contains(where: { $0 != measure }) { return .failure(.wrongShape(expected: measure)) }
        switch measure {
        case .ratio:
            switch (numerator, denominator) {
            case (nil, nil): return .success(nil)
            case (let n?, let d?): return .success(.ratio(numerator: n, denominator: d))
            default: return .failure(.incompleteRatio)
            }
        case .count: return .success(amount.map(ReportedValue.count))
        case .shareOfUnits: return .success(answer.map(ReportedValue.yesNo))
        case .level: return .success(level.map(ReportedValue.level))
        }
    }
}

/// The checks of a whole report: errors stop the save (or the submission), warnings are shown.
public enum ReportCheck {
    public struct Outcome: Sendable, Equatable {
        public var errors: [String: [ValueCheck.Problem]] = [:]
        public var warnings: [String: [ValueCheck.Problem]] = [:]
        public var isValid: Bool { errors.isEmpty }
    }

    /// - Parameters:
    ///   - entries: by indicator code; an indicator without an entry is empty.
    ///   - previous: the organisation's values of the previous period, by indicator code.
    public static func check(_ entries: [String: ValueEntry], indicators: [Indicator], previous: [String: ReportedValue],
                             submitting: Bool, options: ValueCheck.Options = .init()) -> Outcome {
        var outcome = Outcome()
        for indicator in indicators {
            let entry = entries[indicator.code] ?? ValueEntry()
            var problems: [ValueCheck.Problem]
            switch entry.value(for: indicator.measure) {
            case .failure(let problem): problems = [problem]
            case .success(let value):
                problems = ValueCheck.problems(value, for: indicator, previous: previous[indicator.code], comment: entry.comment,
                                               submitting: submitting, options: options)
            }
            if (entry.comment?.count ?? 0) > ValueEntry.maximumCommentLength {
                problems.append(.commentTooLong(maximum: ValueEntry.maximumCommentLength))
            }
            let warnings = submitting ? [] : problems.filter(\.isWarningOnSave)
            let errors = problems.filter { submitting || !$0.isWarningOnSave }
            if !errors.isEmpty { outcome.errors[indicator.code] = errors }
            if !warnings.isEmpty { outcome.warnings[indicator.code] = warnings }
        }
        return outcome
    }
}
