import Fluent
import Foundation
import SQLKit
import Vapor

/// Rendered dashboards kept per data version: the figures of a view change only when the data does, so a page is
/// rendered once per version of the data it reads and served as it is until then.
///
/// - The key holds everything the page shows of its reader besides the data: the path and query (the view), the
///   language, the signed-in user (identity, role, organisation, name) and the unread-notice count. The CSRF token
///   of the page's forms is not rendered in: the page is rendered with `formTokenMark`, replaced on each answer.
/// - The version is every data version together (`DataVersions`: values, plan, directory, the assessments' own
///   data), read in one query per request; an entry of older versions is never served, and is dropped when a newer
///   one is stored.
/// - Requests for a page being rendered wait for that rendering instead of starting their own (so 200 readers of a
///   new version cost one rendering, not 200 refused by the heavy-work queue).
/// - Bounded by bytes (`capacity`); a page larger than a quarter of it is served but not kept.
final class PageCache: @unchecked Sendable {
    struct Key: Hashable, Sendable {
        let path: String
        let query: String
        let language: String
        let user: String
        let role: String
        let organisation: String
        let name: String
        let unread: Int
    }

    /// The data versions a page was rendered at.
    struct Versions: Hashable, Sendable {
        let token: String
        let counters: [String: Int64]

        static func current(on db: any Database) async throws -> Versions? {
            guard !db.inTransaction, let sql = db as? any SQLDatabase else { return nil }
            var tokens: [String] = []
            var counters: [String: Int64] = [:]
            for row in try await sql.raw("SELECT name, version, token FROM data_versions ORDER BY name").all() {
                counters[try row.decode(column: "name", as: String.self)] = try row.decode(column: "version", as: Int64.self)
                tokens.append(try row.decode(column: "token", as: String.self))
            }
            return counters.isEmpty ? nil : Versions(token: tokens.joined(separator: " "), counters: counters)
        }

        /// Whether `self` is older than `other` in some counter (same database).
        func isOlder(than other: Versions) -> Bool {
            token == other.token && counters.contains { name, version in version < (other.counters[name] ?? version) }
        }
    }

    /// A page split where its CSRF token goes.
    struct Page: Sendable {
        let parts: [String]
        let bytes: Int

        init(parts: [String]) {
            self.parts = parts
            bytes = parts.reduce(0) { $0 + $1.utf8.count }
        }

        func body(formToken: String) -> String { parts.joined(separator: formToken) }
    }

    private struct Entry {
        let versions: Versions
        let page: Page
    }

    /// Marks where a kept page's CSRF token goes: random per process, so no stored text can forge it.
    static let formTokenMark = "csrf-mark-" + Secrets.token()

    private let lock = NSLock()
    /// Guarded by `lock`.
    private var entries: [Key: Entry] = [:]
    private var rendering: [Key: (versions: Versions, task: Task<Page?, any Error>)] = [:]
    private var storedBytes = 0
    /// Pages rendered, and requests that waited for another's rendering (for tests).
    private(set) var renders = 0
    private(set) var waits = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// The page for `key` at `versions`, rendered by `render` (nil: not to be kept, e.g. refused as busy) when not kept.
    func page(_ key: Key, at versions: Versions, render: @escaping @Sendable () async throws -> Page?) async throws -> Page? {
        enum Found { case kept(Page), rendering(Task<Page?, any Error>) }
        let found: Found = lock.withLock {
            if let entry = entries[key], entry.versions == versions { return .kept(entry.page) }
            if let running = rendering[key], running.versions == versions {
                waits += 1
                return .rendering(running.task)
            }
            renders += 1
            let task = Task<Page?, any Error> { try await render() }
            rendering[key] = (versions, task)
            return .rendering(task)
        }
        let task: Task<Page?, any Error>
        switch found {
        case .kept(let page): return page
        case .rendering(let running): task = running
        }
        let result: Result<Page?, any Error>
        do { result = .success(try await task.value) } catch { result = .failure(error) }
        lock.withLock {
            guard let running = rendering[key], running.versions == versions else { return }
            rendering[key] = nil
            if case .success(let page?) = result { store(page, key, versions) }
        }
        return try result.get()
    }

    /// Called with `lock` held.
    private func store(_ page: Page, _ key: Key, _ versions: Versions) {
        let size = page.bytes
        guard size <= capacity / 4 else { return }
        // Pages of older data are never served again.
        for (stale, entry) in entries where entry.versions.isOlder(than: versions) || stale == key {
            storedBytes -= entry.page.bytes
            entries[stale] = nil
        }
        while storedBytes + size > capacity, let victim = entries.keys.first {
            storedBytes -= entries[victim]?.page.bytes ?? 0
            entries[victim] = nil
        }
        entries[key] = Entry(versions: versions, page: page)
        storedBytes += size
    }

    var count: Int { lock.withLock { entries.count } }
    var counters: (renders: Int, waits: Int) { lock.withLock { (renders, waits) } }
}

extension Application {
    private struct PageCacheKey: StorageKey { typealias Value = PageCache }

    /// The rendered dashboards, set up by `configure` (before any request: the storage is not written while serving).
    var pageCache: PageCache {
        get { storage[PageCacheKey.self] ?? PageCache(capacity: 0) }
        set { storage[PageCacheKey.self] = newValue }
    }
}

extension Request {
    private struct RenderingKeptPage: StorageKey { typealias Value = Bool }

    /// Whether this request is rendering a page to keep (its forms get `PageCache.formTokenMark`).
    var rendersKeptPage: Bool {
        get { storage[RenderingKeptPage.self] ?? false }
        set { storage[RenderingKeptPage.self] = newValue }
    }

    /// A signed-in reader's page, kept per data version (`PageCache`); rendered within the heavy-work limits when
    /// not kept, and served without them when it is. Anonymous requests, and any request inside a transaction,
    /// are rendered as usual.
    func keptPage<Context: Encodable>(_ template: String, _ context: @escaping @Sendable (Request) async throws -> Context) async throws -> Response {
        let heavy = application.heavyWork
        guard let user = currentUser, method == .GET, let versions = try await PageCache.Versions.current(on: db) else {
            return try await heavy.respond(self) { try await $0.page(template, try await context($0)) }
        }
        let key = PageCache.Key(path: url.path, query: url.query ?? "", language: language.rawValue, user: user.id.uuidString,
                                role: user.role.rawValue, organisation: user.organisationCode, name: user.name, unread: unreadNotifications)
        let page = try await application.pageCache.page(key, at: versions) { [self] in
            try await heavy.run {
                self.rendersKeptPage = true
                defer { self.rendersKeptPage = false }
                let view = try await self.view.render(template, try await context(self))
                return PageCache.Page(parts: String(buffer: view.data).components(separatedBy: PageCache.formTokenMark))
            }
        }
        guard let page else { return HeavyWork.busy(self) }
        return html(ByteBuffer(string: page.body(formToken: formToken)))
    }
}
