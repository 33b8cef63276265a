import Leaf
import LeafKit
import Vapor

extension Application.Views {
    /// Leaf with its parsed templates kept in memory in every environment.
    ///
    /// `.leaf` turns the template cache off in the development environment — the one `serve` runs in unless told
    /// `--env production` — and, the cache being a shared object, for good: every page then read its templates from
    /// disk and parsed them again (a quarter of a simple page's CPU under load). Templates change only with a new
    /// release; `LEAF_RELOAD=1` reads them on every page for whoever edits them.
    func useCachedLeaf() {
        use { app in
            app.leaf.cache.isEnabled = Environment.get("LEAF_RELOAD") != "1"
            return LeafRenderer(configuration: app.leaf.configuration, tags: app.leaf.tags, cache: app.leaf.cache,
                                sources: app.leaf.sources, eventLoop: app.eventLoopGroup.next(), userInfo: ["application": app])
        }
    }
}
