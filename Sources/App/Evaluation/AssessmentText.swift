import Planning

/// An assessment as people read it, in one language — the one wording of a figure shared by the dashboards and
/// the documents (`85,3 %`, `≥ 80`, `Đúng lộ trình`, `-4,7 điểm`, `12/14`).
struct AssessmentText: Encodable, Sendable {
    let code: String
    let name: String
    let value: String
    let expected: String
    /// The milestone the period counts towards, `2030: ≥ 80`.
    let milestone: String
    let status: String
    let statusLabel: String
    let icon: String
    let gap: String
    let reporting: String
    let forecast: String
    /// Where the line starts, with its year and source (`62 % (năm 2025, nguồn: …)`); empty without one.
    let baseline: String

    static let icons: [EvaluationStatus: String] = [.exceeded: "▲", .met: "✔", .onTrack: "➚", .behind: "➘", .notMet: "✖", .noData: "…", .noTarget: "—", .noBaseline: "○"]

    init(_ assessment: Assessment, indicator: Indicator, language: Language) {
        let style: NumberStyle = language == .vietnamese ? .vietnamese : .english
        let status = assessment.evaluation.status
        code = indicator.code
        name = indicator.name
        value = Self.value(assessment.value, indicator: indicator, style: style)
        // Awaiting a baseline, the year has no figure of its own yet: the milestone the line will run to is what it expects.
        if case .awaitingBaseline(let next) = assessment.expectation {
            expected = Localizer.text("evaluation.milestone", language) + " \(next.year): \(style.describe(next.target))"
        } else {
            expected = style.describe(assessment.expected)
        }
        let next: MilestoneTarget? = if case .awaitingBaseline(let next) = assessment.expectation { next } else { Self.milestone(indicator, year: assessment.period.year) }
        milestone = next.map { "\($0.year): \(style.describe($0.target))" } ?? ""
        self.status = status.rawValue
        statusLabel = Localizer.text("status.\(status.rawValue)", language)
        icon = Self.icons[status] ?? ""
        gap = assessment.evaluation.gap.map { Self.gap($0, indicator: indicator, style: style, language: language) } ?? ""
        reporting = "\(assessment.reportingUnits)/\(assessment.expectedUnits)"
        forecast = assessment.forecast.map { forecast in
            let shown = Self.isPercent(indicator) ? style.percent(forecast.value) : style.format(forecast.value, maxDecimals: 1)
            return "\(forecast.year): \(shown)" + (forecast.meetsTarget == false ? " ✖" : forecast.meetsTarget == true ? " ✔" : "")
        } ?? ""
        baseline = BaselineText.describe(assessment.baseline, indicator: indicator, language: language)
    }

    /// `3/10 (30 %)`, or `—` when no unit was judged.
    static func behind(_ share: BehindShare, style: NumberStyle) -> String {
        share.percentage.map { "\(share.behind)/\(share.assessed) (\(style.percent($0)))" } ?? "—"
    }

    static func isPercent(_ indicator: Indicator) -> Bool { indicator.measure == .ratio || indicator.measure == .shareOfUnits }

    /// The value, or `—` when nobody reported or a ratio has nothing to divide by.
    static func value(_ value: ConsolidatedValue?, indicator: Indicator, style: NumberStyle) -> String {
        switch value {
        case .ratio(_, _, let p?)?, .share(_, _, let p?)?: style.percent(p)
        case .count(let n)?: style.format(n)
        case .distribution(_, let median?)?: LevelScale.name(at: Double(median), in: indicator.scale)
        default: "—"
        }
    }

    static func gap(_ gap: Double, indicator: Indicator, style: NumberStyle, language: Language) -> String {
        let sign = gap > 0 ? "+" : ""
        let unit = indicator.measure == .level ? Localizer.text("evaluation.levels", language)
            : isPercent(indicator) ? Localizer.text("evaluation.points", language) : ""
        return sign + style.format(gap, maxDecimals: 1) + (unit.isEmpty ? "" : " " + unit)
    }

    /// The milestone a period's year counts towards: its own, or the next one.
    static func milestone(_ indicator: Indicator, year: Int) -> MilestoneTarget? {
        indicator.targets.sorted { $0.year < $1.year }.first { $0.year >= year }
    }
}
