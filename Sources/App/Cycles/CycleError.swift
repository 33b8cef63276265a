import Planning
import Vapor

/// What can go wrong with a reporting cycle, in the user's words.
enum CycleError: FeatureError {
    case notFound(String)
    case invalidPeriod(String)
    case unknownCalendar(String)
    case invalidDay(field: String, value: String)
    case exists(period: String)
    case rule(ReportingCycleRules.Problem)
    case rules([ReportingCycleRules.Problem])
    case noOpenCycle

    var status: HTTPResponseStatus {
        switch self {
        case .notFound, .noOpenCycle: .notFound
        case .exists, .rule(.notFromState): .conflict
        default: .badRequest
        }
    }

    func message(_ language: Language) -> String {
        let vi = language == .vietnamese
        switch self {
        case .notFound(let id): return vi ? "Không có đợt báo cáo \(id)." : "There is no reporting cycle \(id)."
        case .noOpenCycle: return vi ? "Không có đợt báo cáo nào đang mở." : "No reporting cycle is open."
        case .invalidPeriod(let code):
            return vi ? "Kỳ báo cáo «\(code)» không hợp lệ: viết dạng 2026NovS1 (6 tháng đầu) hoặc 2026NovS2 (cả năm)."
                      : "Period «\(code)» is not valid: write it as 2026NovS1 (first half) or 2026NovS2 (whole year)."
        case .unknownCalendar(let name):
            return vi ? "Lịch báo cáo «\(name)» không có; chọn november hoặc decree09." : "Calendar «\(name)» does not exist; choose november or decree09."
        case .invalidDay(let field, let value):
            return vi ? "Ngày «\(value)» ở ô \(Self.fieldName(field, vi)) không hợp lệ: viết dd/mm/yyyy." : "Date «\(value)» in \(Self.fieldName(field, vi)) is not valid: write dd/mm/yyyy."
        case .exists(let period):
            return vi ? "Đã có đợt báo cáo cho kỳ \(period)." : "A cycle for period \(period) already exists."
        case .rule(let problem): return Self.describe(problem, vi)
        case .rules(let problems): return problems.map { Self.describe($0, vi) }.joined(separator: "\n")
        }
    }

    static func describe(_ problem: ReportingCycleRules.Problem, _ vi: Bool) -> String {
        switch problem {
        case .endBeforeStart: return vi ? "Ngày kết thúc kỳ ở trước ngày bắt đầu." : "The period ends before it starts."
        case .cutoffOutsidePeriod: return vi ? "Ngày chốt số liệu phải nằm trong kỳ báo cáo." : "The cut-off day must lie within the period."
        case .dueBeforeCutoff: return vi ? "Hạn nộp không được trước ngày chốt số liệu." : "The due day cannot come before the cut-off day."
        case .reminderDaysOutOfRange(let n):
            return vi ? "Số ngày nhắc trước hạn phải từ 0 đến 60 (đã nhập \(n))." : "Reminder days must be 0 to 60 (got \(n))."
        case .notFromState(let action, let state):
            let verb = action == "open" ? (vi ? "mở" : "open") : action == "close" ? (vi ? "đóng" : "close") : (vi ? "sửa" : "edit")
            return vi ? "Không thể \(verb) đợt báo cáo đang ở trạng thái «\(Localizer.text("cycle.state.\(state.rawValue)", .vietnamese))»."
                      : "Cannot \(verb) a cycle that is \(Localizer.text("cycle.state.\(state.rawValue)", .english))."
        }
    }

    static func fieldName(_ field: String, _ vi: Bool) -> String {
        Localizer.text("cycle.\(field)", vi ? .vietnamese : .english)
    }
}
