import Logging
import Vapor

/// Runs the command line: builds the app from the environment, runs the command, and turns a
/// failure into one line per problem on stderr and a non-zero exit.
public enum Entrypoint {
    public static func main() async {
        var env: Environment
        do { env = try Environment.detect() } catch { printError("\(error)"); exit(2) }
        try? AppLogging.bootstrap(from: &env)
        let app: Application
        do { app = try await Application.make(env) } catch { printError("\(error)"); exit(1) }
        var failed = false
        do {
            try await configure(app)
            // Vapor's `execute()` without its debug dump of the error: we print our own lines below.
            try await app.startup()
            try await app.running?.onStop.get()
            // Serving, stopped by SIGTERM/SIGINT: stop taking connections and let the requests in flight finish (for up
            // to SHUTDOWN_GRACE_SECONDS) while the databases are still open — Vapor's own shutdown closes them first.
            if app.running != nil { await app.server.shutdown() }
            // A command's writes are committed now: anchor the change log's end.
            await Audit.anchor(on: app.db, logger: app.logger)
        } catch let error as AppError {
            printProblems(error.messages(cliLanguage))
            failed = true
        } catch let error as any FeatureError {
            printProblems(error.message(cliLanguage).split(separator: "\n").map(String.init))
            failed = true
        } catch {
            printError("Lỗi: \(String(describing: error))")
            failed = true
        }
        try? await app.asyncShutdown()
        exit(failed ? 1 : 0)
    }

    static var cliLanguage: Language { Environment.get("CHITIEU_LANG") == "en" ? .english : .vietnamese }

    static func printProblems(_ lines: [String]) {
        let prefix = cliLanguage == .vietnamese ? "Lỗi" : "Error"
        for line in lines { printError("\(prefix): \(line)") }
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
