extension Localizer {
    /// Sign-in limits, unlocking and the change log's sign-in entries.
    static let security = Table(vietnamese: [
        "event.unlock": "Mở khoá", "event.password-failure": "Sai mật khẩu hiện tại",
    ], english: [
        "event.unlock": "Unlocked", "event.password-failure": "Wrong current password",
    ])
}
