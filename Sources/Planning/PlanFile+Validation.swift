import Foundation

extension PlanFile {
    /// Checks the whole file and builds the plan, or throws every problem found (never only the first).
    public func validated() throws(PlanFileError) -> Plan {
        var check = Checker()
        if let format, format != Self.currentFormat {
            check.add(nil, "format", .notAllowed(value: format, allowed: [Self.currentFormat]))
        }
        let code = check.text(nil, "code", code)
        let title = check.text(nil, "title", title)
        let issuer = check.text(nil, "issuer", issuer)
        let issuedOn = check.text(nil, "issuedOn", issuedOn)
        let years = milestoneYears ?? []
        if years.isEmpty { check.add(nil, "milestoneYears", milestoneYears == nil ? .missing : .empty) }
        if Set(years).count != years.count { check.add(nil, "milestoneYears", .duplicate(years.map(String.init).joined(separator: ","))) }
        for year in years where !ReportingPeriod.years.contains(year) {
            check.add(nil, "milestoneYears", .notAllowed(value: String(year), allowed: ["\(ReportingPeriod.years.lowerBound)–\(ReportingPeriod.years.upperBound)"]))
        }

        let groups = (groups ?? []).enumerated().map { index, group in
            IndicatorGroup(code: check.text(nil, "groups[\(index)].code", group.code),
                           name: check.text(nil, "groups[\(index)].name", group.name))
        }
        if groups.isEmpty { check.add(nil, "groups", self.groups == nil ? .missing : .empty) }
        let offices = (offices ?? []).enumerated().map { index, office in
            Office(code: check.text(nil, "offices[\(index)].code", office.code),
                   name: check.text(nil, "offices[\(index)].name", office.name),
                   spellings: office.spellings ?? [])
        }
        check.unique(offices.map(\.code), indicator: nil, field: "offices.code")

        let entries = indicators ?? []
        if entries.isEmpty { check.add(nil, "indicators", indicators == nil ? .missing : .empty) }
        let context = IndicatorContext(years: years, groups: Set(groups.map(\.code)), offices: Set(offices.map(\.code)))
        let built = entries.enumerated().map { index, entry in
            entry.validated(position: index + 1, context: context, check: &check)
        }
        check.unique(built.map(\.code), indicator: nil, field: "indicators.code")

        guard check.problems.isEmpty else { throw PlanFileError(problems: check.problems) }
        return Plan(code: code, title: title, issuer: issuer, issuedOn: issuedOn, milestoneYears: years.sorted(),
                    groups: groups, offices: offices, indicators: built, note: note)
    }
}

struct IndicatorContext {
    let years: [Int]
    let groups: Set<String>
    let offices: Set<String>
}

/// Collects problems while a file is read, so that one run reports all of them.
struct Checker {
    private(set) var problems: [PlanProblem] = []

    mutating func add(_ indicator: String?, _ field: String, _ reason: PlanProblem.Reason) {
        problems.append(PlanProblem(indicator: indicator, field: field, reason: reason))
    }

    /// A required, non-blank text; returns "" after recording the problem so checking goes on.
    mutating func text(_ indicator: String?, _ field: String, _ value: String?) -> String {
        guard let value else { add(indicator, field, .missing); return "" }
        let cleaned = Text.collapsingWhitespace(value)
        if cleaned.isEmpty { add(indicator, field, .empty) }
        return cleaned
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ indicator: String?, _ field: String, _ value: String?, as: T.Type) -> T? where T.RawValue == String {
        guard let value else { add(indicator, field, .missing); return nil }
        guard let parsed = T(rawValue: value) else {
            add(indicator, field, .notAllowed(value: value, allowed: T.allCases.map(\.rawValue)))
            return nil
        }
        return parsed
    }

    mutating func unique(_ values: [String], indicator: String?, field: String) {
        var seen = Set<String>()
        for value in values where !value.isEmpty && !seen.insert(value).inserted {
            add(indicator, field, .duplicate(value))
        }
    }
}
