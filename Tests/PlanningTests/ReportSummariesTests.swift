import Testing
@testable import Planning

@Suite("The report's summaries: level distributions, tasks, narratives") struct ReportSummariesTests {
    static let scale = ["Chưa có", "Có", "Ứng dụng một số", "Đạt chuẩn tiên tiến"]
    static func distribution(_ counts: [Int]) -> [LevelCount] { zip(scale, counts).map { LevelCount(level: $0, count: $1) } }

    @Test("units reaching a level, of those that answered", arguments: [
        ([1, 2, 0, 8], 3, 8, 11), ([1, 2, 0, 8], 1, 10, 11), ([1, 2, 0, 8], 0, 11, 11), ([0, 0, 0, 0], 2, 0, 0),
        ([1, 2, 0, 8], 4, 0, 11), ([1, 2, 0, 8], -1, 0, 11),
    ])
    func reaching(counts: [Int], rank: Int, reached: Int, answered: Int) {
        let result = ReportSummaries.reaching(Self.distribution(counts), rank: rank)
        #expect(result.reached == reached && result.answered == answered)
    }

    static let s1 = ReportingPeriod(year: 2026, half: .first), s2 = ReportingPeriod(year: 2026, half: .second)
    static let next = ReportingPeriod(year: 2027, half: .first)

    @Test("a task's situation is its update of the period, else its latest earlier one, else not started")
    func taskSituation() {
        let updates: [ReportingPeriod: (status: TaskStatus, progress: Int)] = [Self.s1: (.inProgress, 30), Self.next: (.done, 100)]
        let asOfS2 = ReportSummaries.TaskSituation(code: "NV01", end: Day(2026, 12, 31), updates: updates, asOf: Self.s2, on: Day(2026, 11, 20))
        #expect(asOfS2 == .init(code: "NV01", status: .inProgress, progress: 30, isOverdue: false))
        let late = ReportSummaries.TaskSituation(code: "NV01", end: Day(2026, 10, 31), updates: updates, asOf: Self.s2, on: Day(2026, 11, 20))
        #expect(late.isOverdue, "not done and past its end on the report's day")
        let done = ReportSummaries.TaskSituation(code: "NV01", end: Day(2026, 10, 31), updates: updates, asOf: Self.next, on: Day(2027, 6, 1))
        #expect(done.status == .done && !done.isOverdue)
        let none = ReportSummaries.TaskSituation(code: "NV02", end: Day(2030, 1, 1), updates: [:], asOf: Self.s2, on: Day(2026, 11, 20))
        #expect(none.status == .notStarted && none.progress == 0)
        let clamped = ReportSummaries.TaskSituation(code: "NV03", end: Day(2030, 1, 1), updates: [Self.s1: (.inProgress, 250)], asOf: Self.s2, on: Day(2026, 11, 20))
        #expect(clamped.progress == 100)
    }

    @Test("tasks are counted by every status and overdue")
    func taskCounts() {
        let tasks = [ReportSummaries.TaskSituation(code: "1", status: .done, progress: 100, isOverdue: false),
                     .init(code: "2", status: .inProgress, progress: 50, isOverdue: true),
                     .init(code: "3", status: .inProgress, progress: 10, isOverdue: false)]
        let counts = ReportSummaries.taskCounts(tasks)
        #expect(counts.byStatus.map(\.0) == TaskStatus.allCases && counts.byStatus.map(\.1) == [0, 2, 1, 0] && counts.overdue == 1)
        #expect(ReportSummaries.taskCounts([]).byStatus.allSatisfy { $0.1 == 0 })
    }

    @Test("the units' narratives are summarised by point, the most shared first")
    func narratives() {
        let points = ReportSummaries.narrativePoints([
            ("A", "- Thiếu nhân lực công nghệ thông tin.\n- Kinh phí hạn chế"),
            ("B", "thiếu nhân lực  công nghệ thông tin; Hạ tầng mạng cũ"),
            ("C", "Thiếu nhân lực công nghệ thông tin"),
            ("D", "• Kinh phí hạn chế."),
            ("E", "   "),
            ("A", "Thiếu nhân lực công nghệ thông tin"),
        ])
        #expect(points.map(\.text) == ["Thiếu nhân lực công nghệ thông tin", "Kinh phí hạn chế", "Hạ tầng mạng cũ"])
        #expect(points.map(\.organisations) == [["A", "B", "C"], ["A", "D"], ["B"]], "a unit saying a point twice counts once")
        #expect(ReportSummaries.narrativePoints([]).isEmpty)
    }
}
