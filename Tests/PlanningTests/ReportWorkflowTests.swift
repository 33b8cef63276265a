import Foundation
import Testing
@testable import Planning

@Suite("Report workflow") struct ReportWorkflowTests {
    /// Every legal move, written out; every other (action, state) pair must be refused.
    static let legal: [ReportAction: [ReportState: ReportState]] = [
        .save: [.draft: .draft, .returned: .returned],
        .submit: [.draft: .submitted, .returned: .submitted],
        .return: [.submitted: .returned, .approved: .returned],
        .approve: [.submitted: .approved],
        .lock: [.draft: .locked, .submitted: .locked, .returned: .locked, .approved: .locked],
        .reopen: [.locked: .returned],
    ]

    /// A role that may take each action (on its own report where that matters).
    static let actor: [ReportAction: Role] = [.save: .unitReporter, .submit: .unitReporter, .return: .coordinator,
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
}

@Suite("Completeness and timeliness") struct CycleStatisticsTests {
    static let due = Date(timeIntervalSince1970: 1_780_000_000)

    @Test("counts expected, submitted, approved, late and missing; only expected organisations count")
    func figures() {
        let stats = CycleStatistics.compute(
            expected: ["A", "B", "C", "D"],
            submissions: [
                .init(organisation: "A", submittedAt: Self.due.addingTimeInterval(-86_400), approvedAt: Self.due),
                .init(organisation: "B", submittedAt: Self.due.addingTimeInterval(3_600), approvedAt: nil),  // late
                .init(organisation: "C", submittedAt: nil, approvedAt: nil),
                .init(organisation: "X", submittedAt: Self.due.addingTimeInterval(-10), approvedAt: nil),    // not expected
            ], due: Self.due)
        #expect(stats == CycleStatistics(expected: 4, submitted: 2, approved: 1, late: 1, missing: 2, completeness: 50, timeliness: 25))
    }

    @Test("a submission exactly at the due moment is on time")
    func boundary() {
        let stats = CycleStatistics.compute(expected: ["A"], submissions: [.init(organisation: "A", submittedAt: Self.due, approvedAt: nil)], due: Self.due)
        #expect(stats.late == 0 && stats.timeliness == 100)
    }

    @Test("never above 100 %, and no figure when nobody is expected")
    func bounds() {
        let all = CycleStatistics.compute(expected: ["A"], submissions: [.init(organisation: "A", submittedAt: Self.due, approvedAt: nil),
                                                                          .init(organisation: "B", submittedAt: Self.due, approvedAt: nil)], due: Self.due)
        #expect(all.completeness == 100)
        let none = CycleStatistics.compute(expected: [], submissions: [], due: Self.due)
        #expect(none.completeness == nil && none.timeliness == nil && none.missing == 0)
    }
}
