import Fluent
import Foundation
import Planning
import Vapor

/// The indicator page's part on the lead office: the baseline the line starts from, and the office's assessment of the
/// period and the earlier ones (each marked stale where the computed status has moved since).
struct IndicatorLeadBlock: Encodable {
    let baseline: String
    let assessments: [LeadAssessmentText]
    let baselineHistory: [String]

    init(_ req: Request, indicator: Indicator, page snapshot: EvaluationSnapshot) async throws {
        let language = req.language
        let official = try await LeadAssessments.official(like: snapshot, user: req.requireUser(), on: req.db)
        let computed = Dictionary(official.series(indicator).map { ($0.period.code, $0.evaluation.status) }) { first, _ in first }
        let current = official.assessments.first { $0.indicator == indicator.code }
        baseline = BaselineText.describe(current?.baseline, indicator: indicator, language: language)
        assessments = try await LeadAssessments.history(plan: snapshot.plan.code, indicator: indicator.code, upTo: snapshot.period, on: req.db).map { record in
            let stale = (computed[record.periodCode]).map { $0.rawValue != record.computedStatus } ?? false
            return LeadAssessmentText(record, stale: stale, language: language)
        }
        baselineHistory = try await Baselines.historyLines(plan: snapshot.plan.code, indicator: indicator.code, on: req.db)
    }
}
