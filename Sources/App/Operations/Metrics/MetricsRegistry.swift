import Foundation

/// What the process has counted since it started: requests by method, route pattern and status, their latency, and
/// the imports among them. Read at each scrape of `/metrics`; the figures about the data are queried then.
final class MetricsRegistry: @unchecked Sendable {
    /// Upper bounds of the latency histogram, in seconds (Prometheus' `le`).
    static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct RequestKey: Hashable, Sendable {
        let method: String
        let route: String
        let status: Int
    }

    struct RouteKey: Hashable, Sendable {
        let method: String
        let route: String
    }

    struct ImportKey: Hashable, Sendable {
        let route: String
        let outcome: String
    }

    struct Histogram: Sendable, Equatable {
        /// Observations at or under each bound of `buckets` (not yet cumulative), then those above the last.
        var counts = [Int](repeating: 0, count: MetricsRegistry.buckets.count + 1)
        var sum = 0.0
        var count = 0

        mutating func observe(_ seconds: Double) {
            let index = MetricsRegistry.buckets.firstIndex { seconds <= $0 } ?? MetricsRegistry.buckets.count
            counts[index] += 1
            sum += seconds
            count += 1
        }
    }

    struct Snapshot: Sendable {
        var requests: [RequestKey: Int] = [:]
        var latency: [RouteKey: Histogram] = [:]
        var imports: [ImportKey: Int] = [:]
        var inFlight = 0
        let started: Date
    }

    private let lock = NSLock()
    private var state: Snapshot

    init(started: Date = Date()) { state = Snapshot(started: started) }

    func begin() { lock.withLock { state.inFlight += 1 } }

    func finish(method: String, route: String, status: Int, seconds: Double) {
        let isImport = Self.isImport(method: method, route: route)
        let idle = lock.withLock {
            state.inFlight -= 1
            state.requests[RequestKey(method: method, route: route, status: status), default: 0] += 1
            state.latency[RouteKey(method: method, route: route), default: Histogram()].observe(max(0, seconds))
            if isImport { state.imports[ImportKey(route: route, outcome: Self.outcome(status)), default: 0] += 1 }
            return state.inFlight == 0
        }
        // Nothing in flight: the memory the requests freed can go back to the system (`IdleMemory`).
        if idle { IdleMemory.shared.becameIdle { [weak self] in self?.snapshot.inFlight == 0 } }
    }

    var snapshot: Snapshot { lock.withLock { state } }

    /// The routes that bring data in: DHIS2 dataValueSets (JSON, CSV; any API that adds one), an Excel template
    /// upload, a task list in CSV.
    static func isImport(method: String, route: String) -> Bool {
        guard method == "POST" else { return false }
        let last = route.split(separator: "/").last ?? ""
        return last.hasPrefix("dataValueSets") || last == "template.xlsx" || last == "import"
    }

    static func outcome(_ status: Int) -> String {
        switch status {
        case 200..<400: "accepted"
        case 400..<500: "refused"
        default: "failed"
        }
    }
}
