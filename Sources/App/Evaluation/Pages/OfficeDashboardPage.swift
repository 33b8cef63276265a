import Fluent
import Planning
import Vapor

/// A lead office's dashboard: the indicators it leads, where each stands for the sector, which units are behind,
/// and the submitted values still waiting for its comment (bình luận cần viết).
struct OfficeDashboardPage: Encodable {
    struct Row: Encodable {
        let text: AssessmentText
        let behind: String
        /// Codes of the units behind or below their target, most behind first.
        let unitsBehind: [String]
    }

    struct PendingComment: Encodable {
        let reportID: String
        let indicator: String
        let organisation: String
        let submitted: String
    }

    let layout: Layout
    let filters: DashboardFilters
    let office: String
    let code: String
    let rows: [Row]
    let pending: [PendingComment]
    /// The office's own assessment, item by item, and the baselines it enters.
    let assess: OfficeAssessmentPanel

    init(_ req: Request, typed: OfficeAssessmentPanel.Typed? = nil) async throws {
        let language = req.language
        let style = language.numbers
        let user = try req.requireUser()
        var query = try req.query.decode(EvaluationSnapshot.Query.self)
        query.lead = req.parameters.get("org")
        let snapshot = try await EvaluationSnapshot.load(query, user: user, on: req.db, coverageThreshold: req.application.settings.coverageThreshold, perUnit: true)
        guard let office = snapshot.lead else { throw AppError.organisationNotFound(query.lead ?? "-") }
        layout = Layout(req, title: office.name)
        filters = try await DashboardFilters(snapshot, query, user: user, language: language, fixedScope: true, on: req.db)
        self.office = office.name
        code = office.code
        rows = zip(snapshot.indicators, snapshot.assessments).map { indicator, assessment in
            let units = IndicatorDashboardPage.sorted(snapshot.units(indicator), by: "gap")
            let share = BehindShare(units.map(\.assessment))
            return Row(text: AssessmentText(assessment, indicator: indicator, language: language),
                       behind: AssessmentText.behind(share, style: style),
                       unitsBehind: units.filter { [.behind, .notMet].contains($0.assessment.evaluation.status) }.map(\.organisation.code))
        }
        pending = try await Self.pending(snapshot, on: req.db)
        assess = try await OfficeAssessmentPanel(req, office: office, page: snapshot, query: filters.query, typed: typed)
    }

    /// Values of the office's indicators in submitted reports of the period that nobody has commented on yet.
    static func pending(_ snapshot: EvaluationSnapshot, on db: any Database) async throws -> [PendingComment] {
        guard let cycle = try await CycleRecord.query(on: db).filter(\.$planCode == snapshot.plan.code)
            .filter(\.$periodCode == snapshot.period.code).first() else { return [] }
        let codes = Set(snapshot.indicators.map(\.code))
        let reports = try await ReportRecord.query(on: db).filter(\.$cycle.$id == cycle.requireID())
            .filter(\.$state == ReportState.submitted.rawValue).sort(\.$organisationCode).all()
        let values = try await ReportValues.byReport(cycle: cycle.requireID(), indicators: Array(codes), on: db)
        return try reports.flatMap { report in
            try (report.id.flatMap { values[$0] } ?? []).filter { codes.contains($0.indicatorCode) && $0.value != nil && ($0.reviewComment ?? "").isEmpty }
                .sorted { $0.indicatorCode < $1.indicatorCode }
                .map { PendingComment(reportID: try report.requireID().uuidString, indicator: $0.indicatorCode,
                                      organisation: report.organisationCode, submitted: report.lastSubmittedAt.map(DateText.dayTime) ?? "") }
        }
    }
}
