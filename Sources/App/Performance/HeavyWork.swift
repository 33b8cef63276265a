import NIOPosix
import Vapor

/// Where heavy requests run: dashboards, the evaluation API, the report's documents, exports, the public page.
///
/// - At most `capacity` of them at once, a queue of `queueLimit` behind them, and beyond that an immediate 503 with
///   `Retry-After`: memory stays bounded however many arrive.
/// - Their Swift code runs on a dedicated thread pool (a task executor preference), not on the event loops nor on the
///   cooperative pool that serves `/health`, static files and forms — the operating system shares the cores fairly
///   between them, where the cooperative pool would let two dashboards hold both of its threads.
final class HeavyWork: Sendable {
    let limiter: WorkLimiter
    /// One pool for the process (tests start many applications), as many threads as cores.
    static let executor = ThreadPoolExecutor(threads: System.coreCount)

    init(capacity: Int, queueLimit: Int) {
        limiter = WorkLimiter(capacity: capacity, queueLimit: queueLimit)
    }

    /// `body` within the limits on the pool, or nil when the queue is full.
    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T? {
        guard await limiter.enter() else { return nil }
        do {
            let result = try await withTaskExecutorPreference(Self.executor) { try await body() }
            await limiter.leave()
            return result
        } catch {
            await limiter.leave()
            throw error
        }
    }

    /// `body`'s answer within the limits, or 503 when the queue is full.
    func respond(_ request: Request, _ body: @Sendable (Request) async throws -> Response) async throws -> Response {
        try await run { try await body(request) } ?? Self.busy(request)
    }

    /// 503 with `Retry-After`, in the reader's language.
    static func busy(_ request: Request) -> Response {
        let response = Response(status: .serviceUnavailable, body: .init(string: Localizer.text("busy.retry", request.language)))
        response.headers.replaceOrAdd(name: .retryAfter, value: "5")
        response.headers.contentType = .plainText
        return response
    }

    /// Pages kept per data version (`Request.keptPage`) take the limits only when they are rendered, so a kept page is
    /// never refused: the dashboard and an indicator's page.
    static func limitsItself(_ request: Request) -> Bool {
        guard request.method == .GET else { return false }
        let path = request.url.path
        return path == "/dashboard" || path == "/dashboard/" || (path.hasPrefix("/dashboard/indicators/") && !path.dropFirst(22).contains("/"))
    }

    /// Paths whose answers take a consolidation, a document or an export.
    static func isHeavy(_ path: String) -> Bool {
        path.hasPrefix("/dashboard") || path.hasPrefix("/api/v1/evaluation") || path.hasPrefix("/public")
            || path.hasPrefix("/summary-report") || path.hasPrefix("/api/v1/dataValueSets")
            || (path.hasPrefix("/api/v1/indicators/") && path.hasSuffix("/series"))
    }
}

/// Counts heavy requests in and out; a full queue answers at once instead of growing.
actor WorkLimiter {
    let capacity: Int
    let queueLimit: Int
    private(set) var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(capacity: Int, queueLimit: Int) {
        self.capacity = max(1, capacity)
        self.queueLimit = max(0, queueLimit)
    }

    func enter() async -> Bool {
        if running < capacity {
            running += 1
            return true
        }
        guard waiting.count < queueLimit else { return false }
        await withCheckedContinuation { waiting.append($0) }
        return true
    }

    func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            // The slot passes straight to the first in the queue.
            waiting.removeFirst().resume()
        }
    }

    var queued: Int { waiting.count }
}

/// A task executor over a fixed set of threads (a started `NIOThreadPool`).
final class ThreadPoolExecutor: TaskExecutor, Sendable {
    private let pool: NIOThreadPool

    init(threads: Int) {
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        pool.submit { _ in job.runSynchronously(on: executor) }
    }
}

/// Sends heavy requests through `HeavyWork`; the others pass untouched.
struct HeavyWorkMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard HeavyWork.isHeavy(request.url.path), !HeavyWork.limitsItself(request) else { return try await next.respond(to: request) }
        return try await request.application.heavyWork.respond(request) { try await next.respond(to: $0) }
    }
}

extension Application {
    private struct HeavyWorkKey: StorageKey { typealias Value = HeavyWork }

    /// The process's heavy-work limits (`Settings.heavyWorkers`, `heavyQueue`), set up by `configure` (before any
    /// request: the storage is not written while serving).
    var heavyWork: HeavyWork {
        get { storage[HeavyWorkKey.self] ?? HeavyWork(capacity: settings.heavyWorkers, queueLimit: settings.heavyQueue) }
        set { storage[HeavyWorkKey.self] = newValue }
    }
}
