import Foundation

/// How the report to UBND tỉnh words what many units say at once: a level indicator as how many units reach a level,
/// the tasks as counts by status, the units' narratives as the points they share.
public enum ReportSummaries {
    /// Units at `rank` or above on the scale, of those that answered (`8/11 đơn vị đạt chuẩn tiên tiến`).
    /// A rank outside the scale reaches nobody.
    public static func reaching(_ distribution: [LevelCount], rank: Int) -> (reached: Int, answered: Int) {
        let answered = distribution.reduce(0) { $0 + $1.count }
        guard rank >= 0, rank < distribution.count else { return (0, answered) }
        return (distribution[rank...].reduce(0) { $0 + $1.count }, answered)
    }

    /// One task as a period's report sees it: its status and progress as of the period (its update of that cycle, else
    /// its latest earlier one, else not started), and whether it is overdue on the report's day.
    public struct TaskSituation: Sendable, Hashable {
        public let code: String
        public let status: TaskStatus
        /// Percent, 0–100.
        public let progress: Int
        public let isOverdue: Bool

        public init(code: String, status: TaskStatus, progress: Int, isOverdue: Bool) {
            self.code = code
            self.status = status
            self.progress = progress
            self.isOverdue = isOverdue
        }

        /// - Parameter updates: the task's updates by the period of their cycle.
        public init(code: String, end: Day, updates: [ReportingPeriod: (status: TaskStatus, progress: Int)], asOf period: ReportingPeriod, on day: Day) {
            let latest = updates.filter { $0.key <= period }.max { $0.key < $1.key }?.value
            let status = latest?.status ?? .notStarted
            self.init(code: code, status: status, progress: min(max(latest?.progress ?? 0, 0), 100),
                      isOverdue: TaskSchedule.isOverdue(end: end, status: status, today: day))
        }
    }

    /// Tasks by status (every status present, zero when none) and how many are overdue.
    public static func taskCounts(_ tasks: [TaskSituation]) -> (byStatus: [(TaskStatus, Int)], overdue: Int) {
        (TaskStatus.allCases.map { status in (status, tasks.filter { $0.status == status }.count) }, tasks.filter(\.isOverdue).count)
    }

    /// One point of the units' narratives and who made it.
    public struct NarrativePoint: Sendable, Hashable {
        /// The point as the first unit wrote it.
        public let text: String
        /// The organisations that made it, in the order given.
        public let organisations: [String]
    }

    /// The points the units make, each once with everyone who made it: a text is split into points at line breaks and
    /// semicolons (a leading "-", "+" or "•" and a final "." dropped), and two points are the same when they read the
    /// same ignoring case, spacing and punctuation. Points made by more units come first; ties keep the first seen.
    public static func narrativePoints(_ texts: [(organisation: String, text: String)]) -> [NarrativePoint] {
        var order: [String] = []
        var points: [String: (text: String, organisations: [String])] = [:]
        for (organisation, text) in texts {
            for point in split(text) {
                let key = normalised(point)
                guard !key.isEmpty else { continue }
                if points[key] == nil {
                    order.append(key)
                    points[key] = (point, [])
                }
                if points[key]?.organisations.contains(organisation) == false { points[key]?.organisations.append(organisation) }
            }
        }
        let ranked = order.enumerated().sorted { lhs, rhs in
            let l = points[lhs.element]?.organisations.count ?? 0, r = points[rhs.element]?.organisations.count ?? 0
            return l == r ? lhs.offset < rhs.offset : l > r
        }
        return ranked.compactMap { points[$0.element].map { NarrativePoint(text: $0.text, organisations: $0.organisations) } }
    }

    static func split(_ text: String) -> [String] {
        text.split { $0 == "\n" || $0 == "\r" || $0 == ";" }.map { piece in
            var point = piece.trimmingCharacters(in: .whitespacesAndNewlines)
            while let first = point.first, "-+•*".contains(first) { point = String(point.dropFirst()).trimmingCharacters(in: .whitespaces) }
            while point.hasSuffix(".") { point = String(point.dropLast()) }
            return point.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }.filter { !$0.isEmpty }
    }

    static func normalised(_ point: String) -> String {
        point.lowercased().unicodeScalars.filter { CharacterSet.letters.contains($0) || CharacterSet.decimalDigits.contains($0) || $0 == " " }
            .map(String.init).joined().split(separator: " ").joined(separator: " ")
    }
}
