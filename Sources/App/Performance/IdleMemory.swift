import Foundation

/// Hands the memory freed by finished requests back to the system once the process has been idle for a second.
///
/// glibc keeps memory freed by a thread in that thread's arena: a process that once built a 13,000-unit dashboard,
/// or answered a burst of pages, stayed at its peak however long it idled afterwards. When the last request in flight
/// ends, a trim is scheduled a second later; any request ending before then schedules its own instead, so a busy
/// server never trims and an idle one trims once (`malloc_trim(0)`, a few milliseconds).
final class IdleMemory: @unchecked Sendable {
    static let shared = IdleMemory()

    private let lock = NSLock()
    /// Guarded by `lock`: bumped at each idle moment, so that only the latest scheduled trim runs.
    private var moment = 0
    private var trimCount = 0

    /// How many times memory was handed back (for tests).
    var trims: Int { lock.withLock { trimCount } }

    /// The process has nothing in flight now: trim in a second if `stillIdle` then says so and nothing came meanwhile.
    func becameIdle(stillIdle: @escaping @Sendable () -> Bool) {
        let mine = lock.withLock {
            moment += 1
            return moment
        }
        Task.detached(priority: .background) {
            try? await Task.sleep(for: .seconds(1))
            guard self.lock.withLock({ self.moment == mine }), stillIdle() else { return }
            self.trim()
        }
    }

    private func trim() {
        lock.withLock { trimCount += 1 }
        #if os(Linux)
        _ = glibcMallocTrim(0)
        #endif
    }
}

#if os(Linux)
/// glibc's `int malloc_trim(size_t pad)` (declared in `malloc.h`, which Swift's Glibc module does not bring in).
@_silgen_name("malloc_trim") private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
