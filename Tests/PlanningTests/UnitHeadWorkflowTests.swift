import Foundation
import Testing
@testable import Planning

/// The workflow with the unit head (Thủ trưởng đơn vị), for every (action, state, role): each role acting on its own
/// report (a lead office: one holding an indicator it leads), in a unit with and without a head.
@Suite("Report workflow with the unit head") struct UnitHeadWorkflowTests {
    typealias Moves = [ReportAction: [ReportState: ReportState]]

    static let allButLocked: [ReportState: ReportState] = [.draft: .locked, .awaitingHead: .locked, .submitted: .locked,
                                                            .returned: .locked, .approved: .locked]

    /// Every legal move of each role, written out; `submitTo` is where a submission goes.
    static func legal(_ role: Role, submitTo sent: ReportState) -> Moves {
        switch role {
        case .unitReporter:
            [.save: [.draft: .draft, .returned: .returned], .submit: [.draft: sent, .returned: sent]]
        case .leadOffice:
            [.save: [.draft: .draft, .returned: .returned], .submit: [.draft: sent, .returned: sent], .return: [.submitted: .returned]]
        case .unitHead:
            [.sign: [.awaitingHead: .submitted], .return: [.awaitingHead: .returned]]
        case .coordinator:
            [.return: [.submitted: .returned, .approved: .returned], .approve: [.submitted: .approved], .lock: allButLocked,
             .reopen: [.locked: .returned]]
        case .admin:
            [.lock: allButLocked]
        case .leadership:
            [:]
        }
    }

    /// The actions each role may take at all; any other is `notAllowed` in every state.
    static let mayTake: [Role: Set<ReportAction>] = [
        .unitReporter: [.save, .submit], .leadOffice: [.save, .submit, .return], .unitHead: [.sign, .return],
        .coordinator: [.return, .approve, .lock, .reopen], .admin: [.lock], .leadership: [],
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        let role: Role
        let unitHasHead: Bool
        var testDescription: String { "\(role.rawValue), unit \(unitHasHead ? "with" : "without") a head" }
    }

    static let cases = Role.allCases.flatMap { role in [true, false].map { Case(role: role, unitHasHead: $0) } }

    @Test("every action from every state, by every role", arguments: cases)
    func table(_ c: Case) {
        let legal = Self.legal(c.role, submitTo: c.unitHasHead ? .awaitingHead : .submitted)
        for action in ReportAction.allCases {
            for state in ReportState.allCases {
                let result = ReportWorkflow.apply(action, to: state, by: c.role, ownReport: true, leadsAnIndicator: true,
                                                  unitHasHead: c.unitHasHead, reason: "lý do")
                let expected: Result<ReportState, ReportWorkflow.Refusal>
                if let target = legal[action]?[state] {
                    expected = .success(target)
                } else if !(Self.mayTake[c.role] ?? []).contains(action) || (action == .return && state == .approved) {
                    // Only the coordinator sends back what it approved.
                    expected = .failure(.notAllowed(action, c.role))
                } else {
                    expected = .failure(.notFromState(action, state))
                }
                #expect(result == expected, "\(action.rawValue) from \(state.rawValue)")
            }
        }
    }

    @Test("a reporter's submission goes to the head where the unit has one, straight to the Department where it has none")
    func submission() {
        #expect(ReportWorkflow.apply(.submit, to: .draft, by: .unitReporter, ownReport: true, unitHasHead: true) == .success(.awaitingHead))
        #expect(ReportWorkflow.apply(.submit, to: .returned, by: .unitReporter, ownReport: true, unitHasHead: true) == .success(.awaitingHead))
        #expect(ReportWorkflow.apply(.submit, to: .draft, by: .unitReporter, ownReport: true, unitHasHead: false) == .success(.submitted))
    }

    @Test("a head acts only on his own unit's report", arguments: [ReportAction.sign, .return])
    func otherUnit(action: ReportAction) {
        #expect(ReportWorkflow.apply(action, to: .awaitingHead, by: .unitHead, ownReport: false, reason: "lý do") == .failure(.notAllowed(action, .unitHead)))
    }

    @Test("the head returns to the reporter only with a reason", arguments: [nil, "", " \n "])
    func reason(reason: String?) {
        #expect(ReportWorkflow.apply(.return, to: .awaitingHead, by: .unitHead, ownReport: true, reason: reason) == .failure(.reasonRequired(.return)))
    }

    @Test("the Department cannot act on a report awaiting the head: it has not reached it", arguments: [
        (ReportAction.approve, Role.coordinator), (.return, .coordinator), (.return, .leadOffice), (.sign, .unitHead),
    ])
    func notYetWithDepartment(action: ReportAction, role: Role) {
        let result = ReportWorkflow.apply(action, to: .awaitingHead, by: role, ownReport: role == .unitHead, leadsAnIndicator: true, reason: "lý do")
        if role == .unitHead {
            #expect(result == .success(.submitted))
        } else {
            #expect(result == .failure(.notFromState(action, .awaitingHead)))
        }
    }
}
