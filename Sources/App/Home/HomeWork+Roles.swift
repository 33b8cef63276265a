import Fluent
import Foundation
import Planning
import Vapor

extension HomeWork {
    // MARK: coordinator

    static func review(_ user: CurrentUser, cycles: [CycleRecord], names: [String: String], today: Day, req: Request) async throws -> Review {
        let language = req.language
        let ids = try cycles.map { try $0.requireID() }
        let reports = ids.isEmpty ? [] : try await ReportRecord.query(on: req.db).filter(\.$cycle.$id ~~ ids).with(\.$cycle).all()
        // The queue is the open cycles' submitted reports, in the queue's own order (`ReportQueries.list`'s).
        let waitingReports = reports.filter { $0.reportState == .submitted }
            .sorted { ReportQueries.waitingOrder($0) < ReportQueries.waitingOrder($1) }.map { ($0, $0.cycle) }
        let queue = ReportQueries.Filter(state: .submitted).query
        let waiting = try waitingReports.map { report, cycle in
            let submitted = report.lastSubmittedAt ?? report.submittedAt
            return Waiting(link: "/reports/\(try report.requireID().uuidString)?\(queue)", organisation: names[report.organisationCode] ?? report.organisationCode,
                           period: CycleText.period(cycle.periodCode, language), submitted: submitted.map(DateText.dayTime) ?? "",
                           late: report.submittedAt.map { ReportingCycleRules.isLate($0, due: cycle.dates.due) } ?? false)
        }
        var tally: [Worklist.Chase: Int] = [:]
        let chased = try reports.compactMap { report -> (Date, Chase)? in
            guard let chase = Worklist.chase(report.reportState, version: report.version) else { return nil }
            tally[chase, default: 0] += 1
            let standing = Worklist.standing(today: today, due: report.cycle.dates.due)
            return (ReportingCycleRules.deadline(report.cycle.dates.due),
                    Chase(link: "/reports/\(try report.requireID().uuidString)", organisation: names[report.organisationCode] ?? report.organisationCode,
                          period: CycleText.period(report.cycle.periodCode, language), state: chase.rawValue,
                          stateLabel: Localizer.text("home.chase.\(chase.rawValue)", language),
                          standing: standingText(standing, language), overdue: isOverdue(standing)))
        }.sorted { ($0.0, $0.1.state, $0.1.organisation) < ($1.0, $1.1.state, $1.1.organisation) }.map(\.1)
        let counts = [Worklist.Chase.notStarted, .inProgress, .returned, .awaitingHead].map {
            Tally(key: $0.rawValue, label: Localizer.text("home.chase.\($0.rawValue)", language), count: tally[$0] ?? 0)
        }
        let (gaps, period) = try await assessmentGaps(cycles: cycles, names: names, office: nil, on: req.db)
        return Review(waiting: waiting, start: waiting.first?.link, chase: Array(chased.prefix(30)), chaseCounts: counts,
                      assessmentsMissing: gaps, assessmentPeriod: period.map { CycleText.period($0, language) },
                      followUp: try cycles.first.map { "/cycles/\(try $0.requireID().uuidString)/follow-up" })
    }

    /// Per lead office, the indicators it leads with no assessment yet for the open cycle's period (the newest open
    /// cycle's plan); `office` narrows it to one.
    static func assessmentGaps(cycles: [CycleRecord], names: [String: String], office: String?,
                               on db: any Database) async throws -> ([OfficeGap], String?) {
        guard let cycle = cycles.first else { return ([], nil) }
        let (_, indicators) = try await IndicatorQueries.list(.init(plan: cycle.planCode), on: db)
        let assessed = Set(try await LeadAssessmentRecord.query(on: db).filter(\.$planCode == cycle.planCode)
            .filter(\.$periodCode == cycle.periodCode).all().map(\.indicatorCode))
        let lacking = indicators.filter { !assessed.contains($0.code) }
        let offices = Set(lacking.flatMap(\.leadOffices)).filter { office == nil || $0 == office }.sorted()
        let gaps = offices.map { code in
            OfficeGap(office: code, name: names[code] ?? code, indicators: lacking.filter { $0.leadOffices.contains(code) }.map(\.code))
        }
        return (gaps, cycle.periodCode)
    }

    // MARK: lead office

    static func office(_ user: CurrentUser, cycles: [CycleRecord], names: [String: String], req: Request) async throws -> Office {
        let ids = try cycles.map { try $0.requireID() }
        let code = user.organisationCode
        var pending: [Comment] = []
        if !ids.isEmpty, let cycle = cycles.first {
            let (_, indicators) = try await IndicatorQueries.list(.init(plan: cycle.planCode), on: req.db)
            let led = Dictionary(uniqueKeysWithValues: indicators.filter { $0.leadOffices.contains(code) }.map { ($0.code, $0) })
            let reports = try await ReportRecord.query(on: req.db).filter(\.$cycle.$id ~~ ids)
                .filter(\.$state == ReportState.submitted.rawValue).sort(\.$organisationCode).all()
            let byID = Dictionary(reports.compactMap { report in report.id.map { ($0, report) } }) { first, _ in first }
            let values = byID.isEmpty || led.isEmpty ? [] : try await ReportValueRecord.query(on: req.db)
                .filter(\.$report.$id ~~ Array(byID.keys)).filter(\.$indicatorCode ~~ Array(led.keys)).all()
            pending = values.filter { $0.value != nil && ($0.reviewComment ?? "").isEmpty }.compactMap { value in
                guard let report = byID[value.$report.id], let indicator = led[value.indicatorCode] else { return nil }
                let id = value.$report.id.uuidString
                return Comment(indicator: indicator.code, name: indicator.name,
                               text: names[report.organisationCode] ?? report.organisationCode, link: "/reports/\(id)?review=\(indicator.code)#\(indicator.code)-review")
            }.sorted { ($0.indicator, $0.text) < ($1.indicator, $1.text) }
        }
        let (gaps, period) = try await assessmentGaps(cycles: cycles, names: names, office: code, on: req.db)
        let query = period.map { "?period=\($0)" } ?? ""
        let toAssess = gaps.flatMap(\.indicators).map { indicator in
            Comment(indicator: indicator, name: "", text: "", link: "/dashboard/offices/\(code.queryValue)\(query)\(query.isEmpty ? "?" : "&")item=\(indicator)#assess")
        }
        return Office(code: code, pending: Array(pending.prefix(40)), pendingCount: pending.count, toAssess: toAssess,
                      period: period.map { CycleText.period($0, req.language) }, link: "/dashboard/offices/\(code.queryValue)\(query)")
    }

    // MARK: leadership

    static func leadership(_ user: CurrentUser, plan: String?, today: Day, req: Request) async throws -> Leadership {
        let language = req.language
        let snapshot = try await EvaluationSnapshot.load(.init(plan: plan), user: user, on: req.db, coverageThreshold: req.application.settings.coverageThreshold)
        let tally = Dictionary(grouping: snapshot.assessments, by: \.evaluation.status).mapValues(\.count)
        let counts = DashboardPage.Count.all(tally, language).map { Tally(key: $0.status, label: $0.icon + " " + $0.label, count: $0.count) }
        let state = try await SummarySignoffs.state(plan: snapshot.plan.code, period: snapshot.period.code, on: req.db)
        let directives = try await Directives.list(.init(), for: user, today: today, on: req.db).filter { $0.directiveStatus != .closed }
        let query = "?period=\(snapshot.period.code)"
        return Leadership(period: CycleText.period(snapshot.period.code, language), counts: counts, dashboard: "/dashboard\(query)",
                          signoffState: state.rawValue, signoffLabel: Localizer.text("signoff.state.\(state.rawValue)", language),
                          signoffWaiting: state == .awaitingApproval, signoffLink: "/summary-report\(query)",
                          openDirectives: directives.prefix(10).map { directiveItem($0, today: today, language: language) })
    }

    // MARK: administrator

    static func setup(_ language: Language, on db: any Database) async throws -> [SetupItem] {
        let plans = try await PlanRecord.query(on: db).count()
        let realUnits = try await OrganisationRecord.query(on: db).filter(\.$isDemo == false).filter(\.$isActive == true)
            .filter(\.$kind !~ [OrganisationKind.department.rawValue, OrganisationKind.office.rawValue]).count()
        let accounts = try await UserRecord.query(on: db).filter(\.$role != Role.admin.rawValue).filter(\.$isActive == true)
            .filter(\.$isDemo == false).filter(\.$isService == false).count()
        let openCycles = try await CycleRecord.query(on: db).filter(\.$state == CycleState.open.rawValue).count()
        let links: [Worklist.SetupStep: String] = [.plan: "/indicators", .units: "/admin/organisations", .accounts: "/admin/users", .cycle: "/cycles"]
        return Worklist.setup(.init(plans: plans, realUnits: realUnits, accounts: accounts, openCycles: openCycles)).map { step, done in
            SetupItem(step: step.rawValue, label: Localizer.text("home.setup.\(step.rawValue)", language),
                      help: Localizer.text("home.setup.\(step.rawValue).help", language), done: done, link: links[step] ?? "/")
        }
    }
}
