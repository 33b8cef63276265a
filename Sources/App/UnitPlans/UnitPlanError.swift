import Planning
import Vapor

/// What can go wrong with a unit's plan, in the user's words; several problems are listed together.
enum UnitPlanError: FeatureError {
    struct Problem: Sendable {
        let indicator: String
        let year: Int
        let text: String
        let reason: Reason
    }

    enum Reason: Sendable {
        case target(UnitPlan.Problem)
        case notReported
        case notMilestone
        case notYourIndicator
    }

    case problems([Problem])

    var status: HTTPResponseStatus {
        if case .problems(let list) = self, list.contains(where: { if case .notYourIndicator = $0.reason { true } else { false } }) { return .forbidden }
        return .badRequest
    }

    func message(_ language: Language) -> String {
        guard case .problems(let list) = self else { return "" }
        return list.map { "\($0.indicator)/\($0.year): " + Self.describe($0, language) }.joined(separator: "\n")
    }

    static func describe(_ problem: Problem, _ language: Language) -> String {
        let vi = language == .vietnamese
        switch problem.reason {
        case .notReported: return vi ? "đơn vị không báo cáo chỉ tiêu này." : "the organisation does not report this indicator."
        case .notMilestone: return vi ? "\(problem.year) không phải năm mốc (2025, 2030, 2035, 2040, 2045)." : "\(problem.year) is not a milestone year."
        case .notYourIndicator: return vi ? "chỉ tiêu do phòng khác chủ trì." : "the indicator is led by another office."
        case .target(let reason):
            switch reason {
            case .unreadable(let text):
                return vi ? "«\(text)» không phải chỉ tiêu hợp lệ: viết ≥ 80, > 80, 80, 80-90, - hoặc một mức của thang." : "«\(text)» is not a target: write ≥ 80, > 80, 80, 80-90, - or a level of the scale."
            case .invalidRange(let text): return vi ? "khoảng «\(text)» có đầu dưới lớn hơn đầu trên." : "the band «\(text)» has its low end above its high end."
            case .wrongKind(let measure):
                return measure == .level ? (vi ? "chỉ tiêu định tính: chọn một mức của thang." : "a level indicator: choose a level of its scale.")
                                         : (vi ? "chỉ tiêu định lượng: nhập một số." : "a numeric indicator: enter a number.")
            case .aboveHundred(let x): return vi ? "tỉ lệ không quá 100 % (đã nhập \(NumberStyle.vietnamese.format(x)))." : "a percentage cannot exceed 100 (got \(NumberStyle.english.format(x)))."
            case .tooLarge(let maximum):
                return vi ? "số quá lớn: không quá \(NumberStyle.vietnamese.format(maximum))." : "the number is too large: at most \(NumberStyle.english.format(maximum))."
            case .negative(let x): return vi ? "không được là số âm (\(NumberStyle.vietnamese.format(x)))." : "cannot be negative (\(NumberStyle.english.format(x)))."
            }
        }
    }
}
