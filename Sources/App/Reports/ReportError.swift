import Planning
import Vapor

/// What can go wrong with a report, in the user's words.
enum ReportError: FeatureError {
    case notFound(String)
    case cycleNotOpen(CycleState)
    case workflow(ReportWorkflow.Refusal)
    /// Someone saved the report since this form was opened.
    case versionConflict(current: Int, yours: Int)
    case invalidValues([String: [ValueCheck.Problem]], names: [String: String])
    case unknownIndicator(String)
    /// A lead office entering a department-level value of an indicator another office leads.
    case notYourIndicator(String)
    case notANumber(indicator: String, field: String, text: String)
    case textTooLong(field: String, maximum: Int)

    var status: HTTPResponseStatus {
        switch self {
        case .notFound: .notFound
        case .versionConflict, .cycleNotOpen, .workflow(.notFromState): .conflict
        case .workflow(.notAllowed), .notYourIndicator: .forbidden
        default: .badRequest
        }
    }

    func message(_ language: Language) -> String {
        let vi = language == .vietnamese
        switch self {
        case .notFound(let id): return vi ? "Không có báo cáo \(id)." : "There is no report \(id)."
        case .cycleNotOpen(let state):
            return vi ? "Đợt báo cáo đang «\(Localizer.text("cycle.state.\(state.rawValue)", language))»: không thể thay đổi báo cáo."
                      : "The cycle is \(Localizer.text("cycle.state.\(state.rawValue)", language)): the report cannot change."
        case .workflow(let refusal): return Self.describe(refusal, language)
        case .versionConflict(let current, let yours):
            return vi ? "Báo cáo vừa được người khác lưu (phiên bản \(current), bạn đang sửa phiên bản \(yours)). Số liệu của bạn chưa được lưu: tải lại trang để xem bản mới rồi nhập lại."
                      : "Someone else saved this report meanwhile (version \(current); you were editing version \(yours)). Your values were not saved: reload the page and enter them again."
        case .invalidValues(let problems, let names):
            return problems.sorted { $0.key < $1.key }.flatMap { code, list in
                list.map { "\(code) \(names[code] ?? ""): " + Self.describe($0, language) }
            }.joined(separator: "\n")
        case .unknownIndicator(let code):
            return vi ? "Chỉ tiêu \(code) không thuộc báo cáo này." : "Indicator \(code) is not part of this report."
        case .notYourIndicator(let code):
            return vi ? "Chỉ tiêu \(code) do phòng khác chủ trì: bạn không nhập được số liệu cấp Sở của chỉ tiêu này."
                      : "Indicator \(code) is led by another office: you cannot enter its department-level value."
        case .notANumber(let code, let field, let text):
            return vi ? "\(code): «\(text)» ở ô \(Localizer.text("value.\(field)", language)) không phải là số."
                      : "\(code): «\(text)» in \(Localizer.text("value.\(field)", language)) is not a number."
        case .textTooLong(let field, let maximum):
            return vi ? "Ô \(Localizer.text("report.\(field)", language)) dài quá \(maximum) ký tự." : "\(Localizer.text("report.\(field)", language)) is longer than \(maximum) characters."
        }
    }

    static func describe(_ refusal: ReportWorkflow.Refusal, _ language: Language) -> String {
        let vi = language == .vietnamese
        switch refusal {
        case .notFromState(let action, let state):
            return vi ? "Không thể «\(Localizer.text("action.\(action.rawValue)", language))» báo cáo đang ở trạng thái «\(Localizer.text("state.\(state.rawValue)", language))»."
                      : "Cannot \(Localizer.text("action.\(action.rawValue)", language).lowercased()) a report that is \(Localizer.text("state.\(state.rawValue)", language).lowercased())."
        case .notAllowed(let action, _):
            return vi ? "Bạn không có quyền «\(Localizer.text("action.\(action.rawValue)", language))» báo cáo này."
                      : "You may not \(Localizer.text("action.\(action.rawValue)", language).lowercased()) this report."
        case .reasonRequired(let action):
            return vi ? "Cần ghi lý do khi «\(Localizer.text("action.\(action.rawValue)", language))» báo cáo." : "A reason is needed to \(Localizer.text("action.\(action.rawValue)", language).lowercased()) a report."
        }
    }

    /// One value problem, as shown next to the field.
    static func describe(_ problem: ValueCheck.Problem, _ language: Language) -> String {
        let vi = language == .vietnamese
        let style: NumberStyle = vi ? .vietnamese : .english
        switch problem {
        case .required: return vi ? "Cần nhập số liệu trước khi gửi." : "A value is needed before submitting."
        case .negative: return vi ? "Không được là số âm." : "Cannot be negative."
        case .notWhole: return vi ? "Phải là số nguyên." : "Must be a whole number."
        case .zeroDenominator: return vi ? "Mẫu số phải lớn hơn 0." : "The denominator must be more than 0."
        case .zeroOverZeroNeedsComment:
            return vi ? "0/0 (đơn vị không có đối tượng để tính) được chấp nhận khi có ghi chú giải thích." : "0/0 (nothing to count at this unit) is accepted with a comment explaining it."
        case .numeratorAboveDenominator: return vi ? "Tử số không được lớn hơn mẫu số." : "The numerator cannot exceed the denominator."
        case .unknownLevel(let level): return vi ? "Mức «\(level)» không có trong thang của chỉ tiêu." : "Level «\(level)» is not on the indicator's scale."
        case .bigChangeNeedsComment(let previous, let current):
            return vi ? "Thay đổi lớn so với kỳ trước (\(style.format(previous)) → \(style.format(current))): cần ghi chú giải thích."
                      : "A big change from the previous period (\(style.format(previous)) → \(style.format(current))): explain it in the comment."
        case .wrongShape(let measure):
            return vi ? "Số liệu không đúng dạng của chỉ tiêu (\(Localizer.text("measure.\(measure.rawValue)", language)))."
                      : "The value does not fit the indicator's measure (\(Localizer.text("measure.\(measure.rawValue)", language)))."
        case .incompleteRatio: return vi ? "Cần nhập cả tử số và mẫu số." : "Enter both numerator and denominator."
        case .commentTooLong(let maximum): return vi ? "Ghi chú dài quá \(maximum) ký tự." : "The comment is longer than \(maximum) characters."
        case .outOfRange(let maximum):
            return vi ? "Số không hợp lệ: phải là số hữu hạn, không quá \(style.format(maximum))." : "Not a valid number: it must be finite and at most \(style.format(maximum))."
        }
    }
}
