import Documents
import Foundation

/// Why an uploaded workbook could not be read, in the user's words (mapped to a 400 by `ExchangeError.template`).
extension XLSXReadError {
    func message(_ language: Language) -> String {
        let vi = language == .vietnamese
        switch self {
        case .tooLarge(_, let limit): return vi ? "Tệp lớn quá \(limit / 1_000_000) MB." : "The file is larger than \(limit / 1_000_000) MB."
        case .notAZip: return vi ? "Tệp không phải .xlsx (hoặc bị hỏng, tải lên chưa hết)." : "The file is not an .xlsx (or it is damaged or cut short)."
        case .notASpreadsheet: return vi ? "Tệp không phải bảng tính Excel (.xlsx)." : "The file is not an Excel workbook (.xlsx)."
        case .corrupted(let part): return vi ? "Tệp .xlsx bị hỏng (phần \(part))." : "The .xlsx file is damaged (part \(part))."
        case .zipBomb: return vi ? "Tệp giải nén ra quá lớn: không nhận." : "The file inflates to too much: refused."
        case .tooManyCells(let limit): return vi ? "Tệp có quá \(limit) ô." : "The file has more than \(limit) cells."
        case .encrypted:
            return vi ? "Tệp có mật khẩu hoặc là .xls cũ: hãy lưu lại thành .xlsx không mật khẩu." : "The file has a password or is an old .xls: save it as .xlsx without a password."
        case .invalidReference(let sheet, let reference):
            return vi ? "Trang «\(sheet)»: ô hoặc dòng «\(reference)» không hợp lệ (Excel chỉ có cột A đến XFD, dòng 1 đến 1.048.576). Tệp bị hỏng: hãy tải mẫu mới."
                      : "Sheet «\(sheet)»: cell or row «\(reference)» is not valid (Excel has columns A to XFD, rows 1 to 1,048,576). The file is damaged: download a new template."
        case .invalidIndex(let sheet, let reference, .sharedStrings):
            return vi ? "Trang «\(sheet)», ô \(reference): chỉ tới một chuỗi văn bản không có trong tệp. Tệp bị hỏng: hãy tải mẫu mới."
                      : "Sheet «\(sheet)», cell \(reference): points to a text the file does not have. The file is damaged: download a new template."
        case .invalidIndex(let sheet, let reference, .cellFormats):
            return vi ? "Trang «\(sheet)», ô \(reference): chỉ tới một định dạng ô không có trong tệp. Tệp bị hỏng: hãy tải mẫu mới."
                      : "Sheet «\(sheet)», cell \(reference): points to a cell format the file does not have. The file is damaged: download a new template."
        case .temporaryFile:
            return vi ? "Máy chủ không ghi được tệp tạm để đọc tệp này: hãy thử lại sau hoặc báo quản trị viên." : "The server could not write a temporary file to read this file: try again later or tell the administrator."
        case .tooSlow(let seconds):
            return vi ? "Đọc tệp mất quá \(seconds) giây: tệp quá phức tạp, không nhận." : "Reading the file took more than \(seconds) seconds: it is too complex, refused."
        }
    }
}
