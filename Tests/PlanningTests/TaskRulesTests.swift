import Testing
@testable import Planning

@Suite("Task rules, days as typed, amounts") struct TaskRulesTests {
    static let organisations: Set<String> = ["SYT", "QLKCB", "BHYT", "MAU-BVDK-A"]

    static func text(code: String = "NV01", content: String = "Triển khai bệnh án điện tử", lead: String = "MAU-BVDK-A",
                     coordinating: [String] = ["QLKCB"], start: String = "01/01/2026", end: String = "31/12/2026",
                     output: String = "Bệnh án điện tử vận hành") -> TaskText {
        TaskText(code: code, content: content, lead: lead, coordinating: coordinating, start: start, end: end, output: output)
    }

    @Test("a good task is read with its days, its whitespace tidied, the lead and repeats left out of the coordinating list")
    func valid() {
        let checked = TaskRules.check(Self.text(content: "  Triển khai \n bệnh án   điện tử ", coordinating: ["QLKCB", " BHYT ", "QLKCB", "MAU-BVDK-A", ""]),
                                      organisations: Self.organisations)
        #expect(checked == .valid(TaskDefinition(code: "NV01", content: "Triển khai bệnh án điện tử", lead: "MAU-BVDK-A",
                                                 coordinating: ["QLKCB", "BHYT"], start: Day(2026, 1, 1), end: Day(2026, 12, 31),
                                                 output: "Bệnh án điện tử vận hành")))
    }

    @Test("every bad field is named with its reason", arguments: [
        (text(code: ""), [TaskProblem(.code, .empty)]),
        (text(code: "NV 01"), [TaskProblem(.code, .invalidCode("NV 01"))]),
        (text(code: "NV'01;--"), [TaskProblem(.code, .invalidCode("NV'01;--"))]),
        (text(code: String(repeating: "N", count: 21)), [TaskProblem(.code, .tooLong(maximum: 20))]),
        (text(content: "   "), [TaskProblem(.content, .empty)]),
        (text(content: String(repeating: "a", count: 2001)), [TaskProblem(.content, .tooLong(maximum: 2000))]),
        (text(content: "có\u{7}chuông"), [TaskProblem(.content, .controlCharacter)]),
        (text(output: String(repeating: "b", count: 1001)), [TaskProblem(.output, .tooLong(maximum: 1000))]),
        (text(lead: ""), [TaskProblem(.lead, .empty)]),
        (text(lead: "KHONG-CO"), [TaskProblem(.lead, .unknownOrganisation("KHONG-CO"))]),
        (text(coordinating: ["QLKCB", "XYZ"]), [TaskProblem(.coordinating, .unknownOrganisation("XYZ"))]),
        (text(start: ""), [TaskProblem(.start, .empty)]),
        (text(start: "31/02/2026"), [TaskProblem(.start, .invalidDate("31/02/2026"))]),
        (text(end: "2026/12/31"), [TaskProblem(.end, .invalidDate("2026/12/31"))]),
        (text(start: "01/07/2026", end: "30/06/2026"), [TaskProblem(.end, .endBeforeStart(start: Day(2026, 7, 1), end: Day(2026, 6, 30)))]),
        (text(code: "", content: "", lead: "X", start: "hôm nay", end: "mai"),
         [TaskProblem(.code, .empty), TaskProblem(.content, .empty), TaskProblem(.lead, .unknownOrganisation("X")),
          TaskProblem(.start, .invalidDate("hôm nay")), TaskProblem(.end, .invalidDate("mai"))]),
    ])
    func problems(text: TaskText, expected: [TaskProblem]) {
        #expect(TaskRules.check(text, organisations: Self.organisations) == .invalid(expected))
    }

    @Test("a task may start and end on the same day; the expected output may be empty")
    func edges() {
        guard case .valid(let task) = TaskRules.check(Self.text(start: "2026-06-01", end: "1/6/2026", output: ""), organisations: Self.organisations) else {
            Issue.record("refused"); return
        }
        #expect(task.start == task.end)
        #expect(task.output.isEmpty)
    }

    @Test("days are read as dd/mm/yyyy or yyyy-mm-dd", arguments: [
        ("15/11/2026", Day(2026, 11, 15)), ("1/6/2026", Day(2026, 6, 1)), ("2026-06-01", Day(2026, 6, 1)),
        (" 29/02/2028 ", Day(2028, 2, 29)), ("29/02/2027", nil), ("2026-6-1", nil), ("15-11-2026", nil), ("15/11/26", nil),
        ("001/06/2026", nil), ("15/13/2026", nil), ("0/6/2026", nil), ("", nil), ("１/6/2026", nil),
    ] as [(String, Day?)])
    func days(text: String, expected: Day?) {
        #expect(Day(text: text) == expected)
    }

    @Test("progress is a whole 0…100; a done task is at 100", arguments: [
        (0, TaskStatus.notStarted, 0 as Int?), (40, .inProgress, 40), (100, .inProgress, 100), (30, .done, 100), (0, .done, 100),
        (55, .stalled, 55), (-1, .inProgress, nil), (101, .inProgress, nil), (101, .done, nil),
    ])
    func progress(value: Int, status: TaskStatus, expected: Int?) {
        #expect(TaskProgress.normalised(value, status: status) == expected)
    }

    @Test("amounts in whole đồng as typed", arguments: [
        ("1500000", 1_500_000 as Int64?), ("1.500.000", 1_500_000), ("1,500,000", 1_500_000), ("1 500 000", 1_500_000),
        ("1\u{00A0}500\u{00A0}000", 1_500_000), (" 0 ", 0), ("999", 999), ("1.000.000.000.000.000", 1_000_000_000_000_000),
        ("1.000.000.000.000.001", nil), ("99999999999999999999", nil), ("-5", nil), ("+5", nil), ("1,5", nil), ("1.5", nil),
        ("1.500,00", nil), ("1.50.000", nil), ("1500.000", nil), (".500", nil), ("1.500.", nil), ("", nil), ("12đ", nil),
        ("1e6", nil), ("١٢", nil),
    ])
    func amounts(text: String, expected: Int64?) {
        #expect(Amount.parse(text) == expected)
    }

    @Test("amounts are written with the language's thousands separator, exactly", arguments: [
        (Int64(0), NumberStyle.vietnamese, "0"), (1_500_000, .vietnamese, "1.500.000"), (1_500_000, .english, "1,500,000"),
        (999, .vietnamese, "999"), (1000, .vietnamese, "1.000"), (Int64.max, .vietnamese, "9.223.372.036.854.775.807"), (-1200, .english, "-1,200"),
    ])
    func formatting(value: Int64, style: NumberStyle, expected: String) {
        #expect(style.amount(value) == expected)
    }
}
