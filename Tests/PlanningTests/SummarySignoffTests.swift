import Foundation
import Testing
@testable import Planning

@Suite("Sign-off of the report to the People's Committee") struct SummarySignoffTests {
    /// Every legal move, written out; every other (action, state) pair must be refused.
    static let legal: [SummaryReportAction: [SummaryReportState: SummaryReportState]] = [
        .edit: [.draft: .draft],
        .submit: [.draft: .awaitingApproval],
        .return: [.awaitingApproval: .draft, .approved: .draft],
        .approve: [.awaitingApproval: .approved],
        .issue: [.approved: .issued],
    ]

    static let actor: [SummaryReportAction: Role] = [.edit: .coordinator, .submit: .coordinator, .return: .leadership,
                                                     .approve: .leadership, .issue: .coordinator]

    struct Move: Sendable, CustomTestStringConvertible {
        let action: SummaryReportAction
        let state: SummaryReportState
        var testDescription: String { "\(action.rawValue) from \(state.rawValue)" }
    }

    static let moves = SummaryReportAction.allCases.flatMap { action in SummaryReportState.allCases.map { Move(action: action, state: $0) } }

    @Test("every action from every state", arguments: moves)
    func transitions(_ move: Move) {
        // act
        let result = SummarySignoff.apply(move.action, to: move.state, by: Self.actor[move.action]!, reason: "Sửa số liệu")
        // validate
        if let target = Self.legal[move.action]?[move.state] {
            #expect(result == .success(target))
        } else {
            #expect(result == .failure(.notFromState(move.action, move.state)))
        }
    }

    @Test("who may act: the coordinator prepares and issues, leadership returns and approves", arguments:
        SummaryReportAction.allCases.flatMap { action in Role.allCases.map { (action, $0) } })
    func roles(action: SummaryReportAction, role: Role) {
        // setup
        let from = Self.legal[action]!.keys.sorted { $0.rawValue < $1.rawValue }.first!
        // act
        let result = SummarySignoff.apply(action, to: from, by: role, reason: "lý do")
        // validate
        let allowed = Self.actor[action] == role
        if allowed { #expect((try? result.get()) != nil) } else { #expect(result == .failure(.notAllowed(action, role))) }
    }

    @Test("returning needs a reason", arguments: ["", "   ", "\n"])
    func reason(_ reason: String) {
        #expect(SummarySignoff.apply(.return, to: .awaitingApproval, by: .leadership, reason: reason) == .failure(.reasonRequired))
    }

    @Test("only a draft may be edited", arguments: SummaryReportState.allCases)
    func editable(_ state: SummaryReportState) {
        #expect(SummarySignoff.isEditable(state) == (state == .draft))
    }

    @Test("issuing checks the number and the date; a number is unique per plan and year", arguments: [
        ("125", "05/12/2026", nil as SummarySignoff.Refusal?),
        (" 125 ", "2026-12-05", nil),
        ("", "05/12/2026", .numberRequired),
        ("  ", "05/12/2026", .numberRequired),
        ("12/BC", "05/12/2026", .invalidNumber("12/BC")),
        (String(repeating: "1", count: 21), "05/12/2026", .invalidNumber(String(repeating: "1", count: 21))),
        ("125", "", .dateRequired),
        ("125", "31/02/2026", .invalidDate("31/02/2026")),
        ("7", "05/12/2026", .numberTaken(number: "7", year: 2026)),
        ("7", "05/01/2027", nil),     // the same number in another year
        ("7b", "05/12/2026", nil),
        ("7B", "05/12/2026", .numberTaken(number: "7B", year: 2026)),   // the same number, written in capitals
    ] as [(String, String, SummarySignoff.Refusal?)])
    func issue(number: String, date: String, refusal: SummarySignoff.Refusal?) {
        // setup
        let issued = [(number: "7", year: 2026), (number: "9", year: 2025)] + (number == "7B" ? [(number: "7b", year: 2026)] : [])
        // act
        let result = SummarySignoff.checkIssue(number: number, date: date, issued: issued)
        // validate
        switch result {
        case .success(let checked):
            #expect(refusal == nil)
            #expect(checked.number == number.trimmingCharacters(in: .whitespaces))
            #expect(checked.day == DayInput.parse(date))
        case .failure(let found):
            #expect(found == refusal)
        }
    }
}
