import Planning
import Vapor

/// What can stop `chitieu backup`, `chitieu restore` and `/metrics`, with what the operator must do about it.
enum OperationsError: FeatureError {
    case backupExists(String)
    case folderMissing(String)
    case toolMissing(String)
    case toolFailed(tool: String, status: Int32, errors: String)
    case notABackup(String)
    case wrongKindOfBackup(path: String, isPostgres: Bool)
    case backupDamaged(path: String, detail: String)
    case databaseNotEmpty(database: String, tables: Int)
    case restoredChainBroken(AuditChain.Break, keyPath: String)
    case badDatabaseURL
    case metricsDisabled
    case metricsUnauthorised

    var status: HTTPResponseStatus {
        switch self {
        case .metricsDisabled: .notFound
        case .metricsUnauthorised: .unauthorized
        default: .badRequest
        }
    }

    func message(_ language: Language) -> String {
        let vi = language == .vietnamese
        switch self {
        case .backupExists(let path):
            return vi ? "Tệp \(path) đã có: không ghi đè lên một bản sao lưu; hãy chọn tên khác (ví dụ có ngày giờ)."
                      : "\(path) already exists: a backup is never overwritten; choose another name (e.g. with the date and time)."
        case .folderMissing(let path):
            return vi ? "Không có thư mục \(path)." : "There is no folder \(path)."
        case .toolMissing(let tool):
            return vi ? "Không tìm thấy chương trình \(tool) của PostgreSQL: cài gói postgresql-client (apt-get install postgresql-client) cùng phiên bản với máy chủ, hoặc đặt \(Self.overrideName(tool)) là đường dẫn tới nó."
                      : "PostgreSQL's \(tool) was not found: install postgresql-client (apt-get install postgresql-client) of the server's version, or set \(Self.overrideName(tool)) to its path."
        case .toolFailed(let tool, let status, let errors):
            let detail = errors.split(separator: "\n").suffix(5).joined(separator: " | ")
            return vi ? "\(tool) dừng với mã \(status): \(detail)" : "\(tool) exited with status \(status): \(detail)"
        case .notABackup(let path):
            return vi ? "\(path) không phải bản sao lưu của chitieu (tệp SQLite hoặc tệp pg_dump -Fc)."
                      : "\(path) is not a chitieu backup (an SQLite file or a pg_dump -Fc file)."
        case .wrongKindOfBackup(let path, let isPostgres):
            return isPostgres
                ? (vi ? "\(path) là bản sao lưu PostgreSQL: đặt DATABASE_URL tới một cơ sở dữ liệu PostgreSQL trống để khôi phục."
                      : "\(path) is a PostgreSQL backup: set DATABASE_URL to an empty PostgreSQL database to restore it.")
                : (vi ? "\(path) là bản sao lưu SQLite: bỏ DATABASE_URL và đặt DATABASE_PATH tới tệp cần khôi phục."
                      : "\(path) is an SQLite backup: unset DATABASE_URL and set DATABASE_PATH to the file to restore into.")
        case .backupDamaged(let path, let detail):
            return vi ? "Bản sao lưu \(path) bị hỏng: \(detail)" : "The backup \(path) is damaged: \(detail)"
        case .databaseNotEmpty(let database, let tables):
            return vi ? "Cơ sở dữ liệu \(database) không trống (\(tables) bảng): chỉ khôi phục vào cơ sở dữ liệu trống. Tạo một cơ sở dữ liệu mới, hoặc dùng --force (xem README, \"Sao lưu và khôi phục\")."
                      : "The database \(database) is not empty (\(tables) tables): restore only into an empty database. Create a new one, or use --force (see README, \"Backups\")."
        case .restoredChainBroken(let found, let keyPath):
            return (vi ? "Đã khôi phục dữ liệu, nhưng nhật ký thay đổi không kiểm tra được với khoá \(keyPath): "
                       : "The data is restored, but the change log does not verify with the key \(keyPath): ")
                + AppError.auditBroken(found).message(language)
                + (vi ? " Hãy chép khoá (tệp -audit.key) của máy đã sao lưu vào đây rồi chạy: chitieu audit verify"
                      : " Copy the key (the -audit.key file) of the server that made the backup here, then run: chitieu audit verify")
        case .badDatabaseURL:
            return vi ? "DATABASE_URL không đúng dạng postgres://người-dùng:mật-khẩu@máy:5432/tên-csdl."
                      : "DATABASE_URL is not of the form postgres://user:password@host:5432/database."
        case .metricsDisabled:
            return vi ? "Không tìm thấy trang này." : "This page does not exist."
        case .metricsUnauthorised:
            return vi ? "Cần mã METRICS_TOKEN (Authorization: Bearer …)." : "The METRICS_TOKEN is needed (Authorization: Bearer …)."
        }
    }

    static func overrideName(_ tool: String) -> String { tool.uppercased() }
}
