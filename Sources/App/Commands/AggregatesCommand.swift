import Fluent
import Foundation
import Vapor

/// `chitieu aggregates rebuild|verify` — the maintained per-period sums (`PeriodSums`): computed afresh, or compared
/// with a computation straight from the values.
struct AggregatesCommand: AsyncCommandGroup {
    var help: String { "Tổng theo kỳ được duy trì: rebuild (tính lại), verify (đối chiếu với số liệu gốc). Kept sums." }
    var commands: [String: any AnyAsyncCommand] { ["rebuild": Rebuild(), "verify": Verify()] }

    struct Rebuild: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "Tính lại toàn bộ tổng theo kỳ từ số liệu đã lưu. Rebuild the kept sums from the values." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            let start = ContinuousClock.now
            try await PeriodSums.rebuild(on: app.db)
            let took = BenchClock.text(ContinuousClock.now - start)
            context.console.print(Entrypoint.cliLanguage == .vietnamese ? "Đã tính lại tổng theo kỳ trong \(took)." : "Kept sums rebuilt in \(took).")
        }
    }

    struct Verify: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "Đối chiếu tổng theo kỳ với tổng tính trực tiếp từ số liệu; lỗi nếu khác. Verify the kept sums." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.autoMigrate()
            let (checked, differences) = try await PeriodSums.verify(on: app.db)
            let vietnamese = Entrypoint.cliLanguage == .vietnamese
            for difference in differences.prefix(50) { context.console.print("✗ \(difference)") }
            guard differences.isEmpty else {
                throw AppError.invalidField(field: "aggregates", value: vietnamese
                    ? "\(differences.count) chỗ khác nhau; chạy chitieu aggregates rebuild để tính lại"
                    : "\(differences.count) differences; run chitieu aggregates rebuild")
            }
            context.console.print(vietnamese ? "✓ Tổng theo kỳ khớp với số liệu gốc (\(checked) lần đối chiếu: kỳ × cách tính)."
                                             : "✓ Kept sums match the values (\(checked) checks: period × include mode).")
        }
    }
}
