import Fluent
import Foundation
import Planning
import Vapor

/// The office page's assessment, item by item: one indicator at a time (the one in `?item=`, else the first still
/// lacking an assessment) with its consolidated value, target, computed status, baseline and the units' values with
/// their comments, beside the office's assessment form and baseline form.
struct OfficeAssessmentPanel: Encodable {
    struct Item: Encodable {
        let code: String
        let assessed: Bool
        let stale: Bool
        let current: Bool
        let label: String
    }

    struct UnitValue: Encodable {
        let code: String
        let name: String
        let value: String
        let comment: String
        let review: String
    }

    struct Current: Encodable {
        let text: AssessmentText
        let computed: String
        let stored: LeadAssessmentText?
        let units: [UnitValue]
        let choices: [Choice]
        let levels: [Choice]
        let isLevel: Bool
        let unit: String
        let baselineYear: String
        let baselineValue: String
        let baselineSource: String
        let hasEnteredBaseline: Bool
        let baselineHistory: [String]
        let reason: String
        let analysis: String
        let measures: String
    }

    /// The problems by field, each empty when the field is fine (so the template reads every one).
    struct FieldErrors: Encodable {
        let status, reason, analysis, measures, year, value, level, source: String
        /// Whether the baseline form has a problem (it is shown open then).
        let baseline: Bool

        init(_ errors: [String: String]) {
            (status, reason, analysis, measures) = (errors["status"] ?? "", errors["reason"] ?? "", errors["analysis"] ?? "", errors["measures"] ?? "")
            (year, value, level, source) = (errors["year"] ?? "", errors["value"] ?? "", errors["level"] ?? "", errors["source"] ?? "")
            baseline = !(year + value + level + source).isEmpty
        }
    }

    /// What the form sent back after a refused save, to show again with the problems.
    struct Typed: Sendable {
        var fields: [String: String]
        var errors: [String: String]
        /// The indicator the form was for.
        var item: String
    }

    let items: [Item]
    let assessedCount: Int
    let current: Current?
    let canWrite: Bool
    let saved: String
    let errors: FieldErrors
    let error: String
    let query: String

    init(_ req: Request, office: Organisation, page snapshot: EvaluationSnapshot, query: String, typed: Typed? = nil) async throws {
        let language = req.language
        let user = try req.requireUser()
        let official = try await LeadAssessments.official(like: snapshot, lead: office.code, user: user, on: req.db)
        let stored = try await LeadAssessments.stored(official, on: req.db)
        let wanted = typed?.item ?? req.query[String.self, at: "item"]?.uppercased()
        let chosen = official.indicators.first { $0.code == wanted } ?? official.indicators.first { stored[$0.code] == nil } ?? official.indicators.first
        items = official.indicators.map { indicator in
            let found = stored[indicator.code]
            return Item(code: indicator.code, assessed: found != nil, stale: found?.stale ?? false, current: indicator.code == chosen?.code,
                        label: found.map { Localizer.text("status.\($0.assessment.status.rawValue)", language) } ?? Localizer.text("lead.notAssessed", language))
        }
        assessedCount = items.filter(\.assessed).count
        canWrite = user.role == .leadOffice && user.organisationCode == office.code
        saved = req.query[String.self, at: "saved"].map { Localizer.text("lead.saved", language).replacingOccurrences(of: "{code}", with: $0.uppercased()) } ?? ""
        errors = FieldErrors(typed?.errors ?? [:])
        error = typed == nil ? "" : Localizer.text("report.notSaved", language)
        self.query = query
        guard let indicator = chosen, let index = official.indicators.firstIndex(where: { $0.code == indicator.code }) else { current = nil; return }
        current = try await Self.current(indicator, official.assessments[index], snapshot: official, stored: stored[indicator.code],
                                         typed: typed?.fields ?? [:], language: language, on: req.db)
    }

    static func current(_ indicator: Indicator, _ assessment: Assessment, snapshot: EvaluationSnapshot, stored: LeadAssessments.Stored?,
                        typed: [String: String], language: Language, on db: any Database) async throws -> Current {
        let style = language.numbers
        let computed = assessment.evaluation.status
        let isFinal = LeadAssessments.isFinal(snapshot.period, plan: snapshot.plan)
        let chosen = typed["status"] ?? stored.map { $0.record.status == $0.record.computedStatus ? "" : $0.record.status } ?? ""
        let confirm = Choice(value: "", label: Localizer.text("lead.confirm", language) + " " + Localizer.text("status.\(computed.rawValue)", language), selected: chosen.isEmpty)
        let choices = [confirm] + LeadAssessment.choices(isFinal: isFinal).filter { $0 != computed }.map {
            Choice(value: $0.rawValue, label: Localizer.text("status.\($0.rawValue)", language), selected: chosen == $0.rawValue)
        }
        let record = try await Baselines.record(plan: snapshot.plan.code, indicator: indicator.code, on: db)
        let typedLevel = typed["level"] ?? record?.level ?? ""
        let history = try await Baselines.historyLines(plan: snapshot.plan.code, indicator: indicator.code, on: db)
        return Current(text: AssessmentText(assessment, indicator: indicator, language: language),
                       computed: Localizer.text("status.\(computed.rawValue)", language),
                       stored: stored.map { LeadAssessmentText($0.record, stale: $0.stale, language: language) },
                       units: try await units(indicator, snapshot: snapshot, style: style, on: db),
                       choices: choices,
                       levels: indicator.scale.map { Choice(value: $0, label: $0, selected: $0 == typedLevel) },
                       isLevel: indicator.measure == .level, unit: indicator.unit ?? "",
                       baselineYear: typed["year"] ?? record.map { String($0.year) } ?? "",
                       baselineValue: typed["value"] ?? BaselineText.input(record, style: style),
                       baselineSource: typed["source"] ?? record?.source ?? "",
                       hasEnteredBaseline: record != nil, baselineHistory: history,
                       reason: typed["reason"] ?? stored?.record.reason ?? "",
                       analysis: typed["analysis"] ?? stored?.record.analysis ?? "",
                       measures: typed["measures"] ?? stored?.record.measures ?? "")
    }

    /// The units that reported the indicator (or commented on it) in the period: their value and their comment, and the
    /// office's own review comment.
    static func units(_ indicator: Indicator, snapshot: EvaluationSnapshot, style: NumberStyle, on db: any Database) async throws -> [UnitValue] {
        var comments: [String: (comment: String, review: String)] = [:]
        if let cycle = try await CycleRecord.query(on: db).filter(\.$planCode == snapshot.plan.code).filter(\.$periodCode == snapshot.period.code).first() {
            let reports = try await ReportRecord.query(on: db).filter(\.$cycle.$id == cycle.requireID()).all()
                .filter { EvaluationQueries.counts($0, snapshot.include) }
            let values = try await ReportValues.byReport(cycle: cycle.requireID(), indicators: [indicator.code], on: db)
            for report in reports {
                guard let value = report.id.flatMap({ values[$0] })?.first else { continue }
                comments[report.organisationCode] = (value.comment ?? "", value.reviewComment ?? "")
            }
        }
        return try await snapshot.withUnits(on: db).units(indicator).compactMap { unit in
            let note = comments[unit.organisation.code]
            guard unit.assessment.value != nil || !(note?.comment.isEmpty ?? true) else { return nil }
            return UnitValue(code: unit.organisation.code, name: unit.organisation.name,
                             value: AssessmentText.value(unit.assessment.value, indicator: indicator, style: style),
                             comment: note?.comment ?? "", review: note?.review ?? "")
        }
    }
}
