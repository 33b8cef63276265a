import Planning
import Vapor

/// The report form as the browser sends it: `values[CT01][numerator]=12` …, numbers as people type them.
struct ReportForm: Content {
    struct Fields: Content {
        var numerator: String?
        var denominator: String?
        var amount: String?
        var answer: String?
        var level: String?
        var comment: String?
    }

    var version: Int
    var intent: String?
    var results: String?
    var difficulties: String?
    var proposals: String?
    var values: [String: Fields]?

    /// The typed values read in the page's language; a field that is not a number is a problem of its indicator.
    func entries(_ language: Language) -> (entries: [String: ValueEntry], problems: [String: [String]]) {
        let style = language.numbers
        var entries: [String: ValueEntry] = [:]
        var problems: [String: [String]] = [:]
        for (code, fields) in values ?? [:] {
            func number(_ text: String?, _ field: String) -> Double? {
                guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
                if let value = NumberInput.parse(text, style: style) { return value }
                problems[code, default: []].append(ReportError.notANumber(indicator: code, field: field, text: text).message(language))
                return nil
            }
            let answer: Bool? = switch fields.answer { case "yes": true; case "no": false; default: nil }
            entries[code] = ValueEntry(numerator: number(fields.numerator, "numerator"), denominator: number(fields.denominator, "denominator"),
                                       amount: number(fields.amount, "amount"), answer: answer,
                                       level: fields.level, comment: fields.comment)
        }
        return (entries, problems)
    }

    var submission: (ValueEntryMap) -> Reports.Submission {
        { entries in Reports.Submission(version: version, results: results, difficulties: difficulties, proposals: proposals, values: entries) }
    }
}

typealias ValueEntryMap = [String: ValueEntry]
