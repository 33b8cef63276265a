import Foundation
import Logging
import Vapor

/// `LOG_FORMAT=json`: one JSON object per line on standard output — `time` (UTC, milliseconds), `level`, `message`,
/// `label`, then the metadata, where `request_id` is the request's `X-Request-Id` (the caller's or a new one).
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String, level: Logger.Level, metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider) {
        self.label = label
        logLevel = level
        self.metadataProvider = metadataProvider
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        JSONLogLine.output.write(JSONLogLine.render(time: Date(), level: event.level, message: event.message.description, label: label, metadata: all))
    }
}

enum JSONLogLine {
    static let output = LineWriter()

    /// The line, keys in a fixed order (time, level, message, label, then the metadata sorted); `request-id` is
    /// written `request_id`.
    static func render(time: Date, level: Logger.Level, message: String, label: String, metadata: Logger.Metadata) -> String {
        var fields = [("time", quoted(Audit.timestamp(time))), ("level", quoted(level.rawValue)), ("message", quoted(message)), ("label", quoted(label))]
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            fields.append((key == "request-id" ? "request_id" : key, json(value)))
        }
        return "{" + fields.map { "\(quoted($0.0)):\($0.1)" }.joined(separator: ",") + "}\n"
    }

    static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): quoted(text)
        case .stringConvertible(let value): quoted(value.description)
        case .array(let values): "[" + values.map(json).joined(separator: ",") + "]"
        case .dictionary(let values): "{" + values.sorted { $0.key < $1.key }.map { "\(quoted($0.key)):\(json($0.value))" }.joined(separator: ",") + "}"
        }
    }

    /// A JSON string: quotes, backslashes and every control character escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Whole lines to standard output, one writer at a time, so that lines of concurrent requests never interleave.
    final class LineWriter: @unchecked Sendable {
        private let lock = NSLock()
        func write(_ line: String) { lock.withLock { FileHandle.standardOutput.write(Data(line.utf8)) } }
    }
}

/// How the process logs: Vapor's console lines, or JSON lines with `LOG_FORMAT=json`; the level from `LOG_LEVEL` or
/// `--log` as Vapor reads it.
enum AppLogging {
    static func bootstrap(from environment: inout Environment) throws {
        if Environment.get("LOG_FORMAT")?.lowercased() == "json" {
            try LoggingSystem.bootstrap(from: &environment) { level in { label in JSONLogHandler(label: label, level: level) } }
        } else {
            try LoggingSystem.bootstrap(from: &environment)
        }
    }

    static var isJSON: Bool { Environment.get("LOG_FORMAT")?.lowercased() == "json" }
}
