import Foundation

/// Statements that bind many rows go in slices that keep under the databases' parameter limits
/// (SQLite 32,766; PostgreSQL 65,535).
extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: Swift.max(1, size)).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
