import Foundation
import Planning
import Vapor

/// An indicator's entered baseline and its logged changes (`GET|PUT|DELETE /api/v1/indicators/{code}/baseline`).
struct BaselineDTO: Content {
    struct Entered: Content {
        let year: Int
        @Nullable var value: Double?
        @Nullable var level: String?
        let source: String
        let office: String
        let enteredBy: String
        let enteredAt: Date
    }

    struct Change: Content {
        let at: String
        let actor: String
        let field: String
        @Nullable var old: String?
        @Nullable var new: String?
    }

    let indicator: String
    @Nullable var entered: Entered?
    let history: [Change]

    init(indicator: Indicator, record: BaselineRecord?, history: [AuditEntryRecord]) {
        self.indicator = indicator.code
        entered = record.map {
            Entered(year: $0.year, value: $0.level == nil ? $0.value : nil, level: $0.level, source: $0.source, office: $0.officeCode,
                    enteredBy: $0.enteredBy, enteredAt: $0.enteredAt)
        }
        self.history = history.map { Change(at: $0.at, actor: $0.actor, field: $0.field, old: $0.oldValue, new: $0.newValue) }
    }

    /// `PUT` body: a number (`value`) or, for a level indicator, a level of its scale (`level`).
    struct Body: Content {
        var year: Int
        var value: Double?
        var level: String?
        var source: String
    }
}

/// The baseline in an evaluation (`GET /api/v1/evaluation`): where the line to the next milestone starts.
struct EvaluationBaselineDTO: Content {
    let year: Int
    /// The number, or the level's rank for levels.
    let value: Double
    @Nullable var level: String?
    /// `entered` by the lead office, or `firstReportedYear` (computed).
    let source: String
    @Nullable var sourceText: String?
    @Nullable var enteredBy: String?

    init(_ baseline: Baseline, indicator: Indicator) {
        year = baseline.year
        switch baseline.value {
        case .number(let number): value = number
        case .level(let rank):
            value = Double(rank)
            level = indicator.scale.indices.contains(rank) ? indicator.scale[rank] : nil
        }
        switch baseline.source {
        case .firstReportedYear: source = "firstReportedYear"
        case .entered(let text, let by): (source, sourceText, enteredBy) = ("entered", text, by)
        }
    }
}

/// One indicator's lead-office assessment for a period (`GET /api/v1/evaluation/assessments`).
struct LeadAssessmentDTO: Content {
    struct Written: Content {
        let office: String
        let status: String
        /// The computed status when it was written.
        let computedStatus: String
        @Nullable var reason: String?
        let analysis: String
        let measures: String
        let author: String
        let writtenAt: Date
        /// The computed status has changed since it was written.
        let stale: Bool
    }

    let indicator: String
    let name: String
    let period: String
    let leadOffices: [String]
    /// The computed status now (the sector, approved values).
    let computedStatus: String
    @Nullable var assessment: Written?

    init(_ indicator: Indicator, computed: EvaluationStatus, period: ReportingPeriod, stored: LeadAssessments.Stored?) {
        self.indicator = indicator.code
        name = indicator.name
        self.period = period.code
        leadOffices = indicator.leadOffices
        computedStatus = computed.rawValue
        assessment = stored.map {
            Written(office: $0.record.officeCode, status: $0.record.status, computedStatus: $0.record.computedStatus, reason: $0.record.reason,
                    analysis: $0.record.analysis, measures: $0.record.measures, author: $0.record.author, writtenAt: $0.record.writtenAt, stale: $0.stale)
        }
    }

    /// `PUT` body: `status` null or absent confirms the computed status.
    struct Body: Content {
        var status: String?
        var reason: String?
        var analysis: String
        var measures: String?
    }
}
