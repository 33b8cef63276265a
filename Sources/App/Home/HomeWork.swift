import Fluent
import Foundation
import Planning
import Vapor

/// Việc cần làm — what the signed-in account has to do now, by role: the home page (`/`) and
/// `GET /api/v1/worklist` show the same thing. The rules are `Worklist`'s; this gathers the facts.
struct HomeWork: Content {
    let role: String
    let roleLabel: String
    /// The unit's reports of the open cycles (unit reporter, unit head, lead office for its own report).
    let reports: [UnitReport]
    /// The coordinator's work: the approval queue, units not yet in, lead offices not yet assessed.
    let review: Review?
    /// A lead office's work: values waiting for its comment, indicators to assess.
    let office: Office?
    /// Leadership's view: the plan at a glance, the report waiting for sign-off, open directives.
    let leadership: Leadership?
    /// The administrator's first-run steps.
    let setup: [SetupItem]?
    /// Directives addressed to the account's organisation that are still open.
    let directives: [DirectiveItem]

    struct UnitReport: Content {
        let id: String
        let link: String
        let organisation: String
        let period: String
        let state: String
        let stateLabel: String
        let step: String
        let stepLabel: String
        let action: String?
        let due: String
        /// "còn 5 ngày" / "quá hạn 2 ngày"; empty once the report is with the Department.
        let standing: String
        let overdue: Bool
        /// Indicators still empty or not valid for sending, by name.
        let missing: [String]
        let missingCount: Int
        let returnReason: String?
        let returnedBy: String?
        /// The reviewers' comments on single values ("CT05: thiếu minh chứng").
        let comments: [Comment]
    }

    struct Comment: Content {
        let indicator: String
        let name: String
        let text: String
        let link: String
    }

    struct Review: Content {
        let waiting: [Waiting]
        /// Where "Bắt đầu duyệt" goes: the oldest report waiting, inside the queue.
        let start: String?
        let chase: [Chase]
        let chaseCounts: [Tally]
        let assessmentsMissing: [OfficeGap]
        let assessmentPeriod: String?
        let followUp: String?
    }

    struct Waiting: Content {
        let link: String
        let organisation: String
        let period: String
        let submitted: String
        let late: Bool
    }

    struct Chase: Content {
        let link: String
        let organisation: String
        let period: String
        let state: String
        let stateLabel: String
        let standing: String
        let overdue: Bool
    }

    struct Tally: Content {
        let key: String
        let label: String
        let count: Int
    }

    struct OfficeGap: Content {
        let office: String
        let name: String
        let indicators: [String]
    }

    struct Office: Content {
        let code: String
        let pending: [Comment]
        let pendingCount: Int
        let toAssess: [Comment]
        let period: String?
        let link: String
    }

    struct Leadership: Content {
        let period: String
        let counts: [Tally]
        let dashboard: String
        let signoffState: String
        let signoffLabel: String
        let signoffWaiting: Bool
        let signoffLink: String
        let openDirectives: [DirectiveItem]
    }

    struct DirectiveItem: Content {
        let link: String
        let text: String
        let due: String
        let overdue: Bool
        let status: String
    }

    struct SetupItem: Content {
        let step: String
        let label: String
        let help: String
        let done: Bool
        let link: String
    }
}
