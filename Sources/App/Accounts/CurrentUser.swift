import Planning
import Vapor

/// Who is making this request, and how they proved it.
struct CurrentUser: Sendable {
    enum Credential: Sendable, Equatable {
        /// A browser session, with the CSRF token its forms must carry.
        case session(id: UUID, csrf: String)
        /// An API token and its scope.
        case token(id: UUID, canWrite: Bool)
    }

    let id: UUID
    let email: String
    let name: String
    let role: Role
    let organisationCode: String
    let mustChangePassword: Bool
    let credential: Credential

    init(_ user: UserRecord, credential: Credential) throws {
        id = try user.requireID()
        email = user.email
        name = user.name
        role = Role(rawValue: user.role) ?? .unitReporter
        organisationCode = user.organisationCode
        mustChangePassword = user.mustChangePassword
        self.credential = credential
    }

    /// Someone acting from the command line (e.g. loading demo reports), not signed in through the web.
    init(commandLine email: String, name: String, role: Role, organisationCode: String) {
        id = UUID()
        self.email = email
        self.name = name
        self.role = role
        self.organisationCode = organisationCode
        mustChangePassword = false
        credential = .token(id: UUID(), canWrite: true)
    }

    var csrfToken: String? { if case .session(_, let csrf) = credential { csrf } else { nil } }
}

extension Request {
    private struct CurrentUserKey: StorageKey { typealias Value = CurrentUser }

    /// Set by `AuthenticationMiddleware`; nil for an anonymous request.
    var currentUser: CurrentUser? {
        get { storage[CurrentUserKey.self] }
        set { storage[CurrentUserKey.self] = newValue }
    }

    /// The signed-in user; routes behind a permission other than `publicAccess` always have one.
    func requireUser() throws -> CurrentUser {
        guard let user = currentUser else { throw AppError.notSignedIn }
        return user
    }
}
