import Foundation

/// The wall-clock budget of one read, checked inside the loops that grow with the file (zip entries and chunks, XML
/// events), so that no upload holds a core longer than the budget whatever its shape.
struct ReadDeadline: Sendable {
    let end: ContinuousClock.Instant
    let budget: Duration

    init(_ budget: Duration) {
        self.budget = budget
        end = ContinuousClock.now.advanced(by: budget)
    }

    var isPast: Bool { ContinuousClock.now >= end }

    /// Whole seconds of the budget, for the message.
    var seconds: Int { Int(budget.components.seconds) }
}
