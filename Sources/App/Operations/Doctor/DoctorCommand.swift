import Vapor

/// `chitieu doctor` — prints each check with ✓, ! (warning) or ✗ and what to fix; exit 1 when any fails.
struct DoctorCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Kiểm tra cấu hình máy chủ (cơ sở dữ liệu, khoá nhật ký, SMTP, dung lượng đĩa, PUBLIC_URL …). Checks the configuration." }

    struct Failed: FeatureError {
        let count: Int
        var status: HTTPResponseStatus { .internalServerError }
        func message(_ language: Language) -> String { Localizer.text("ops.doctor.failed", language, ["count": String(count)]) }
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let language = Entrypoint.cliLanguage
        let checks = await Doctor.run(context.application, language: language)
        for check in checks { context.console.print(check.line(language)) }
        let failed = checks.filter { $0.outcome == .failed }.count
        guard failed == 0 else { throw Failed(count: failed) }
        context.console.print(Localizer.text("ops.doctor.allGood", language))
    }
}
