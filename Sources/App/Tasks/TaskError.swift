import Planning
import Vapor

/// A problem in a task CSV file: line (1-based; 0 for the file as a whole), column and what is wrong.
struct TaskFileProblem: Sendable, Equatable {
    enum Reason: Sendable, Equatable {
        case field(TaskProblem.Reason)
        case unreadable(String)
        case missingColumn
        case noRows
        case duplicateCode(String, firstLine: Int)
        case codeTaken(String)
    }

    let line: Int
    let column: String
    let reason: Reason
}

/// What can go wrong with tasks, their updates and funding, in both languages.
enum TaskError: FeatureError {
    case taskNotFound(String)
    case invalid([TaskProblem])
    case file([TaskFileProblem])
    case codeTaken(String)
    case noOpenCycle(plan: String)
    case cycleNotFound(String)
    case cycleNotOpen(period: String)
    case invalidStatus(String)
    case invalidProgress(String)
    case commentTooLong(maximum: Int)
    case invalidAmount(field: String, value: String)
    case invalidSource(String)
    case duplicateSource(String)
    /// Funding for a task may be entered only by an organisation that leads it or takes part in it.
    case notInvolved(task: String, organisation: String)
    case notCSV

    var status: HTTPResponseStatus {
        switch self {
        case .taskNotFound, .cycleNotFound: .notFound
        case .codeTaken, .noOpenCycle, .cycleNotOpen: .conflict
        case .notInvolved: .forbidden
        case .notCSV: .unsupportedMediaType
        default: .badRequest
        }
    }

    func message(_ language: Language) -> String {
        messages(language).joined(separator: "\n")
    }

    func messages(_ language: Language) -> [String] {
        let vi = language == .vietnamese
        switch self {
        case .taskNotFound(let id): return [vi ? "Không có nhiệm vụ \(id)." : "There is no task \(id)."]
        case .invalid(let problems): return problems.map { Self.describe($0, language) }
        case .file(let problems): return problems.map { Self.describe($0, language) }
        case .codeTaken(let code):
            return [vi ? "Đã có nhiệm vụ mã \(code) trong kế hoạch này." : "The plan already has a task with code \(code)."]
        case .noOpenCycle(let plan):
            return [vi ? "Kế hoạch \(plan) chưa có đợt báo cáo nào đang mở: chỉ cập nhật được trong đợt đang mở."
                       : "Plan \(plan) has no open reporting cycle: updates are taken only in an open cycle."]
        case .cycleNotFound(let id): return [vi ? "Không có đợt báo cáo \(id)." : "There is no reporting cycle \(id)."]
        case .cycleNotOpen(let period):
            return [vi ? "Đợt báo cáo \(period) không mở: chỉ cập nhật được trong đợt đang mở." : "Reporting cycle \(period) is not open: updates are taken only in an open cycle."]
        case .invalidStatus(let value):
            let allowed = TaskStatus.allCases.map(\.rawValue).joined(separator: ", ")
            return [vi ? "Trạng thái \"\(value.prefix(40))\" không hợp lệ; được phép: \(allowed)." : "Status \"\(value.prefix(40))\" is not valid; allowed: \(allowed)."]
        case .invalidProgress(let value):
            return [vi ? "Tiến độ \"\(value.prefix(40))\" không hợp lệ: cần một số nguyên từ 0 đến 100 (%)." : "Progress \"\(value.prefix(40))\" is not valid: a whole number from 0 to 100 (%)."]
        case .commentTooLong(let maximum):
            return [vi ? "Nhận xét dài quá \(maximum) ký tự." : "The comment is longer than \(maximum) characters."]
        case .invalidAmount(let field, let value):
            return [vi ? "Số tiền \"\(value.prefix(40))\" ở trường \(field) không hợp lệ: cần số đồng nguyên, không âm (ví dụ 1.500.000), tối đa 10^15."
                       : "Amount \"\(value.prefix(40))\" in field \(field) is not valid: whole đồng, not negative (e.g. 1,500,000), at most 10^15."]
        case .invalidSource(let value):
            let allowed = FundingSource.allCases.map(\.rawValue).joined(separator: ", ")
            return [vi ? "Nguồn kinh phí \"\(value.prefix(40))\" không hợp lệ; được phép: \(allowed)." : "Funding source \"\(value.prefix(40))\" is not valid; allowed: \(allowed)."]
        case .duplicateSource(let source):
            return [vi ? "Nguồn kinh phí \(source) được gửi hai lần." : "Funding source \(source) is sent twice."]
        case .notInvolved(let task, let organisation):
            return [vi ? "\(organisation) không chủ trì cũng không phối hợp nhiệm vụ \(task): không nhập kinh phí cho nhiệm vụ này được."
                       : "\(organisation) neither leads nor takes part in task \(task), so it cannot enter funding for it."]
        case .notCSV:
            return [vi ? "Cần gửi tệp CSV (Content-Type: text/csv)." : "Send a CSV file (Content-Type: text/csv)."]
        }
    }

    static func describe(_ problem: TaskProblem, _ language: Language) -> String {
        (language == .vietnamese ? "Trường \(problem.field.rawValue): " : "Field \(problem.field.rawValue): ") + describe(problem.reason, language)
    }

    static func describe(_ problem: TaskFileProblem, _ language: Language) -> String {
        let vi = language == .vietnamese
        let place = problem.line == 0 ? (vi ? "Tệp" : "File")
            : (vi ? "Dòng \(problem.line), cột \(problem.column)" : "Line \(problem.line), column \(problem.column)")
        let what: String = switch problem.reason {
        case .field(let reason): describe(reason, language)
        case .unreadable(let detail): vi ? "không đọc được CSV (\(detail))" : "not readable as CSV (\(detail))"
        case .missingColumn: vi ? "thiếu cột (cần: \(TaskImport.columns.joined(separator: ",")))" : "column missing (needed: \(TaskImport.columns.joined(separator: ",")))"
        case .noRows: vi ? "không có dòng dữ liệu nào" : "has no data rows"
        case .duplicateCode(let code, let first): vi ? "mã \(code) đã có ở dòng \(first)" : "code \(code) is already on line \(first)"
        case .codeTaken(let code): vi ? "mã \(code) đã có trong kế hoạch" : "code \(code) already exists in the plan"
        }
        return "\(place): \(what)"
    }

    static func describe(_ reason: TaskProblem.Reason, _ language: Language) -> String {
        let vi = language == .vietnamese
        switch reason {
        case .empty: return vi ? "để trống" : "is empty"
        case .invalidCode(let code):
            return vi ? "mã \"\(code)\" chỉ được gồm chữ không dấu, số, -, _ và ." : "code \"\(code)\" may hold only ASCII letters, digits, -, _ and ."
        case .tooLong(let maximum): return vi ? "dài quá \(maximum) ký tự" : "is longer than \(maximum) characters"
        case .controlCharacter: return vi ? "chứa ký tự điều khiển" : "holds a control character"
        case .invalidDate(let text):
            return vi ? "\"\(text.prefix(40))\" không phải ngày dạng dd/mm/yyyy hoặc yyyy-mm-dd" : "\"\(text.prefix(40))\" is not a day written dd/mm/yyyy or yyyy-mm-dd"
        case .endBeforeStart(let start, let end):
            return vi ? "ngày kết thúc \(end.vietnamese) trước ngày bắt đầu \(start.vietnamese)" : "the end \(end.iso) is before the start \(start.iso)"
        case .unknownOrganisation(let code):
            return vi ? "không có cơ quan, đơn vị mã \(code.prefix(40))" : "there is no organisation with code \(code.prefix(40))"
        }
    }
}
