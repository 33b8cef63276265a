import Foundation

/// A program the app runs for the operator (`pg_dump`, `pg_restore`): found on the PATH or where Debian puts
/// PostgreSQL's client programs, run without a shell, with its standard error kept for the message.
struct ExternalTool: Sendable {
    let name: String
    let path: String

    /// `PG_DUMP`-style override (`environmentOverride`), else the PATH, else `/usr/lib/postgresql/*/bin` (newest).
    static func find(_ name: String, environmentOverride: String) -> ExternalTool? {
        let environment = ProcessInfo.processInfo.environment
        let fileManager = FileManager.default
        if let configured = environment[environmentOverride], !configured.isEmpty {
            return fileManager.isExecutableFile(atPath: configured) ? ExternalTool(name: name, path: configured) : nil
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for folder in folders where fileManager.isExecutableFile(atPath: folder + "/" + name) {
            return ExternalTool(name: name, path: folder + "/" + name)
        }
        let versions = (try? fileManager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            let candidate = "/usr/lib/postgresql/\(version)/bin/\(name)"
            if fileManager.isExecutableFile(atPath: candidate) { return ExternalTool(name: name, path: candidate) }
        }
        return nil
    }

    struct Outcome: Sendable {
        let status: Int32
        let output: String
        let errors: String
    }

    /// Runs the tool with `arguments` and `environment` added to this process's; waits without blocking a thread.
    func run(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        // Read both pipes while the tool runs: a full pipe would stop it.
        let collected = PipeCollector()
        output.fileHandleForReading.readabilityHandler = { collected.append(output: $0.availableData) }
        errors.fileHandleForReading.readabilityHandler = { collected.append(errors: $0.availableData) }
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        output.fileHandleForReading.readabilityHandler = nil
        errors.fileHandleForReading.readabilityHandler = nil
        collected.append(output: output.fileHandleForReading.readDataToEndOfFile())
        collected.append(errors: errors.fileHandleForReading.readDataToEndOfFile())
        return Outcome(status: status, output: collected.output, errors: collected.errors)
    }
}

private final class PipeCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var out = Data(), err = Data()

    func append(output data: Data) { lock.withLock { out.append(data) } }
    func append(errors data: Data) { lock.withLock { err.append(data) } }
    var output: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    var errors: String { lock.withLock { String(decoding: err, as: UTF8.self) } }
}
