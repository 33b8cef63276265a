import Foundation

extension PlanFile.IndicatorEntry {
    func validated(position: Int, context: IndicatorContext, check: inout Checker) -> Indicator {
        let id = code.map(Text.collapsingWhitespace).flatMap { $0.isEmpty ? nil : $0 } ?? "#\(position)"
        let code = check.text(id, "code", code)
        if let number, number != position { check.add(id, "number", .wrongNumber(expected: position, found: number)) }
        if number == nil { check.add(id, "number", .missing) }
        let group = check.text(id, "group", group)
        if !group.isEmpty && !context.groups.contains(group) { check.add(id, "group", .unknownGroup(group)) }
        let offices = leadOffices ?? []
        if offices.isEmpty { check.add(id, "leadOffices", leadOffices == nil ? .missing : .empty) }
        for office in offices where !context.offices.contains(office) { check.add(id, "leadOffices", .unknownOffice(office)) }
        let measure = check.choice(id, "measure", measure, as: Measure.self)
        let scale = (scale ?? []).map(Text.collapsingWhitespace)
        if measure == .level && scale.count < 2 { check.add(id, "scale", .scaleTooShort) }
        if measure != .level && measure != nil && !scale.isEmpty { check.add(id, "scale", .scaleNotAllowed) }
        check.unique(scale, indicator: id, field: "scale")
        let numeratorText = ratioPart(id, "numerator", numerator, measure: measure, check: &check)
        let denominatorText = ratioPart(id, "denominator", denominator, measure: measure, check: &check)

        return Indicator(
            code: code, number: number ?? position, group: group,
            name: check.text(id, "name", name),
            unit: unit.map(Text.collapsingWhitespace).flatMap { $0.isEmpty ? nil : $0 },
            leadOfficeText: check.text(id, "leadOffice", leadOffice), leadOffices: offices,
            implementers: check.text(id, "implementers", implementers),
            reporters: check.choice(id, "reporters", reporters, as: ReportingScope.self) ?? .allOrganisations,
            measure: measure ?? .count,
            aggregation: check.choice(id, "aggregation", aggregation, as: Aggregation.self) ?? .stock,
            scale: scale,
            targets: milestones(id: id, years: context.years, scale: scale, domain: NumberDomain.target(of: measure ?? .count), check: &check),
            note: note, numeratorText: numeratorText, denominatorText: denominatorText)
    }

    /// An optional description of a ratio's numerator or denominator: not blank, and only on a ratio.
    private func ratioPart(_ id: String, _ field: String, _ value: String?, measure: Measure?, check: inout Checker) -> String? {
        guard let value else { return nil }
        let text = check.text(id, field, value)
        if measure != nil && measure != .ratio { check.add(id, field, .ratioPartNotAllowed) }
        return text.isEmpty ? nil : text
    }

    private func milestones(id: String, years: [Int], scale: [String], domain: NumberDomain, check: inout Checker) -> [MilestoneTarget] {
        guard let targets else { check.add(id, "targets", .missing); return [] }
        var result: [MilestoneTarget] = []
        for (index, entry) in targets.enumerated() {
            guard let year = entry.year else { check.add(id, "targets[\(index)].year", .missing); continue }
            let field = "targets[\(year)]"
            if !years.contains(year) { check.add(id, "\(field).year", .unexpectedYear(year)); continue }
            if result.contains(where: { $0.year == year }) { check.add(id, "\(field).year", .duplicate(String(year))); continue }
            guard let text = entry.text else { check.add(id, "\(field).text", .missing); continue }
            switch TargetParser.parse(text, scale: scale) {
            case .failure(let failure):
                check.add(id, "\(field).text", .unparsableTarget(text: text, detail: String(describing: failure)))
            case .success(let parsed):
                if let outside = [parsed.threshold, parsed.high].compactMap({ $0 }).first(where: { !domain.contains($0) }) {
                    check.add(id, "\(field).text", .targetOutOfDomain(value: outside, maximum: domain.bounds.upperBound))
                }
                entry.compare(with: parsed, id: id, field: field, check: &check)
                result.append(MilestoneTarget(year: year, text: text, target: parsed))
            }
        }
        for year in years where !result.contains(where: { $0.year == year }) && !targets.contains(where: { $0.year == year }) {
            check.add(id, "targets", .missingMilestone(year))
        }
        return result.sorted { $0.year < $1.year }
    }
}

extension PlanFile.TargetEntry {
    /// The stated meaning must be what the text says: a reviewer reads both, the loader trusts neither alone.
    func compare(with parsed: Target, id: String, field: String, check: inout Checker) {
        let stated = Stated(kind: kind, value: value, low: low, high: high, level: level)
        let expected = Stated(kind: parsed.kind.rawValue, value: parsed.value, low: parsed.low, high: parsed.high, level: parsed.levelName)
        if kind == nil { check.add(id, "\(field).kind", .missing); return }
        if stated != expected {
            check.add(id, field, .targetMismatch(stated: stated.description, parsed: expected.description))
        }
    }

    private struct Stated: Equatable, CustomStringConvertible {
        let kind: String?, value: Double?, low: Double?, high: Double?, level: String?

        static func == (a: Stated, b: Stated) -> Bool {
            a.kind == b.kind && a.value == b.value && a.low == b.low && a.high == b.high
                && a.level.map { LevelScale.normalised($0) } == b.level.map { LevelScale.normalised($0) }
        }

        var description: String {
            let parts: [String?] = [kind, value.map { "value=\($0)" }, low.map { "low=\($0)" }, high.map { "high=\($0)" }, level.map { "level=\($0)" }]
            return parts.compactMap { $0 }.joined(separator: " ")
        }
    }
}
