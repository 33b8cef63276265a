import Fluent
import Foundation
import Planning
import Vapor

/// Baselines and the lead offices' own assessments: the office page's forms, the coordinator's reminder, and
/// `/api/v1/indicators/{code}/baseline`, `/api/v1/evaluation/assessments`.
struct LeadAssessmentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let read = routes.requiring(.readReports)
        let monitor = routes.requiring(.monitorReporting)
        let assess = routes.requiring(.assessIndicators)
        let manage = routes.requiring(.manageCycles)
        assess.post("dashboard", "offices", ":org", "assessments", ":code", use: assessFromPage)
        assess.post("dashboard", "offices", ":org", "baseline", ":code", use: baselineFromPage)
        manage.post("cycles", ":id", "assessment-reminders", use: remindFromPage)
        read.get("api", "v1", "indicators", ":code", "baseline", use: baseline)
        assess.put("api", "v1", "indicators", ":code", "baseline", use: saveBaseline)
        assess.delete("api", "v1", "indicators", ":code", "baseline", use: removeBaseline)
        monitor.get("api", "v1", "evaluation", "assessments", use: list)
        assess.put("api", "v1", "evaluation", "assessments", ":code", use: save)
    }

    // MARK: pages

    /// The office of the path must be the user's own: an office writes only as itself.
    private func ownOffice(_ req: Request) throws -> String {
        let user = try req.requireUser()
        guard req.parameters.get("org") == user.organisationCode else { throw AppError.forbidden }
        return user.organisationCode
    }

    private static func text(_ form: [String: String], _ key: String) -> String { form[key] ?? "" }

    @Sendable func assessFromPage(req: Request) async throws -> Response {
        let office = try ownOffice(req)
        let form = try req.content.decode([String: String].self)
        let code = (req.parameters.get("code") ?? "").uppercased()
        let period = try await EvaluationSnapshot.period(req.query[String.self, at: "period"], on: req.db)
        let draft = LeadAssessment.Draft(status: nil, reason: Self.text(form, "reason"), analysis: Self.text(form, "analysis"), measures: Self.text(form, "measures"))
        do {
            var checked = draft
            let status = Self.text(form, "status")
            if !status.isEmpty {
                guard let chosen = EvaluationStatus(rawValue: status) else { throw LeadAssessmentError.unknownStatus(status) }
                checked.status = chosen
            }
            try await LeadAssessments.save(checked, indicator: code, period: period, plan: req.query[String.self, at: "plan"],
                                           user: req.requireUser(), actor: req.actor,
                                           coverageThreshold: req.application.settings.coverageThreshold, on: req.db)
        } catch let error as LeadAssessmentError {
            guard error.status == .badRequest else { throw error }
            return try await refused(req, error, form: form, item: code)
        }
        let next = try await nextLacking(req, office: office, period: period, after: code)
        return req.redirect(to: "/dashboard/offices/\(office)?" + DashboardFilters.encode(
            [("period", period.code), ("include", req.query[String.self, at: "include"]), ("item", next), ("saved", code)]) + "#assess")
    }

    @Sendable func baselineFromPage(req: Request) async throws -> Response {
        let office = try ownOffice(req)
        let form = try req.content.decode([String: String].self)
        let code = (req.parameters.get("code") ?? "").uppercased()
        let period = req.query[String.self, at: "period"]
        let user = try req.requireUser()
        let (plan, indicator) = try await Baselines.writable(code, plan: req.query[String.self, at: "plan"], user: user, on: req.db)
        if Self.text(form, "action") == "remove" {
            try await Baselines.remove(indicator, plan: plan, actor: req.actor, on: req.db)
        } else {
            var problems: [String: String] = [:]
            let vi = req.language == .vietnamese
            let yearText = Self.text(form, "year").trimmingCharacters(in: .whitespaces)
            let valueText = Self.text(form, "value").trimmingCharacters(in: .whitespaces)
            let year = Int(yearText)
            if year == nil { problems["year"] = vi ? "Trường year: nhập năm, ví dụ 2025." : "Field year: enter a year, such as 2025." }
            let value = valueText.isEmpty ? nil : NumberInput.parse(valueText, style: vi ? .vietnamese : .english)
            if !valueText.isEmpty && value == nil { problems["value"] = vi ? "Trường value: «\(valueText)» không phải là số." : "Field value: «\(valueText)» is not a number." }
            do {
                let level = Self.text(form, "level")
                let entry = Baseline.Entry(value: value, level: level.isEmpty ? nil : level, year: year ?? 0, source: Self.text(form, "source"))
                // What the form itself could not read is said once; the domain's checks add the rest.
                if problems.isEmpty {
                    try await Baselines.save(entry, for: indicator, plan: plan, user: user, actor: req.actor, on: req.db)
                } else if case .failure(let found) = Baseline.check(entry, for: indicator, planYears: 1...9999, currentYear: 9999, by: office) {
                    throw LeadAssessmentError.baseline(found.list)
                } else {
                    throw LeadAssessmentError.baseline([])
                }
            } catch let error as LeadAssessmentError {
                if case .baseline(let found) = error {
                    for problem in found {
                        let field = indicator.measure == .level && LeadAssessmentError.field(problem) == "value" ? "level" : LeadAssessmentError.field(problem)
                        if problems[field] == nil { problems[field] = LeadAssessmentError.describe(problem, vi) }
                    }
                }
                guard !problems.isEmpty else { throw error }
                return try await refused(req, nil, form: form, item: code, problems: problems)
            }
        }
        return req.redirect(to: "/dashboard/offices/\(office)?" + DashboardFilters.encode(
            [("period", period), ("include", req.query[String.self, at: "include"]), ("item", code), ("saved", code)]) + "#assess")
    }

    /// The office page again, with what was typed and the problems next to their fields (400).
    private func refused(_ req: Request, _ error: LeadAssessmentError?, form: [String: String], item: String,
                         problems: [String: String] = [:]) async throws -> Response {
        var errors = problems
        if case .assessment(let found)? = error {
            for problem in found { errors[LeadAssessmentError.field(problem)] = LeadAssessmentError.describe(problem, req.language == .vietnamese, req.language) }
        } else if let error { errors["status"] = error.message(req.language) }
        return try await req.page("dashboard-office", try await OfficeDashboardPage(req, typed: .init(fields: form, errors: errors, item: item)),
                                  status: .badRequest)
    }

    /// The next of the office's indicators (after `code`, then from the start) with no assessment for the period.
    private func nextLacking(_ req: Request, office: String, period: ReportingPeriod, after code: String) async throws -> String? {
        let snapshot = try await EvaluationSnapshot.load(.init(period: period.code, lead: office, plan: req.query[String.self, at: "plan"]),
                                                         user: req.requireUser(), on: req.db,
                                                         coverageThreshold: req.application.settings.coverageThreshold)
        let stored = try await LeadAssessments.stored(snapshot, on: req.db)
        let codes = snapshot.indicators.map(\.code)
        let start = (codes.firstIndex(of: code) ?? -1) + 1
        return (codes[start...] + codes[..<min(start, codes.count)]).first { stored[$0] == nil }
    }

    @Sendable func remindFromPage(req: Request) async throws -> Response {
        let cycle = try await Cycles.find(req.parameters.get("id", as: UUID.self), on: req.db)
        struct Form: Content { var office: String }
        let office = try req.content.decode(Form.self).office
        let outcome = try await AssessmentReminders.send(cycle, office: office, user: req.requireUser(), actor: req.actor, app: req.application, on: req.db)
        let text = Localizer.text("lead.reminded", req.language).replacingOccurrences(of: "{office}", with: office)
            .replacingOccurrences(of: "{count}", with: String(outcome.indicators.count)).replacingOccurrences(of: "{people}", with: String(outcome.recipients))
        return try await req.page("follow-up", try await FollowUpPage(req, cycle: cycle, notice: Notice(kind: "created", text: text)))
    }

    // MARK: API

    @Sendable func baseline(req: Request) async throws -> BaselineDTO {
        let (plan, indicator) = try await IndicatorQueries.find(req.parameters.get("code") ?? "", plan: req.query[String.self, at: "plan"], on: req.db)
        return try await Self.baselineDTO(plan: plan, indicator: indicator, on: req.db)
    }

    static func baselineDTO(plan: PlanRecord, indicator: Indicator, on db: any Database) async throws -> BaselineDTO {
        BaselineDTO(indicator: indicator, record: try await Baselines.record(plan: plan.code, indicator: indicator.code, on: db),
                    history: try await Baselines.history(plan: plan.code, indicator: indicator.code, on: db))
    }

    @Sendable func saveBaseline(req: Request) async throws -> BaselineDTO {
        let user = try req.requireUser()
        let (plan, indicator) = try await Baselines.writable(req.parameters.get("code") ?? "", plan: req.query[String.self, at: "plan"], user: user, on: req.db)
        let body = try req.content.decode(BaselineDTO.Body.self)
        try await Baselines.save(Baseline.Entry(value: body.value, level: body.level, year: body.year, source: body.source),
                                 for: indicator, plan: plan, user: user, actor: req.actor, on: req.db)
        return try await Self.baselineDTO(plan: plan, indicator: indicator, on: req.db)
    }

    @Sendable func removeBaseline(req: Request) async throws -> BaselineDTO {
        let (plan, indicator) = try await Baselines.writable(req.parameters.get("code") ?? "", plan: req.query[String.self, at: "plan"],
                                                             user: req.requireUser(), on: req.db)
        try await Baselines.remove(indicator, plan: plan, actor: req.actor, on: req.db)
        return try await Self.baselineDTO(plan: plan, indicator: indicator, on: req.db)
    }

    @Sendable func list(req: Request) async throws -> [LeadAssessmentDTO] {
        let period = try await EvaluationSnapshot.period(req.query[String.self, at: "period"], on: req.db)
        let snapshot = try await LeadAssessments.official(plan: req.query[String.self, at: "plan"], period: period, user: req.requireUser(),
                                                             coverageThreshold: req.application.settings.coverageThreshold, on: req.db)
        let stored = try await LeadAssessments.stored(snapshot, on: req.db)
        return zip(snapshot.indicators, snapshot.assessments).map {
            LeadAssessmentDTO($0, computed: $1.evaluation.status, period: period, stored: stored[$0.code])
        }
    }

    @Sendable func save(req: Request) async throws -> LeadAssessmentDTO {
        let code = (req.parameters.get("code") ?? "").uppercased()
        let period = try await EvaluationSnapshot.period(req.query[String.self, at: "period"], on: req.db)
        let body = try req.content.decode(LeadAssessmentDTO.Body.self)
        let status = try body.status.flatMap { text -> EvaluationStatus? in
            guard !text.isEmpty else { return nil }
            guard let status = EvaluationStatus(rawValue: text) else { throw LeadAssessmentError.unknownStatus(text) }
            return status
        }
        let plan = req.query[String.self, at: "plan"]
        try await LeadAssessments.save(.init(status: status, reason: body.reason ?? "", analysis: body.analysis, measures: body.measures ?? ""),
                                       indicator: code, period: period, plan: plan, user: req.requireUser(), actor: req.actor,
                                       coverageThreshold: req.application.settings.coverageThreshold, on: req.db)
        let snapshot = try await LeadAssessments.official(plan: plan, period: period, user: req.requireUser(),
                                                             coverageThreshold: req.application.settings.coverageThreshold, on: req.db)
        let stored = try await LeadAssessments.stored(snapshot, on: req.db)
        guard let index = snapshot.indicators.firstIndex(where: { $0.code == code }) else { throw AppError.indicatorNotFound(code) }
        return LeadAssessmentDTO(snapshot.indicators[index], computed: snapshot.assessments[index].evaluation.status, period: period, stored: stored[code])
    }
}
