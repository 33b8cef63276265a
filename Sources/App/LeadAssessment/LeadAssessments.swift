import Fluent
import Foundation
import Planning
import Vapor

/// The lead offices' own assessments (đánh giá của cơ quan chủ trì): one per indicator and period, written by the
/// indicator's lead office against the computed status of the sector's approved values, each change logged
/// (entity `lead-assessment`).
enum LeadAssessments {
    /// A stored assessment with what it says now: whether the computed status has moved since it was written.
    struct Stored: Sendable {
        let record: LeadAssessmentRecord
        let assessment: LeadAssessment
        let stale: Bool
    }

    /// The evaluation every assessment is written against: the whole sector, approved values only.
    static func official(plan: String?, period: ReportingPeriod, user: CurrentUser, coverageThreshold: Double,
                         on db: any Database) async throws -> EvaluationSnapshot {
        try await EvaluationSnapshot.load(.init(period: period.code, plan: plan), user: user, on: db, coverageThreshold: coverageThreshold)
    }

    /// `snapshot` itself when it already is the official view; else the official one of its period (narrowed to `lead`).
    static func official(like snapshot: EvaluationSnapshot, lead: String? = nil, user: CurrentUser, on db: any Database) async throws -> EvaluationSnapshot {
        if snapshot.include == .approved && snapshot.scope.isSector { return snapshot }
        return try await EvaluationSnapshot.load(.init(period: snapshot.period.code, lead: lead, plan: snapshot.plan.code), user: user, on: db,
                                                 coverageThreshold: snapshot.coverageThreshold)
    }

    static func isFinal(_ period: ReportingPeriod, plan: PlanRecord) -> Bool {
        period.closesYear && plan.milestoneYears.contains(period.year)
    }

    /// The period's assessments by indicator code, each marked stale against `snapshot` (the official evaluation).
    static func stored(_ snapshot: EvaluationSnapshot, on db: any Database) async throws -> [String: Stored] {
        let records = try await LeadAssessmentRecord.query(on: db).filter(\.$planCode == snapshot.plan.code)
            .filter(\.$periodCode == snapshot.period.code).all()
        let computed = Dictionary(zip(snapshot.indicators.map(\.code), snapshot.assessments.map(\.evaluation.status))) { first, _ in first }
        return Dictionary(records.compactMap { record -> (String, Stored)? in
            guard let assessment = record.toDomain() else { return nil }
            let stale = computed[record.indicatorCode].map { assessment.isStale(now: $0) } ?? false
            return (record.indicatorCode, Stored(record: record, assessment: assessment, stale: stale))
        }) { first, _ in first }
    }

    /// Every assessment of one indicator up to `period`, newest period first.
    static func history(plan: String, indicator: String, upTo period: ReportingPeriod, on db: any Database) async throws -> [LeadAssessmentRecord] {
        try await LeadAssessmentRecord.query(on: db).filter(\.$planCode == plan).filter(\.$indicatorCode == indicator).all()
            .filter { ((try? ReportingPeriod(code: $0.periodCode)).map { $0 <= period }) ?? false }
            .sorted { $0.periodCode > $1.periodCode }
    }

    /// Checks and stores the assessment of `code` for `period`: only the indicator's lead office (403 otherwise), only a
    /// period with a reporting cycle, a changed status only with a reason. Logged in the same transaction.
    @discardableResult
    static func save(_ draft: LeadAssessment.Draft, indicator code: String, period: ReportingPeriod, plan planCode: String?,
                     user: CurrentUser, actor: Actor, coverageThreshold: Double, on db: any Database) async throws -> LeadAssessmentRecord {
        let (plan, indicator) = try await Baselines.writable(code, plan: planCode, user: user, on: db)
        guard try await CycleRecord.query(on: db).filter(\.$planCode == plan.code).filter(\.$periodCode == period.code).first() != nil else {
            throw LeadAssessmentError.noCycle(period: period.code)
        }
        let snapshot = try await official(plan: plan.code, period: period, user: user, coverageThreshold: coverageThreshold, on: db)
        guard let computed = snapshot.assessments.first(where: { $0.indicator == indicator.code })?.evaluation.status else {
            throw AppError.indicatorNotFound(indicator.code)
        }
        let assessment: LeadAssessment
        switch LeadAssessment.check(draft, computed: computed, isFinal: isFinal(period, plan: plan)) {
        case .success(let checked): assessment = checked
        case .failure(let problems): throw LeadAssessmentError.assessment(problems.list)
        }
        return try await db.writing { tx in
            let record = try await LeadAssessmentRecord.query(on: tx).filter(\.$planCode == plan.code).filter(\.$periodCode == period.code)
                .filter(\.$indicatorCode == indicator.code).first() ?? LeadAssessmentRecord()
            let before = record.id == nil ? [:] : record.fields
            record.planCode = plan.code
            record.periodCode = period.code
            record.indicatorCode = indicator.code
            record.officeCode = user.organisationCode
            record.computedStatus = assessment.computedStatus.rawValue
            record.status = assessment.status.rawValue
            record.reason = assessment.reason
            record.analysis = assessment.analysis
            record.measures = assessment.measures
            record.author = actor.name
            record.writtenAt = Date()
            try await record.save(on: tx)
            try await Audit.record(AuditChange.diff("lead-assessment", "\(plan.code)/\(period.code)/\(indicator.code)", old: before, new: record.fields),
                                   by: actor, on: tx)
            return record
        }
    }

    /// The indicators of each lead office that have no assessment for the period, offices in code order (an indicator
    /// with two lead offices is listed under both).
    static func missing(_ snapshot: EvaluationSnapshot, stored: [String: Stored], on db: any Database) async throws -> [(office: String, indicators: [Indicator])] {
        let lacking = snapshot.indicators.filter { stored[$0.code] == nil }
        let offices = Set(lacking.flatMap(\.leadOffices)).sorted()
        return offices.map { office in (office, lacking.filter { $0.leadOffices.contains(office) }) }
    }
}
