import Foundation
import Testing
@testable import Planning

@Suite("Report workflow") struct ReportWorkflowTests {
    /// Every legal move, written out; every other (action, state) pair must be refused.
    static let legal: [ReportAction: [ReportState: ReportState]] = [
        .save: [.draft: .draft, .returned: .returned],
        .submit: [.draft: .submitted, .returned: .submitted],
        .sign: [.awaitingHead: .submitted],
        .return: [.submitted: .returned, .approved: .returned],
        .approve: [.submitted: .approved],
        .lock: [.draft: .locked, .awaitingHead: .locked, .submitted: .locked, .returned: .locked, .approved: .locked],
        .reopen: [.locked: .returned],
    ]

    /// A role that may take each action (on its own report where that matters).
    static let actor: [ReportAction: Role] = [.save: .unitReporter, .submit: .unitReporter, .sign: .unitHead, .return: .coordinator,
                                              .approve: .coordinator, .lock: .coordinator, .reopen: .coordinator]

    struct Move: Sendable, CustomTestStringConvertible {
        let action: ReportAction
        let state: ReportState
        var testDescription: String { "\(action.rawValue) from \(state.rawValue)" }
    }

    static let moves = ReportAction.allCases.flatMap { action in ReportState.allCases.map { Move(action: action, state: $0) } }

    @Test("every action from every state", arguments: moves)
    func transitions(_ move: Move) {
        let result = ReportWorkflow.apply(move.action, to: move.state, by: Self.actor[move.action]!, ownReport: true, reason: "lý do")
        if let target = Self.legal[move.action]?[move.state] {
            #expect(result == .success(target))
        } else {
            #expect(result == .failure(.notFromState(move.action, move.state)))
        }
    }

    @Test("who may act", arguments: [
        (ReportAction.submit, Role.unitReporter, true, false, true),
        (.submit, .unitReporter, false, false, false),     // another unit's report
        (.submit, .coordinator, false, false, false),
        (.submit, .leadOffice, true, false, true),         // an office reports for itself
        (.save, .leadership, true, false, false),
        (.approve, .coordinator, false, false, true),
        (.approve, .leadOffice, false, true, false),
        (.approve, .unitReporter, true, false, false),
        (.return, .leadOffice, false, true, true),         // on a report holding its indicators
        (.return, .leadOffice, false, false, false),
        (.return, .unitReporter, true, false, false),
        (.reopen, .admin, false, false, false),
        (.lock, .admin, false, false, true),
    ])
    func roles(action: ReportAction, role: Role, own: Bool, leads: Bool, allowed: Bool) {
        let from: ReportState = switch action {
        case .approve, .return: .submitted
        case .reopen: .locked
        default: .draft
        }
        let result = ReportWorkflow.apply(action, to: from, by: role, ownReport: own, leadsAnIndicator: leads, reason: "lý do")
        if allowed { #expect((try? result.get()) != nil) } else { #expect(result == .failure(.notAllowed(action, role))) }
    }

    @Test("returning and reopening need a reason", arguments: [ReportAction.return, .reopen], [nil, "", "  \n"])
    func reason(action: ReportAction, reason: String?) {
        let from: ReportState = action == .return ? .submitted : .locked
        #expect(ReportWorkflow.apply(action, to: from, by: .coordinator, ownReport: false, reason: reason) == .failure(.reasonRequired(action)))
    }

    @Test("values can be edited only in draft and returned reports")
    func editable() {
        #expect(ReportState.allCases.filter(ReportWorkflow.isEditable) == [.draft, .returned])
    }

    @Test("only submitted, approved and locked reports have reached the Department")
    func withDepartment() {
        #expect(ReportState.allCases.filter(\.isWithDepartment) == [.submitted, .approved, .locked])
    }
}

@Suite("Completeness and timeliness") struct CycleStatisticsTests {
    /// Due "trước ngày 01/06/2026": late from 2026-05-31T17:00:00Z (00:00 on 1 June in Việt Nam).
    static let due = Day(2026, 6, 1)
    static let deadline = Date(timeIntervalSince1970: 1_780_246_800)

    @Test("counts expected, submitted, approved, late and missing; only expected organisations count")
    func figures() {
        let stats = CycleStatistics.compute(
            expected: ["A", "B", "C", "D"],
            submissions: [
                .init(organisation: "A", submittedAt: Self.deadline.addingTimeInterval(-86_400), approvedAt: Self.deadline),
                .init(organisation: "B", submittedAt: Self.deadline.addingTimeInterval(3_600), approvedAt: nil),  // late
                .init(organisation: "C", submittedAt: nil, approvedAt: nil),
                .init(organisation: "X", submittedAt: Self.deadline.addingTimeInterval(-10), approvedAt: nil),    // not expected
            ], due: Self.due)
        #expect(stats == CycleStatistics(expected: 4, submitted: 2, approved: 1, late: 1, missing: 2, completeness: 50, timeliness: 25))
    }

    @Test("on time through the last instant of the day before the due day; late from the due day's first instant (UTC+7)", arguments: [
        (-0.001, 0), (0, 1), (7 * 3_600, 1), (-86_400, 0),
    ] as [(Double, Int)])
    func boundary(offset: Double, late: Int) {
        let stats = CycleStatistics.compute(expected: ["A"], submissions: [.init(organisation: "A", submittedAt: Self.deadline.addingTimeInterval(offset), approvedAt: nil)],
                                            due: Self.due)
        #expect(stats.late == late && stats.submitted == 1)
        #expect(stats.timeliness == (late == 0 ? 100 : 0))
    }

    @Test("never above 100 %, and no figure when nobody is expected")
    func bounds() {
        let all = CycleStatistics.compute(expected: ["A"], submissions: [.init(organisation: "A", submittedAt: Self.deadline, approvedAt: nil),
                                                                          .init(organisation: "B", submittedAt: Self.deadline, approvedAt: nil)], due: Self.due)
        #expect(all.completeness == 100)
        let none = CycleStatistics.compute(expected: [], submissions: [], due: Self.due)
        #expect(none.completeness == nil && none.timeliness == nil && none.missing == 0)
    }
}
