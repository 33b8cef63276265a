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
    /// What the previous request did (saved, submitted, sent to the head, signed, returned); empty if nothing.
    let savedText: String
    /// How many values an uploaded template changed (empty when none was uploaded).
    let uploaded: String
    /// The reporting year whose targets are shown.
    let year: Int

    /// - Parameters:
    ///   - typed: what the user typed (shown again after a refused save, so nothing is lost).
    ///   - problems/warnings: messages by indicator code, shown next to its fields.
    init(_ req: Request, _ context: ReportContext, typed: ReportForm? = nil, problems: [String: [String]] = [:],
         warnings: [String: [String]] = [:], error: String? = nil) async throws {
        let language = req.language
        let style: NumberStyle = language == .vietnamese ? .vietnamese : .english
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
        savedText = switch req.query[String.self, at: "saved"] {
        case nil: ""
        case "signed"?: Localizer.text("report.signed", language)
        case "returned"?: Localizer.text("report.returnedToReporter", language)
        case "submitted"? where report.reportState == .awaitingHead: Localizer.text("report.sentToHead", language)
        default: Localizer.text("report.saved", language)
        }
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
