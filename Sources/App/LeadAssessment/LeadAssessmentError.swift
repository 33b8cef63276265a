import Planning
import Vapor

/// What can go wrong with a baseline or a lead office's assessment, in the user's words, naming the field.
enum LeadAssessmentError: FeatureError {
    /// The user's office does not lead the indicator (403).
    case notLeadOffice(indicator: String, leads: [String])
    case baseline([Baseline.Problem])
    case assessment([LeadAssessment.Problem])
    /// A status word that is not an evaluation status.
    case unknownStatus(String)
    /// No reporting cycle for the period: nothing to assess yet.
    case noCycle(period: String)

    var status: HTTPResponseStatus {
        if case .notLeadOffice = self { return .forbidden }
        return .badRequest
    }

    func message(_ language: Language) -> String {
        messages(language).joined(separator: "\n")
    }

    func messages(_ language: Language) -> [String] {
        let vi = language == .vietnamese
        switch self {
        case .notLeadOffice(let indicator, let leads):
            let offices = leads.joined(separator: ", ")
            return [vi ? "Chỉ cơ quan chủ trì theo dõi, đánh giá chỉ tiêu \(indicator) (\(offices)) được nhập số liệu gốc và đánh giá chỉ tiêu này."
                       : "Only the office leading \(indicator) (\(offices)) may enter its baseline and assessment."]
        case .baseline(let problems):
            return problems.map { Self.describe($0, vi) }
        case .assessment(let problems):
            return problems.map { Self.describe($0, vi, language) }
        case .unknownStatus(let text):
            let allowed = EvaluationStatus.allCases.map(\.rawValue).joined(separator: ", ")
            return [vi ? "Trường status=\(text) không hợp lệ; giá trị được phép: \(allowed)." : "Field status=\(text) is not valid; allowed: \(allowed)."]
        case .noCycle(let period):
            return [vi ? "Tham số period=\(period): chưa có đợt báo cáo cho kỳ này, chưa đánh giá được." : "Parameter period=\(period): there is no reporting cycle for this period yet, so nothing to assess."]
        }
    }

    /// The field a problem is about, for showing it next to the field on a form.
    static func field(_ problem: Baseline.Problem) -> String {
        switch problem {
        case .valueRequired, .outOfDomain, .notOnScale: "value"
        case .yearOutsidePlan, .yearInFuture: "year"
        case .sourceRequired, .sourceTooLong: "source"
        }
    }

    static func field(_ problem: LeadAssessment.Problem) -> String {
        switch problem {
        case .statusNotChoosable: "status"
        case .reasonRequired: "reason"
        case .analysisRequired: "analysis"
        case .tooLong(let field, _): field
        }
    }

    static func describe(_ problem: Baseline.Problem, _ vi: Bool) -> String {
        let style: NumberStyle = vi ? .vietnamese : .english
        switch problem {
        case .valueRequired(let measure):
            return measure == .level ? (vi ? "Trường level: chọn một mức của thang (bắt buộc)." : "Field level: choose a level of the scale (required).")
                                     : (vi ? "Trường value: nhập số liệu gốc (bắt buộc)." : "Field value: enter the baseline value (required).")
        case .outOfDomain(let value, let domain):
            let shown = value.isFinite ? style.format(value, maxDecimals: 4) : "\(value)"
            return vi ? "Trường value: \(shown) không hợp lệ; phải là số từ \(style.format(domain.bounds.lowerBound)) đến \(style.format(domain.bounds.upperBound))."
                      : "Field value: \(shown) is not valid; it must be a number from \(style.format(domain.bounds.lowerBound)) to \(style.format(domain.bounds.upperBound))."
        case .notOnScale(let level, let scale):
            return vi ? "Trường level: «\(level)» không phải một mức của thang (\(scale.joined(separator: "; ")))."
                      : "Field level: «\(level)» is not a level of the scale (\(scale.joined(separator: "; ")))."
        case .yearOutsidePlan(let year, let first, let last):
            return vi ? "Trường year: năm \(year) ngoài thời gian của Kế hoạch (\(first)–\(last))." : "Field year: \(year) is outside the plan (\(first)–\(last))."
        case .yearInFuture(let year, let current):
            return vi ? "Trường year: năm \(year) chưa đến (năm nay là \(current)); số liệu gốc là số liệu đã có." : "Field year: \(year) has not come yet (this year is \(current)); a baseline is a figure already measured."
        case .sourceRequired:
            return vi ? "Trường source: ghi nguồn của số liệu gốc (bắt buộc), ví dụ «Báo cáo thống kê y tế 2025»." : "Field source: say where the figure comes from (required)."
        case .sourceTooLong(let maximum):
            return vi ? "Trường source: không quá \(maximum) ký tự." : "Field source: at most \(maximum) characters."
        }
    }

    static func describe(_ problem: LeadAssessment.Problem, _ vi: Bool, _ language: Language) -> String {
        switch problem {
        case .statusNotChoosable(let status, let allowed):
            let words = allowed.map { Localizer.text("status.\($0.rawValue)", language) }.joined(separator: ", ")
            return vi ? "Trường status: không chọn được «\(Localizer.text("status.\(status.rawValue)", language))» cho kỳ này; chọn xác nhận kết quả tính hoặc một trong: \(words)."
                      : "Field status: «\(Localizer.text("status.\(status.rawValue)", language))» cannot be chosen for this period; confirm the computed status or choose one of: \(words)."
        case .reasonRequired:
            return vi ? "Trường reason: khi đổi trạng thái so với kết quả tính, phải ghi lý do." : "Field reason: a status other than the computed one needs a reason."
        case .analysisRequired:
            return vi ? "Trường analysis: phần «Phân tích, đánh giá» là bắt buộc." : "Field analysis: the analysis is required."
        case .tooLong(let field, let maximum):
            return vi ? "Trường \(field): không quá \(maximum) ký tự." : "Field \(field): at most \(maximum) characters."
        }
    }
}
