import Planning
import Vapor

/// What stops a step of the sign-off, or an edit, of the report to the People's Committee.
enum SummarySignoffError: FeatureError {
    case refused(SummarySignoff.Refusal)
    /// The text may be changed only while the report is a draft.
    case notEditable(SummaryReportState)
    /// The period's report has not been issued (yet): there is no issued document to download.
    case notIssued(period: String)

    var status: HTTPResponseStatus {
        switch self {
        case .refused(.notAllowed): .forbidden
        case .refused(.notFromState), .refused(.numberTaken), .notEditable: .conflict
        case .refused: .badRequest
        case .notIssued: .notFound
        }
    }

    func message(_ language: Language) -> String {
        let vi = language == .vietnamese
        switch self {
        case .notEditable(let state):
            return vi ? "Báo cáo đang ở trạng thái «\(Self.state(state, language))»: chỉ sửa được nội dung khi báo cáo là dự thảo."
                      : "The report is «\(Self.state(state, language))»: its text can be changed only while it is a draft."
        case .notIssued(let period):
            return vi ? "Báo cáo kỳ \(period) chưa được ban hành." : "The \(period) report has not been issued."
        case .refused(let refusal):
            return Self.message(refusal, vi: vi, language)
        }
    }

    private static func message(_ refusal: SummarySignoff.Refusal, vi: Bool, _ language: Language) -> String {
        switch refusal {
        case .notFromState(let action, let state):
            return vi ? "Không thể «\(Localizer.text("signoff.action.\(action.rawValue)", language))» khi báo cáo đang ở trạng thái «\(Self.state(state, language))»."
                      : "Cannot «\(Localizer.text("signoff.action.\(action.rawValue)", language))» a report that is «\(Self.state(state, language))»."
        case .notAllowed(let action, _):
            return vi ? "Bạn không có quyền «\(Localizer.text("signoff.action.\(action.rawValue)", language))» báo cáo này."
                      : "You may not «\(Localizer.text("signoff.action.\(action.rawValue)", language))» this report."
        case .reasonRequired:
            return vi ? "Cần ghi lý do trả lại (ô «reason»)." : "A reason for returning it is required (field «reason»)."
        case .numberRequired:
            return vi ? "Cần điền số văn bản khi ban hành (ô «number»)." : "The number is required to issue the report (field «number»)."
        case .invalidNumber(let number):
            return vi ? "Số văn bản «\(number)» không hợp lệ (ô «number»): chỉ gồm chữ, số, dấu - và dấu ., tối đa \(SummarySignoff.maximumNumberLength) ký tự."
                      : "Number «\(number)» is not valid (field «number»): letters, digits, - and . only, at most \(SummarySignoff.maximumNumberLength) characters."
        case .dateRequired:
            return vi ? "Cần điền ngày ban hành (ô «date»), dạng dd/mm/yyyy." : "The date is required to issue the report (field «date»), dd/mm/yyyy."
        case .invalidDate(let text):
            return vi ? "Ngày ban hành «\(text)» không hợp lệ (ô «date»): viết dd/mm/yyyy." : "Date «\(text)» is not valid (field «date»): write dd/mm/yyyy."
        case .numberTaken(let number, let year):
            return vi ? "Số \(number) đã dùng cho một báo cáo khác ban hành năm \(year) (ô «number»)."
                      : "Number \(number) is already used by another report issued in \(year) (field «number»)."
        }
    }

    static func state(_ state: SummaryReportState, _ language: Language) -> String {
        Localizer.text("signoff.state.\(state.rawValue)", language)
    }
}
