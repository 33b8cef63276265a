import Foundation
import Planning

/// One line of `chitieu doctor`: what was checked, what was found, and what to do when it is not right.
struct DoctorCheck: Sendable, Equatable {
    enum Outcome: String, Sendable { case passed, warning, failed }

    let outcome: Outcome
    let subject: String
    let detail: String
    let fix: String?

    static func passed(_ subject: String, _ detail: String) -> DoctorCheck { DoctorCheck(outcome: .passed, subject: subject, detail: detail, fix: nil) }
    static func warning(_ subject: String, _ detail: String, fix: String) -> DoctorCheck { DoctorCheck(outcome: .warning, subject: subject, detail: detail, fix: fix) }
    static func failed(_ subject: String, _ detail: String, fix: String) -> DoctorCheck { DoctorCheck(outcome: .failed, subject: subject, detail: detail, fix: fix) }

    /// `✓ Cơ sở dữ liệu: …`, `! …`, `✗ … — Cách sửa: …`.
    func line(_ language: Language) -> String {
        let mark = switch outcome { case .passed: "✓"; case .warning: "!"; case .failed: "✗" }
        let text = "\(mark) \(subject): \(detail)"
        guard let fix else { return text }
        return text + "\n    " + Localizer.text("ops.doctor.fix", language) + " " + fix
    }
}
