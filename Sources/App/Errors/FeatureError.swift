import Vapor

/// A feature's own typed error (reports, tasks, unit plans …), declared next to the feature with its
/// status and messages in both languages. `AppErrorMiddleware` maps it like `AppError`.
protocol FeatureError: Error, Sendable {
    var status: HTTPResponseStatus { get }
    func message(_ language: Language) -> String
}
