import Planning
import Vapor

/// What is wrong with a directive, a reply, or a step on one.
enum DirectiveError: FeatureError {
    case refused(DirectiveRules.Refusal)
    /// The subject named does not exist (field `indicator`, `organisation` or `task`).
    case unknownSubject(field: String, code: String)
    case unknownAddressee(String)
    case invalidDue(String)
    case tooLong(field: String, limit: Int)
    case notFound

    var status: HTTPResponseStatus {
        switch self {
        case .refused(.notAllowed), .refused(.notAddressed): .forbidden
        case .refused(.closed), .refused(.alreadyClosed), .refused(.notClosed): .conflict
        case .notFound: .notFound
        default: .badRequest
        }
    }

    func message(_ language: Language) -> String {
        let vi = language == .vietnamese
        switch self {
        case .refused(let refusal):
            switch refusal {
            case .subjectCount(let count):
                return vi ? "Chọn đúng một đối tượng chỉ đạo — chỉ tiêu, đơn vị hoặc nhiệm vụ (ô «indicator», «organisation», «task»); đã chọn \(count)."
                          : "Choose exactly one subject — an indicator, a unit or a task (fields «indicator», «organisation», «task»); \(count) given."
            case .notAllowed:
                return vi ? "Chỉ lãnh đạo (Ban Chỉ đạo) ra, đóng và mở lại chỉ đạo; lãnh đạo và quản trị không trả lời thay đơn vị."
                          : "Only leadership (the Steering Committee) writes, closes and reopens directives; leadership and administrators do not reply for a unit."
            case .notAddressed(let code):
                return vi ? "Chỉ đạo này không gửi \(code): chỉ cán bộ của nơi nhận được trả lời."
                          : "This directive is not addressed to \(code): only the addressees' staff reply."
            case .closed:
                return vi ? "Chỉ đạo đã đóng: không trả lời được nữa." : "The directive is closed: it takes no more replies."
            case .alreadyClosed:
                return vi ? "Chỉ đạo đã đóng rồi." : "The directive is already closed."
            case .notClosed:
                return vi ? "Chỉ mở lại được chỉ đạo đã đóng." : "Only a closed directive can be reopened."
            case .noteRequired:
                return vi ? "Cần ghi kết luận khi đóng chỉ đạo (ô «note»)." : "A closing note is required (field «note»)."
            case .textRequired:
                return vi ? "Cần ghi nội dung (ô «text»)." : "The text is required (field «text»)."
            }
        case .unknownSubject(let field, let code):
            return vi ? "Không có \(Localizer.text("directive.subject.\(field)", language).lowercased()) mã «\(code)» (ô «\(field)»)."
                      : "There is no \(Localizer.text("directive.subject.\(field)", language).lowercased()) «\(code)» (field «\(field)»)."
        case .unknownAddressee(let code):
            return vi ? "Không có cơ quan, đơn vị mã «\(code)» (ô «addressees»)." : "There is no organisation «\(code)» (field «addressees»)."
        case .invalidDue(let text):
            return vi ? "Hạn trả lời «\(text)» không hợp lệ (ô «due»): viết dd/mm/yyyy." : "Due date «\(text)» is not valid (field «due»): write dd/mm/yyyy."
        case .tooLong(let field, let limit):
            return vi ? "Ô «\(field)» dài quá \(limit) ký tự." : "Field «\(field)» is longer than \(limit) characters."
        case .notFound:
            return vi ? "Không tìm thấy chỉ đạo." : "Directive not found."
        }
    }
}
