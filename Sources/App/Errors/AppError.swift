import Planning
import Vapor

/// Every failure a user can cause or meet, with what they need to fix it. Mapped to an HTTP status
/// and a message in the user's language here, and nowhere else.
enum AppError: Error, Sendable {
    case indicatorNotFound(String)
    case planNotFound(String)
    case invalidQuery(parameter: String, value: String, allowed: [String])
    case fileNotReadable(String)
    case planFile(path: String, PlanFileError)
    case organisationFile([OrganisationImport.Problem])
    case pageNotFound
    case databaseUnavailable
    case notSignedIn
    case invalidToken
    case forbidden
    case readOnlyToken
    case mustChangePassword
    case csrfRejected
    case wrongCredentials
    case password(PasswordRule.Problem)
    case passwordsDiffer
    case wrongCurrentPassword
    case invalidField(field: String, value: String)
    case emailTaken(String)
    /// An organisation named in a field or parameter that does not exist (400).
    case organisationNotFound(String)
    /// An organisation named in the address (`/unit-plans/{org}`) that does not exist (404).
    case noOrganisation(String)
    case userNotFound(String)
    case tokenNotFound
    case roleDoesNotFit(role: String, organisation: String)
    case auditBroken(AuditChain.Break)
    case organisationInUse(String, by: String)
    case controlCharacters
    case tooManyAttempts(retryAfter: Int)
    case tokenLifetime(days: Int?)

    var status: HTTPResponseStatus {
        switch self {
        case .indicatorNotFound, .planNotFound, .pageNotFound: .notFound
        case .invalidQuery, .planFile, .organisationFile, .fileNotReadable, .password, .passwordsDiffer,
             .wrongCurrentPassword, .invalidField, .organisationNotFound, .roleDoesNotFit: .badRequest
        case .organisationInUse: .conflict
        case .controlCharacters, .tokenLifetime: .badRequest
        case .tooManyAttempts: .tooManyRequests
        case .databaseUnavailable, .auditBroken: .serviceUnavailable
        case .notSignedIn, .invalidToken, .wrongCredentials: .unauthorized
        case .forbidden, .readOnlyToken, .mustChangePassword, .csrfRejected: .forbidden
        case .emailTaken: .conflict
        case .userNotFound, .tokenNotFound, .noOrganisation: .notFound
        }
    }

    /// One line per problem (several for files with several problems).
    func messages(_ language: Language) -> [String] {
        let vi = language == .vietnamese
        switch self {
        case .indicatorNotFound(let code):
            return [vi ? "Không có chỉ tiêu mã \(code)." : "There is no indicator with code \(code)."]
        case .planNotFound(let code):
            return [vi ? "Không có kế hoạch mã \(code)." : "There is no plan with code \(code)."]
        case .invalidQuery(let parameter, let value, let allowed):
            return [vi ? "Tham số \(parameter)=\(value) không hợp lệ; giá trị được phép: \(allowed.joined(separator: ", "))."
                       : "Parameter \(parameter)=\(value) is not valid; allowed: \(allowed.joined(separator: ", "))."]
        case .fileNotReadable(let path):
            return [vi ? "Không đọc được tệp \(path)." : "Cannot read the file \(path)."]
        case .planFile(let path, let error):
            return error.problems.map { "\(path): " + Self.describe($0, language) }
        case .organisationFile(let problems):
            return problems.map { Self.describe($0, language) }
        case .pageNotFound:
            return [vi ? "Không tìm thấy trang này." : "This page does not exist."]
        case .databaseUnavailable:
            return [vi ? "Cơ sở dữ liệu không phản hồi." : "The database does not respond."]
        default:
            return [accountMessage(vi)]
        }
    }

    func message(_ language: Language) -> String { messages(language).joined(separator: "\n") }
}
