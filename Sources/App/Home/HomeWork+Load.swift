import Fluent
import Foundation
import Planning
import Vapor

extension HomeWork {
    /// The signed-in account's work now. Each part reads only what its role needs (small queries, no evaluation but
    /// leadership's glance).
    static func load(_ req: Request, now: Date = Date()) async throws -> HomeWork {
        let user = try req.requireUser()
        let language = req.language
        let db = req.db
        let today = Day(now)
        // `?plan=` (or the plan chosen in the switcher) narrows the work to that plan's cycles; an unknown plan is a 404.
        var plan: String?
        if let asked = try req.queryText("plan") { plan = try await PlanQueries.resolve(asked, on: db).code }
        let query = CycleRecord.query(on: db).filter(\.$state == CycleState.open.rawValue).sort(\.$periodCode, .descending)
        if let plan { query.filter(\.$planCode == plan) }
        let open = try await query.all()
        let names = try await Directory.names(on: db)
        let writesOwn = AccessPolicy.allows(user.role, .writeReports) || user.role == .unitHead
        return HomeWork(
            role: user.role.rawValue, roleLabel: Localizer.text("role.\(user.role.rawValue)", language),
            reports: writesOwn ? try await unitReports(user, cycles: open, today: today, req: req) : [],
            review: AccessPolicy.allows(user.role, .approveReports)
                ? try await review(user, cycles: open, names: names, today: today, req: req) : nil,
            office: user.role == .leadOffice ? try await office(user, cycles: open, names: names, req: req) : nil,
            leadership: user.role == .leadership ? try await leadership(user, plan: plan, today: today, req: req) : nil,
            setup: user.role == .admin ? try await setup(language, on: db) : nil,
            directives: user.role == .leadership || user.role == .admin ? [] : try await addressed(user, today: today, language: language, on: db))
    }

    // MARK: the unit's own reports

    private static func unitReports(_ user: CurrentUser, cycles: [CycleRecord], today: Day, req: Request) async throws -> [UnitReport] {
        let language = req.language
        let ids = try cycles.map { try $0.requireID() }
        guard !ids.isEmpty else { return [] }
        let records = try await ReportRecord.query(on: req.db).filter(\.$cycle.$id ~~ ids)
            .filter(\.$organisationCode == user.organisationCode).with(\.$cycle).with(\.$values).all()
        var items: [UnitReport] = []
        for record in records.sorted(by: { $0.cycle.periodCode > $1.cycle.periodCode }) {
            let context = try await Reports.context(record, on: req.db)
            let state = record.reportState
            let step = Worklist.step(state, role: user.role)
            let entries = context.values.mapValues(\.entry)
            let check = ReportCheck.check(entries, indicators: context.indicators, previous: context.previous, submitting: true,
                                          options: req.application.settings.valueChecks)
            let missing = context.indicators.filter { check.errors[$0.code] != nil }
            let due = record.cycle.dates.due
            let outstanding = Worklist.isOutstanding(state)
            let standing = Worklist.standing(today: today, due: due)
            let id = try record.requireID().uuidString
            let comments = context.indicators.compactMap { indicator -> Comment? in
                guard let text = context.values[indicator.code]?.reviewComment, !text.isEmpty else { return nil }
                return Comment(indicator: indicator.code, name: indicator.name, text: text, link: "/reports/\(id)#\(indicator.code)")
            }
            let returned = state == .returned
            items.append(UnitReport(
                id: id, link: "/reports/\(id)", organisation: context.organisation.name, period: CycleText.period(record.cycle.periodCode, language),
                state: state.rawValue, stateLabel: Localizer.text("state.\(state.rawValue)", language),
                step: step.rawValue, stepLabel: Localizer.text("home.step.\(step.rawValue)", language),
                action: actionLabel(step, language), due: due.vietnamese,
                standing: outstanding ? standingText(standing, language) : "", overdue: outstanding && isOverdue(standing),
                missing: Array(missing.prefix(8).map { "\($0.code) \($0.name)" }), missingCount: missing.count,
                returnReason: returned ? record.returnReason : nil, returnedBy: returned ? record.returnedBy : nil,
                comments: returned || state == .submitted ? comments : []))
        }
        return items
    }

    private static func actionLabel(_ step: Worklist.Step, _ language: Language) -> String? {
        switch step {
        case .fill, .fix, .sign: Localizer.text("home.action.\(step.rawValue)", language)
        case .awaitHead, .awaitReporter, .awaitReview, .done: nil
        }
    }

    static func standingText(_ standing: Worklist.Standing, _ language: Language) -> String {
        switch standing {
        case .daysLeft(let days): Localizer.text("home.daysLeft", language, ["n": String(days)])
        case .overdue(let days): Localizer.text("home.overdue", language, ["n": String(days)])
        }
    }

    static func isOverdue(_ standing: Worklist.Standing) -> Bool {
        if case .overdue = standing { return true }
        return false
    }

    // MARK: directives addressed to the account's organisation

    private static func addressed(_ user: CurrentUser, today: Day, language: Language, on db: any Database) async throws -> [DirectiveItem] {
        try await Directives.list(.init(addressee: user.organisationCode), for: user, today: today, on: db)
            .filter { $0.directiveStatus != .closed }.prefix(10).map { directiveItem($0, today: today, language: language) }
    }

    static func directiveItem(_ directive: DirectiveRecord, today: Day, language: Language) -> DirectiveItem {
        let due = directive.dueOn.flatMap(Day.init(iso:))
        return DirectiveItem(link: "/directives/\(directive.id?.uuidString ?? "")", text: String(directive.text.prefix(160)),
                             due: due?.vietnamese ?? "",
                             overdue: DirectiveRules.isOverdue(due: due, status: directive.directiveStatus, today: today),
                             status: Localizer.text("directive.status.\(directive.status)", language))
    }
}
