import Vapor

/// What can be wrong with the text of the report to the People's Committee.
enum SummaryReportError: FeatureError {
    case invalidDate(String)
    case tooLong(field: String, limit: Int)
    case missing(field: String)

    var status: HTTPResponseStatus { .badRequest }

    func message(_ language: Language) -> String {
        let vi = language == .vietnamese
        switch self {
        case .invalidDate(let text):
            return vi ? "Ngày báo cáo «\(text)» không hợp lệ: viết dd/mm/yyyy." : "Report date «\(text)» is not valid: write dd/mm/yyyy."
        case .tooLong(let field, let limit):
            return vi ? "Ô «\(Localizer.text("summary.\(field)", language))» dài quá \(limit) ký tự."
                      : "«\(Localizer.text("summary.\(field)", language))» is longer than \(limit) characters."
        case .missing(let field):
            return vi ? "Cần điền ô «\(Localizer.text("summary.\(field)", language))»." : "«\(Localizer.text("summary.\(field)", language))» is required."
        }
    }
}
