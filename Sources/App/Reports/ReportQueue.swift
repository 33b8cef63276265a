import Fluent
import Foundation
import Planning
import Vapor

/// Hàng chờ duyệt — the coordinator's queue: after approving or returning a report, the next one waiting in the
/// same list opens, with a line saying what was done.
enum ReportQueue {
    /// The actions after which the reviewer moves on to the next report.
    static let movesOn: Set<ReportAction> = [.approve, .return]

    /// Where the reviewer lands after `action` on `context`'s report: the next report waiting within `filter`, or
    /// the (now empty) queue, each with `done` and `from` saying what was just done.
    static func destination(after action: ReportAction, _ context: ReportContext, filter: ReportQueries.Filter,
                            by user: CurrentUser, on db: any Database) async throws -> String {
        let id = try context.report.requireID()
        let code = context.organisation.code.queryValue
        let waiting = filter.waiting.query
        let said = "done=\(action.rawValue)&from=\(code)"
        if let next = try await ReportQueries.next(after: id, filter, for: user, on: db) {
            return "/reports/\(try next.requireID().uuidString)?\(waiting)&\(said)"
        }
        return "/reports?\(waiting)&\(said)"
    }

    /// "Đã duyệt báo cáo của … · Báo cáo tiếp theo đang chờ" (`next`) or "… · Không còn báo cáo nào đang chờ duyệt";
    /// nil when the address says nothing was done (or names an action or organisation that does not exist).
    static func doneMessage(_ req: Request, next: Bool) async throws -> String? {
        guard let done = req.query[String.self, at: "done"].flatMap(ReportAction.init(rawValue:)), movesOn.contains(done),
              let code = req.query[String.self, at: "from"], !code.isEmpty,
              let name = try await Directory.names(on: req.db)[code] else { return nil }
        let language = req.language
        let what = Localizer.text("queue.\(done.rawValue)", language).replacingOccurrences(of: "{name}", with: name)
        return what + " · " + Localizer.text(next ? "queue.next" : "queue.empty", language)
    }
}

extension ReportQueries.Filter {
    /// The filters carried in a form's hidden `queue` field (`cycle=…&state=submitted`); a part that does not read
    /// is left out, as the field only ever holds what the page wrote.
    init(queue text: String) {
        var filter = ReportQueries.Filter()
        for item in text.split(separator: "&") {
            let pair = item.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
            guard pair.count == 2, !pair[1].isEmpty else { continue }
            switch pair[0] {
            case "cycle": filter.cycle = UUID(uuidString: pair[1])
            case "organisation": filter.organisation = pair[1]
            case "state": filter.state = ReportState(rawValue: pair[1])
            default: continue
            }
        }
        self = filter
    }
}
