import Foundation
import Logging

/// A logger that keeps what it is told, to check what was logged.
final class RecordingLog: @unchecked Sendable {
    private let lock = NSLock()
    private var _entries: [(level: Logger.Level, text: String)] = []

    var entries: [(level: Logger.Level, text: String)] { lock.withLock { _entries } }
    var errors: [String] { entries.filter { $0.level >= .error }.map(\.text) }
    var text: String { entries.map(\.text).joined(separator: "\n") }

    var logger: Logger { Logger(label: "test") { _ in Handler(log: self) } }

    fileprivate func append(_ level: Logger.Level, _ text: String) { lock.withLock { _entries.append((level, text)) } }

    private struct Handler: LogHandler {
        let log: RecordingLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) { log.append(event.level, event.message.description) }
    }
}
