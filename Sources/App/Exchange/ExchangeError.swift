import Vapor

/// What is wrong with a file or body brought in for import, in the user's words.
enum ExchangeError: FeatureError {
    case malformedJSON(vi: String, en: String)
    case malformedCSV(line: Int)
    case empty
    case unknownFormat
    case template(TemplateProblem)
    case tooLarge(limit: Int)
    case invalidOption(name: String, value: String, allowed: [String])
    /// The command line's import found problems: nothing was written.
    case refused(problems: Int)

    enum TemplateProblem: Sendable, Equatable {
        case notATemplate
        case otherReport(organisation: String, period: String)
        case unreadable(String)
    }

    var status: HTTPResponseStatus {
        switch self {
        case .tooLarge: .payloadTooLarge
        case .unknownFormat: .unsupportedMediaType
        default: .badRequest
        }
    }

    func message(_ language: Language) -> String {
        let vi = language == .vietnamese
        switch self {
        case .malformedJSON(let detailVi, let detailEn):
            return vi ? "Tệp JSON không đúng dạng dataValueSet của DHIS2: \(detailVi)." : "The JSON is not a DHIS2 dataValueSet: \(detailEn)."
        case .malformedCSV(let line):
            return vi ? "Tệp CSV lỗi ở dòng \(line): dấu ngoặc kép không đóng." : "The CSV is broken at line \(line): a quote is never closed."
        case .empty: return vi ? "Tệp trống: không có giá trị nào." : "The file is empty: there are no values."
        case .unknownFormat:
            return vi ? "Không nhận ra định dạng tệp: cần .xlsx (mẫu báo cáo), JSON hoặc CSV dataValueSet." : "Unknown file format: expected an .xlsx template, JSON or CSV dataValueSet."
        case .template(.notATemplate):
            return vi ? "Tệp Excel này không phải mẫu báo cáo của hệ thống (thiếu trang «chitieu»). Hãy tải mẫu từ trang báo cáo."
                      : "This Excel file is not one of the system's report templates (no «chitieu» sheet). Download the template from the report page."
        case .template(.otherReport(let organisation, let period)):
            return vi ? "Tệp mẫu này của \(organisation), kỳ \(period): không phải báo cáo này." : "This template belongs to \(organisation), period \(period): not this report."
        case .template(.unreadable(let reason)): return reason
        case .tooLarge(let limit):
            return vi ? "Tệp lớn quá \(limit / 1_000_000) MB." : "The file is larger than \(limit / 1_000_000) MB."
        case .refused(let problems):
            return vi ? "Không ghi giá trị nào: \(problems) lỗi (xem các dòng trên)." : "Nothing was written: \(problems) problems (see the lines above)."
        case .invalidOption(let name, let value, let allowed):
            return vi ? "Tham số \(name)=\(value) không hợp lệ; giá trị được phép: \(allowed.joined(separator: ", "))."
                      : "Parameter \(name)=\(value) is not valid; allowed: \(allowed.joined(separator: ", "))."
        }
    }
}
