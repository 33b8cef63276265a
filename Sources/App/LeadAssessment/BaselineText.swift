import Planning

/// A baseline as people read it: "62 % (năm 2025, nguồn: Báo cáo thống kê y tế 2025, do Phòng Bảo hiểm y tế nhập)" or
/// "40 % (tính từ số liệu năm 2025)"; empty when the assessment has none.
enum BaselineText {
    static func describe(_ baseline: Baseline?, indicator: Indicator, language: Language) -> String {
        guard let baseline else { return "" }
        let style = language.numbers
        let value = self.value(baseline.value, indicator: indicator, style: style)
        switch baseline.source {
        case .firstReportedYear:
            return "\(value) (" + Localizer.text("baseline.computed", language).replacingOccurrences(of: "{year}", with: String(baseline.year)) + ")"
        case .entered(let source, let office):
            return "\(value) (" + Localizer.text("baseline.entered", language).replacingOccurrences(of: "{year}", with: String(baseline.year))
                .replacingOccurrences(of: "{source}", with: source).replacingOccurrences(of: "{office}", with: office) + ")"
        }
    }

    static func value(_ value: ComparableValue, indicator: Indicator, style: NumberStyle) -> String {
        switch value {
        case .number(let number): AssessmentText.isPercent(indicator) ? style.percent(number) : style.format(number)
        case .level(let rank): indicator.scale.indices.contains(rank) ? indicator.scale[rank] : "—"
        }
    }

    /// The number as a form shows it for editing (`62,5`), or the level's words.
    static func input(_ record: BaselineRecord?, style: NumberStyle) -> String {
        guard let record else { return "" }
        return record.level ?? style.format(record.value, maxDecimals: 4)
    }
}
