import Foundation

/// Phần tử dữ liệu — how an indicator's value travels in DHIS2's dataValueSets. A ratio is two data elements,
/// `CT22.NUM` and `CT22.DEN` (or `CT22` with the category option combo `NUM` / `DEN`); every other measure is one,
/// `CT05`, whose value is a number, `true`/`false`, or a level written as the scale writes it.
public enum DataElements {
    public enum Part: String, Sendable, Hashable, CaseIterable {
        case value
        case numerator = "NUM"
        case denominator = "DEN"
    }

    public enum Problem: Error, Equatable, Sendable {
        /// Not `CT…`, `CT….NUM` or `CT….DEN`, or a category option combo other than NUM/DEN.
        case unreadable(String)
        /// NUM/DEN on an indicator that is not a ratio, or a bare code for a ratio.
        case wrongPart(code: String, measure: Measure)
        /// A value that is not of the indicator's type (a number, true/false, a level of the scale).
        case wrongType(code: String, value: String, measure: Measure)
    }

    /// `CT22.NUM` → (CT22, numerator); `CT22` + combo `DEN` → (CT22, denominator); `ct05` → (CT05, value).
    public static func parse(_ dataElement: String, categoryOptionCombo: String? = nil) -> (code: String, part: Part)? {
        let pieces = dataElement.trimmingCharacters(in: .whitespaces).uppercased().split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count), let code = pieces.first, !code.isEmpty,
              code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        let combo = categoryOptionCombo.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.flatMap { $0.isEmpty ? nil : $0 }
        let suffix = pieces.count == 2 ? String(pieces[1]) : nil
        switch (suffix, combo) {
        case (nil, nil): return (String(code), .value)
        case (let s?, nil), (nil, let s?): return Part(rawValue: s).flatMap { $0 == .value ? nil : (String(code), $0) }
        case (let s?, let c?): return s == c ? Part(rawValue: s).flatMap { $0 == .value ? nil : (String(code), $0) } : nil
        }
    }

    /// The data element names of an indicator.
    public static func names(_ indicator: Indicator) -> [(name: String, part: Part)] {
        indicator.measure == .ratio ? [("\(indicator.code).NUM", .numerator), ("\(indicator.code).DEN", .denominator)] : [(indicator.code, .value)]
    }

    /// Writes one data value into `entry`; an empty value clears that part. Numbers are written with a point, as
    /// DHIS2 writes them.
    public static func apply(_ text: String, part: Part, of indicator: Indicator, to entry: inout ValueEntry) throws(Problem) {
        let value = text.trimmingCharacters(in: .whitespaces)
        switch (indicator.measure, part) {
        case (.ratio, .numerator): entry.numerator = try number(value, indicator)
        case (.ratio, .denominator): entry.denominator = try number(value, indicator)
        case (.count, .value): entry.amount = try number(value, indicator)
        case (.shareOfUnits, .value):
            switch value.lowercased() {
            case "": entry.answer = nil
            case "true", "1", "yes", "có": entry.answer = true
            case "false", "0", "no", "không": entry.answer = false
            default: throw .wrongType(code: indicator.code, value: text, measure: indicator.measure)
            }
        case (.level, .value):
            if value.isEmpty { entry.level = nil; return }
            guard let rank = LevelScale.rank(of: value, in: indicator.scale) else {
                throw .wrongType(code: indicator.code, value: text, measure: indicator.measure)
            }
            entry.level = indicator.scale[rank]
        default:
            throw .wrongPart(code: indicator.code, measure: indicator.measure)
        }
    }

    private static func number(_ text: String, _ indicator: Indicator) throws(Problem) -> Double? {
        if text.isEmpty { return nil }
        guard let number = Double(text), number.isFinite, text.allSatisfy({ $0.isNumber || ".-+eE".contains($0) }) else {
            throw .wrongType(code: indicator.code, value: text, measure: indicator.measure)
        }
        return number
    }

    /// The data values of a stored entry (parts left blank are left out).
    public static func values(of entry: ValueEntry, _ indicator: Indicator) -> [(name: String, part: Part, value: String)] {
        let plain = NumberStyle.plain
        switch indicator.measure {
        case .ratio:
            return [entry.numerator.map { ("\(indicator.code).NUM", .numerator, plain($0)) },
                    entry.denominator.map { ("\(indicator.code).DEN", .denominator, plain($0)) }].compactMap { $0 }
        case .count: return entry.amount.map { [(indicator.code, .value, plain($0))] } ?? []
        case .shareOfUnits: return entry.answer.map { [(indicator.code, .value, $0 ? "true" : "false")] } ?? []
        case .level: return entry.level.map { [(indicator.code, .value, $0)] } ?? []
        }
    }
}
