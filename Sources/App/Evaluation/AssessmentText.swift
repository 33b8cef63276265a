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
    /// `Chưa đủ số liệu: 1/20 đơn vị` when the verdict is provisional, else empty.
    let provisional: String
    /// The names of the units whose value is carried from an earlier period of the year, comma-separated.
    let carried: String
    /// Whose targets the value is held against, as read (`Theo kế hoạch của đơn vị`).
    let targetSource: String
    let forecast: String
    /// For a level indicator, how many units reach the period's level (`8/11 đơn vị đạt mức «Đạt chuẩn tiên tiến» trở lên`),
    /// else empty.
    let reach: String
    /// Where the line starts, with its year and source (`62 % (năm 2025, nguồn: …)`); empty without one.
    let baseline: String

    static let icons: [EvaluationStatus: String] = [.exceeded: "▲", .met: "✔", .onTrack: "➚", .behind: "➘", .notMet: "✖", .noData: "…",
                                                    .noTarget: "—", .noBaseline: "○", .sectorTotal: "Σ"]

    /// - Parameter names: organisation names by code, for the units carried forward (codes where a name is missing).
    init(_ assessment: Assessment, indicator: Indicator, language: Language, names: [String: String] = [:]) {
        let style = language.numbers
        let status = assessment.evaluation.status
        code = indicator.code
        name = indicator.name
        value = Self.value(assessment.value, indicator: indicator, style: style)
        // Awaiting a baseline, the year has no figure of its own yet: the milestone the line will run to is what it expects.
        expected = Self.expected(assessment, style: style, language: language)
        let next: MilestoneTarget? = if case .awaitingBaseline(let next) = assessment.expectation { next } else { Self.milestone(indicator, year: assessment.period.year) }
        milestone = next.map { "\($0.year): \(style.describe($0.target))" } ?? ""
        self.status = status.rawValue
        statusLabel = Localizer.text("status.\(status.rawValue)", language)
        icon = Self.icons[status] ?? ""
        gap = assessment.evaluation.gap.map { Self.gap($0, indicator: indicator, style: style, language: language) } ?? ""
        reporting = "\(assessment.reportingUnits)/\(assessment.expectedUnits)"
        provisional = assessment.isProvisional ? Localizer.text("coverage.provisional", language, [
            "reported": String(assessment.coverage.reported), "expected": String(assessment.coverage.expected)]) : ""
        carried = Self.carried(assessment.coverage, names: names, language: language)
        targetSource = Localizer.text("source.\(assessment.targetSource.rawValue)", language)
        reach = Self.reach(assessment, indicator: indicator, language: language)
        forecast = assessment.forecast.map { forecast in
            let shown = Self.isPercent(indicator) ? style.percent(forecast.value) : style.format(forecast.value, maxDecimals: 1)
            return "\(forecast.year): \(shown)" + (forecast.meetsTarget == false ? " ✖" : forecast.meetsTarget == true ? " ✔" : "")
        } ?? ""
        baseline = BaselineText.describe(assessment.baseline, indicator: indicator, language: language)
    }

    /// The one wording of what a period expects, the same on the form, the dashboards and the documents: the target;
    /// both parts where the period's differs from the year's (`Cả năm 2027: ≥ 1,4 · 6 tháng đầu: ≥ 0,7`); awaiting a
    /// baseline, the milestone the line will run to (`Mốc 2030: ≥ 90 %`).
    static func expected(_ assessment: Assessment, style: NumberStyle, language: Language) -> String {
        expected(year: assessment.expectation, period: assessment.expected, in: assessment.period, style: style, language: language)
    }

    static func expected(year expectation: Expectation, period: Target, in reportingPeriod: ReportingPeriod, style: NumberStyle, language: Language) -> String {
        switch expectation {
        case .awaitingBaseline(let next):
            return Localizer.text("evaluation.milestone", language) + " \(next.year): \(style.describe(next.target))"
        case .target(let year) where year != period:
            return Localizer.text("expected.year", language, ["year": String(reportingPeriod.year)]) + ": \(style.describe(year)) · "
                + Localizer.text("expected.firstHalf", language) + ": \(style.describe(period))"
        case .target, .none:
            return style.describe(period)
        }
    }

    /// Units at the period's level or above — the target's level, else the milestone's the line runs to, else the
    /// median's — of those that answered.
    /// The carried units by name, "và N đơn vị khác" for those beyond the few named.
    static func carried(_ coverage: Coverage, names: [String: String], language: Language) -> String {
        var parts = coverage.carriedForward.map { names[$0] ?? $0 }
        let more = coverage.carriedCount - coverage.carriedForward.count
        if more > 0 { parts.append(Localizer.text("coverage.carriedMore", language, ["count": String(more)])) }
        return parts.joined(separator: ", ")
    }

    static func reach(_ assessment: Assessment, indicator: Indicator, language: Language) -> String {
        guard case .distribution(let counts, let median)? = assessment.value else { return "" }
        let rank: Int? = if case .level(_, let rank) = assessment.expected {
            rank
        } else if case .awaitingBaseline(let next) = assessment.expectation, case .level(_, let rank) = next.target {
            rank
        } else {
            median
        }
        guard let rank, indicator.scale.indices.contains(rank) else { return "" }
        let (reached, answered) = ReportSummaries.reaching(counts, rank: rank)
        return Localizer.text("level.reach", language, ["reached": String(reached), "answered": String(answered), "level": indicator.scale[rank]])
    }

    /// A unit's share of the sector total as read (`6,1 % tổng toàn ngành`); empty when there is none (not a count).
    static func share(_ unit: Assessment, of sector: Assessment, language: Language) -> String {
        unit.share(of: sector).map { Localizer.text("share.ofSector", language, ["share": language.numbers.percent($0)]) } ?? ""
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
