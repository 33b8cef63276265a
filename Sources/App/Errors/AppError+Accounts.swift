import Planning

extension AppError {
    /// Messages of sign-in, permission and account errors.
    /// Whole minutes, rounded up (at least 1).
    static func minutes(_ seconds: Int) -> Int { max(1, seconds / 60 + (seconds % 60 == 0 ? 0 : 1)) }

    func accountMessage(_ vi: Bool) -> String {
        switch self {
        case .notSignedIn: vi ? "Cần đăng nhập." : "You need to sign in."
        case .invalidToken: vi ? "Mã truy cập API không hợp lệ, đã hết hạn hoặc đã bị thu hồi." : "The API token is invalid, expired or revoked."
        case .forbidden: vi ? "Tài khoản của bạn không có quyền làm việc này." : "Your account may not do this."
        case .readOnlyToken: vi ? "Mã truy cập này chỉ được đọc, không được ghi." : "This token may read but not write."
        case .mustChangePassword: vi ? "Cần đổi mật khẩu trước khi tiếp tục." : "You must change your password first."
        case .csrfRejected: vi ? "Phiên biểu mẫu không hợp lệ hoặc đã hết hạn. Hãy tải lại trang và gửi lại." : "The form has expired or is not valid. Reload the page and send it again."
        case .wrongCredentials: vi ? "Sai tên đăng nhập hoặc mật khẩu." : "Wrong user name or password."
        case .password(.tooShort(let minimum)): vi ? "Mật khẩu cần ít nhất \(minimum) ký tự." : "The password needs at least \(minimum) characters."
        case .password(.tooLong(let maximum)): vi ? "Mật khẩu dài quá \(maximum) byte (khoảng \(maximum) ký tự không dấu)." : "The password is longer than \(maximum) bytes."
        case .password(.controlCharacter): vi ? "Mật khẩu chứa ký tự điều khiển không hợp lệ." : "The password holds a control character."
        case .password(.common): vi ? "Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác." : "This password is too common and easy to guess. Choose another."
        case .password(.containsEmail): vi ? "Mật khẩu không được chứa tên đăng nhập." : "The password must not contain the user name."
        case .passwordsDiffer: vi ? "Hai lần nhập mật khẩu mới không khớp." : "The two new passwords differ."
        case .wrongCurrentPassword: vi ? "Mật khẩu hiện tại không đúng." : "The current password is wrong."
        case .invalidField(let field, let value): vi ? "Giá trị \"\(value.prefix(80))\" của trường \(field) không hợp lệ." : "The value \"\(value.prefix(80))\" of field \(field) is not valid."
        case .emailTaken(let email): vi ? "Đã có tài khoản \(email)." : "There is already an account \(email)."
        case .organisationNotFound(let code), .noOrganisation(let code): vi ? "Không có cơ quan, đơn vị mã \(code)." : "There is no organisation with code \(code)."
        case .userNotFound(let id): vi ? "Không có tài khoản \(id)." : "There is no account \(id)."
        case .roleDoesNotFit(let role, let organisation):
            vi ? "Vai trò \(role) không hợp với \(organisation): phòng chủ trì và điều phối thuộc một phòng chức năng; cán bộ báo cáo và thủ trưởng đơn vị thuộc một phòng hoặc đơn vị, không phải cả Sở."
               : "Role \(role) does not fit \(organisation): lead offices and coordinators belong to an office; unit reporters and unit heads to an office or a unit, not the Department."
        case .auditBroken(.altered(let n)): vi ? "Nhật ký thay đổi bị sửa: mục số \(n) không khớp chuỗi băm." : "The audit log was altered: entry \(n) does not match its hash."
        case .auditBroken(.missing(let n)): vi ? "Nhật ký thay đổi thiếu mục số \(n) (bị xoá)." : "The audit log is missing entry \(n) (deleted)."
        case .auditBroken(.unlinked(let n)): vi ? "Nhật ký thay đổi bị đứt: mục số \(n) không nối với mục trước." : "The audit log is broken: entry \(n) does not link to the one before."
        case .organisationInUse(let code, let email):
            vi ? "Không xoá được đơn vị mẫu \(code): tài khoản thật \(email) thuộc đơn vị này. Chuyển tài khoản sang đơn vị khác trước."
               : "Cannot remove demo unit \(code): the real account \(email) belongs to it. Move the account to another organisation first."
        case .controlCharacters: vi ? "Dữ liệu gửi lên chứa ký tự điều khiển (ví dụ ký tự NUL) không hợp lệ." : "The request holds a control character (such as NUL), which is not accepted."
        case .tooManyAttempts(let seconds):
            vi ? "Quá nhiều lần thử sai. Vui lòng thử lại sau \(Self.minutes(seconds)) phút." : "Too many failed attempts. Try again in \(Self.minutes(seconds)) minutes."
        case .tokenLifetime(let days):
            vi ? "Thời hạn của mã truy cập (trường days\(days.map { "=\($0)" } ?? "")) phải từ 1 đến \(APITokens.maximumDays) ngày; mặc định \(APITokens.defaultDays) ngày."
               : "A token's lifetime (field days\(days.map { "=\($0)" } ?? "")) must be 1 to \(APITokens.maximumDays) days; default \(APITokens.defaultDays)."
        case .auditBroken(.unkeyed(let n)): vi ? "Nhật ký thay đổi bị giả: mục số \(n) không được niêm phong bằng khoá (ghi bởi người không có khoá)." : "The audit log was forged: entry \(n) is not sealed with the key."
        case .auditBroken(.tailDeleted(let anchored, let last)):
            vi ? "Nhật ký thay đổi bị xoá phần cuối: mốc neo ghi mục số \(anchored) nhưng nhật ký chỉ còn đến mục số \(last)."
               : "The audit log's tail was deleted: the anchor records entry \(anchored) but the log ends at entry \(last)."
        case .auditBroken(.tailRewritten(let n)):
            vi ? "Nhật ký thay đổi bị viết lại phần cuối: mục số \(n) không khớp mốc neo." : "The audit log's tail was rewritten: entry \(n) does not match the anchor."
        case .tokenNotFound: vi ? "Không có mã truy cập này." : "There is no such token."
        default: vi ? "Lỗi." : "Error."
        }
    }
}
