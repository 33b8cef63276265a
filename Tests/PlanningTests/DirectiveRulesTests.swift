import Foundation
import Testing
@testable import Planning

@Suite("Directives of the Ban Chỉ đạo") struct DirectiveRulesTests {
    @Test("exactly one subject", arguments: [
        ("CT05", nil, nil, DirectiveSubject.indicator("CT05") as DirectiveSubject?, 1),
        (nil, "MAU-BVDK-A", nil, .organisation("MAU-BVDK-A"), 1),
        (nil, nil, " NV01 ", .task("NV01"), 1),
        ("", " ", nil, nil, 0),
        (nil, nil, nil, nil, 0),
        ("CT05", "MAU-BVDK-A", nil, nil, 2),
        ("CT05", "MAU-BVDK-A", "NV01", nil, 3),
    ] as [(String?, String?, String?, DirectiveSubject?, Int)])
    func subject(indicator: String?, organisation: String?, task: String?, expected: DirectiveSubject?, count: Int) {
        // act
        let result = DirectiveRules.subject(indicator: indicator, organisation: organisation, task: task)
        // validate
        if let expected { #expect(result == .success(expected)) } else { #expect(result == .failure(.subjectCount(count))) }
    }

    @Test("status from the replies: open until every addressee replied, then answered; closed stays closed", arguments: [
        (["A", "B"], [] as Set<String>, false, DirectiveStatus.open),
        (["A", "B"], ["A"], false, .open),
        (["A", "B"], ["A", "B"], false, .answered),
        (["A", "B"], ["A", "B", "C"], false, .answered),
        (["A"], ["B"], false, .open),
        ([], [], false, .open),
        (["A", "B"], ["A", "B"], true, .closed),
        (["A"], [], true, .closed),
    ] as [([String], Set<String>, Bool, DirectiveStatus)])
    func status(addressees: [String], replied: Set<String>, closed: Bool, expected: DirectiveStatus) {
        #expect(DirectiveRules.status(addressees: addressees, repliedBy: replied, closed: closed) == expected)
    }

    @Test("who replies: staff of an addressed organisation, while the directive is not closed", arguments: [
        (Role.unitReporter, "A", DirectiveStatus.open, "Đã triển khai", nil as DirectiveRules.Refusal?),
        (.leadOffice, "A", .answered, "Bổ sung", nil),
        (.coordinator, "A", .open, "Phòng đã làm", nil),
        (.unitReporter, "B", .open, "Trả lời", .notAddressed("B")),
        (.leadership, "A", .open, "Trả lời", .notAllowed(.leadership)),
        (.admin, "A", .open, "Trả lời", .notAllowed(.admin)),
        (.unitReporter, "A", .closed, "Trả lời", .closed),
        (.unitReporter, "A", .open, "  \n", .textRequired),
    ] as [(Role, String, DirectiveStatus, String, DirectiveRules.Refusal?)])
    func reply(role: Role, organisation: String, status: DirectiveStatus, text: String, refusal: DirectiveRules.Refusal?) {
        // act
        let result = DirectiveRules.reply(role: role, organisation: organisation, addressees: ["A", "C"], status: status, text: text)
        // validate
        switch result {
        case .success: #expect(refusal == nil)
        case .failure(let found): #expect(found == refusal)
        }
    }

    @Test("leadership closes with a note and reopens; reopening gives back what the replies make", arguments: Role.allCases)
    func closeAndReopen(_ role: Role) {
        // act
        let closed = DirectiveRules.close(.answered, by: role, note: "Đã xong")
        let reopened = DirectiveRules.reopen(.closed, by: role, addressees: ["A", "B"], repliedBy: ["A"])
        let reopenedAnswered = DirectiveRules.reopen(.closed, by: role, addressees: ["A"], repliedBy: ["A"])
        // validate
        if role == .leadership {
            #expect(closed == .success(.closed))
            #expect(reopened == .success(.open))
            #expect(reopenedAnswered == .success(.answered))
        } else {
            #expect(closed == .failure(.notAllowed(role)))
            #expect(reopened == .failure(.notAllowed(role)))
        }
    }

    @Test("closing needs a note and a directive not closed yet; only a closed one reopens", arguments: [
        (DirectiveStatus.open, "Dừng theo dõi", DirectiveStatus.closed as DirectiveStatus?, nil as DirectiveRules.Refusal?),
        (.answered, "", nil, .noteRequired),
        (.closed, "Lại", nil, .alreadyClosed),
    ] as [(DirectiveStatus, String, DirectiveStatus?, DirectiveRules.Refusal?)])
    func closing(from: DirectiveStatus, note: String, expected: DirectiveStatus?, refusal: DirectiveRules.Refusal?) {
        let result = DirectiveRules.close(from, by: .leadership, note: note)
        if let expected { #expect(result == .success(expected)) } else { #expect(result == .failure(refusal!)) }
        #expect(DirectiveRules.reopen(.open, by: .leadership, addressees: ["A"], repliedBy: []) == .failure(.notClosed))
    }

    @Test("overdue: past its due day and not closed", arguments: [
        (Day(2026, 6, 30) as Day?, DirectiveStatus.open, Day(2026, 7, 1), true),
        (Day(2026, 6, 30), .answered, Day(2026, 7, 1), true),
        (Day(2026, 6, 30), .open, Day(2026, 6, 30), false),     // due that day: still in time
        (Day(2026, 6, 30), .closed, Day(2026, 8, 1), false),
        (nil, .open, Day(2030, 1, 1), false),
    ] as [(Day?, DirectiveStatus, Day, Bool)])
    func overdue(due: Day?, status: DirectiveStatus, today: Day, expected: Bool) {
        #expect(DirectiveRules.isOverdue(due: due, status: status, today: today) == expected)
    }

    @Test("a unit's staff read only directives addressed to their organisation; those who follow the plan read all", arguments: Role.allCases)
    func reading(_ role: Role) {
        let addressed = DirectiveRules.mayRead(role: role, organisation: "A", addressees: ["A"])
        let other = DirectiveRules.mayRead(role: role, organisation: "A", addressees: ["B"])
        #expect(addressed)
        #expect(other == !role.readsOwnOrganisationOnly)
    }
}
