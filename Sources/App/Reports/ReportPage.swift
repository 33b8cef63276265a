import Fluent
import Planning
import Vapor

/// The unit report form (or, for reviewers, the report with its review actions).
struct ReportPage: Encodable {
    struct Group: Encodable {
        let code: String
        let name: String
        let rows: [Row]
    }

    struct Row: Encodable {
        let code: String
        let name: String
        let unit: String
        let measure: String
        let target: String
        let previous: String
        let numerator, denominator, amount, answer, level, comment: String
        let percent: String
        let scale: [String]
        let problems: [String]
        let warnings: [String]
        /// What the form says about the indicator: its definition, what the numerator and denominator count,
        /// the unit's own target and the sector's as context.
        let guide: ReportGuide
        /// The first field of the first indicator with a problem takes the focus after a refused save.
        let autofocus: Bool
        /// Has a problem: its fields are marked `aria-invalid` and described by the messages.
        let invalid: Bool
        let reviewComment: String
        let reviewedBy: String
        let writable: Bool
        let canReview: Bool
    }

    struct Event: Encodable {
        let at: String
        let actor: String
        let action: String
        let reason: String
    }

    let layout: Layout
    let id: String
    let organisation: String
    let organisationName: String
    let period: String
    let cycleID: String
    let due: String
    let state: String
    let stateLabel: String
    let version: Int
    let submittedAt: String
    let late: Bool
    let returnReason: String
    let editable: Bool
    let canReturn, canApprove, canReopen, canLock: Bool
    /// The unit head's two buttons on a report awaiting him: sign and send, or return to the reporter.
    let canSign, canHeadReturn: Bool
    /// The report awaits the unit head's signature (not yet with the Department).
    let awaitingHead: Bool
    /// Who signed it as the unit head, and when (empty when nobody has).
    let signedBy, signedAt: String
    /// The submit button's words: to the Department, or to the unit head where the unit has one.
    let submitLabel: String
    let results, difficulties, proposals: String
    /// False for a lead office reading another organisation's report: it sees only its indicators' values.
    let showsNarrative: Bool
    let groups: [Group]
    let events: [Event]
    let error: String?
    /// How many values an uploaded template changed (empty when none was uploaded).
    let uploaded: String
    /// The reporting year whose targets are shown.
    let year: Int
    /// The previous request saved something (its message is `savedMessage`).
    let saved: Bool
    /// What the previous request did (a draft saved, submitted, sent to the head, signed, returned); empty if nothing.
    let savedMessage: String
    /// The problems of a refused save, each linking to its indicator's first field.
    let problemLinks: [ReportGuide.ProblemLink]
    /// The list this report was opened from (`cycle=…&state=submitted`), carried by the review forms.
    let queue: String
    /// "Đã duyệt báo cáo của … · Báo cáo tiếp theo đang chờ" when the previous report of a queue was just acted on.
    let done: String?
    /// The indicator whose comment box opens (a lead office following a "chờ nhận xét" link).
    let reviewing: String

    /// - Parameters:
    ///   - typed: what the user typed (shown again after a refused save, so nothing is lost).
    ///   - problems/warnings: messages by indicator code, shown next to its fields.
    init(_ req: Request, _ context: ReportContext, typed: ReportForm? = nil, problems: [String: [String]] = [:],
         warnings: [String: [String]] = [:], error: String? = nil) async throws {
        let language = req.language
        let style = language.numbers
        let user = try req.requireUser()
        let context = Reports.visible(context, to: user)
        let report = context.report
        id = try report.requireID().uuidString
        organisation = context.organisation.code
        organisationName = context.organisation.name
        period = CycleText.period(context.cycle.periodCode, language)
        cycleID = try context.cycle.requireID().uuidString
        due = CycleText.due(context.cycle.dueOn, language)
        layout = Layout(req, title: "\(Localizer.text("report.title", language)) · \(context.organisation.name)")
        state = report.state
        stateLabel = Localizer.text("state.\(report.state)", language)
        version = typed?.version ?? report.version
        submittedAt = report.submittedAt.map(DateText.dayTime) ?? ""
        late = report.submittedAt.map { ReportingCycleRules.isLate($0, due: context.cycle.dates.due) } ?? false
        returnReason = report.reportState == .returned ? (report.returnReason ?? "") : ""
        let writable = Reports.writableIndicators(context, by: user)
        editable = !writable.isEmpty && ReportWorkflow.isEditable(report.reportState) && context.cycle.cycleState != .planned
        func allowed(_ action: ReportAction) -> Bool {
            (try? Reports.workflow(action, context, by: user, reason: "x")) != nil
        }
        let isHead = user.role == .unitHead
        canReturn = allowed(.return) && !isHead
        canSign = allowed(.sign)
        canHeadReturn = allowed(.return) && isHead
        awaitingHead = report.reportState == .awaitingHead
        signedBy = report.signedBy ?? ""
        signedAt = report.signedAt.map(DateText.dayTime) ?? ""
        let toHead = editable ? try await UnitHeads.exists(in: context.organisation, on: req.db) : false
        submitLabel = Localizer.text(toHead ? "report.submitToHead" : "report.submit", language)
        canApprove = allowed(.approve)
        canReopen = allowed(.reopen)
        canLock = allowed(.lock) && context.cycle.cycleState == .closed
        showsNarrative = context.showsNarrative
        results = context.showsNarrative ? typed?.results ?? report.results ?? "" : ""
        difficulties = context.showsNarrative ? typed?.difficulties ?? report.difficulties ?? "" : ""
        proposals = context.showsNarrative ? typed?.proposals ?? report.proposals ?? "" : ""
        let year = context.period?.year ?? 0
        self.year = year
        var groups: [Group] = []
        let ownTargets = try await ReportGuide.ownTargets(context, on: req.db)
        let firstProblem = context.indicators.first { problems[$0.code]?.isEmpty == false }?.code
        for indicator in context.indicators {
            let stored = context.values[indicator.code]
            let entry = stored?.entry ?? ValueEntry()
            let raw = typed?.values?[indicator.code]
            func show(_ x: Double?) -> String { x.map { style.format($0, maxDecimals: 4) } ?? "" }
            let percent: String = {
                guard raw == nil, let n = entry.numerator, let d = entry.denominator, d > 0 else { return "" }
                return style.percent(100 * n / d)
            }()
            let row = Row(code: indicator.code, name: indicator.name, unit: indicator.unit ?? "", measure: indicator.measure.rawValue,
                          target: style.describe(indicator.expected(in: year)),
                          previous: context.previous[indicator.code].map { ReportText.value($0, style) } ?? "—",
                          numerator: raw?.numerator ?? show(entry.numerator), denominator: raw?.denominator ?? show(entry.denominator),
                          amount: raw?.amount ?? show(entry.amount),
                          answer: raw?.answer ?? entry.answer.map { $0 ? "yes" : "no" } ?? "",
                          level: raw?.level ?? entry.level ?? "", comment: raw?.comment ?? entry.comment ?? "", percent: percent,
                          scale: indicator.scale, problems: problems[indicator.code] ?? (stored?.isOutOfDomain == true
                              ? [ReportError.describe(ValueCheck.outOfDomain, language)] : []), warnings: warnings[indicator.code] ?? [],
                          guide: ReportGuide(indicator, year: year, own: ownTargets[indicator.code] ?? [], department: context.organisation.kind == .department,
                                             language: language),
                          autofocus: indicator.code == firstProblem, invalid: !(problems[indicator.code] ?? []).isEmpty || stored?.isOutOfDomain == true,
                          reviewComment: stored?.reviewComment ?? "", reviewedBy: stored?.reviewedBy ?? "",
                          writable: editable && writable.contains(indicator.code),
                          canReview: Reports.mayReview(indicator, by: user) && [.submitted, .returned, .approved].contains(report.reportState))
            if let last = groups.last, last.code == indicator.group {
                groups[groups.count - 1] = Group(code: last.code, name: last.name, rows: last.rows + [row])
            } else {
                groups.append(Group(code: indicator.group, name: context.groupNames[indicator.group] ?? indicator.group, rows: [row]))
            }
        }
        self.groups = groups
        events = try await ReportEventRecord.query(on: req.db).filter(\.$report.$id == report.requireID()).sort(\.$at).all().map {
            Event(at: DateText.dayTime($0.at), actor: $0.actor, action: Localizer.text("action.\($0.action)", language), reason: $0.reason ?? "")
        }
        self.error = error
        let savedAs = req.query[String.self, at: "saved"]
        saved = savedAs != nil
        savedMessage = switch savedAs {
        case nil: ""
        case "signed"?: Localizer.text("report.signed", language)
        case "returned"?: Localizer.text("report.returnedToReporter", language)
        case "submitted"? where report.reportState == .awaitingHead: Localizer.text("report.sentToHead", language)
        case "submitted"?: Localizer.text("journey.submitted", language)
        default: Localizer.text("journey.draftSaved", language)
        }
        problemLinks = groups.flatMap(\.rows).filter { !$0.problems.isEmpty }.map {
            ReportGuide.ProblemLink(code: $0.code, name: $0.name, field: ReportGuide.firstField($0.code, measure: $0.measure), messages: $0.problems)
        }
        queue = ((try? ReportQueries.Filter.read(req)) ?? .init()).query
        done = try await ReportQueue.doneMessage(req, next: true)
        reviewing = req.query[String.self, at: "review"].map { $0.uppercased() }.flatMap { code in
            groups.flatMap(\.rows).contains { $0.code == code && $0.canReview } ? code : nil } ?? ""
        uploaded = req.query[Int.self, at: "uploaded"].map(String.init) ?? ""
    }
}

/// How a value reads on a page.
enum ReportText {
    static func value(_ value: ReportedValue, _ style: NumberStyle) -> String {
        let vi = style == .vietnamese
        switch value {
        case .ratio(let n, let d): return d > 0 ? "\(style.percent(100 * n / d)) (\(style.format(n))/\(style.format(d)))" : "— (\(style.format(n))/\(style.format(d)))"
        case .count(let n): return style.format(n)
        case .yesNo(let answer): return answer ? (vi ? "Có" : "Yes") : (vi ? "Không" : "No")
        case .level(let level): return level
        }
    }
}
