import Planning
import Vapor

/// One indicator's assessment as the API gives it (`GET /api/v1/evaluation`).
struct EvaluationDTO: Content {
    struct TargetDTO: Content {
        let year: Int
        let text: String
        let kind: String
    }

    struct ForecastDTO: Content {
        let year: Int
        let value: Double
        @Nullable var meetsTarget: Bool?
    }

    struct CoverageDTO: Content {
        let reported: Int
        let expected: Int
        @Nullable var percentage: Double?
        /// At most `Coverage.namedCarried` codes; `carriedForwardCount` says how many there are.
        let carriedForward: [String]
        let carriedForwardCount: Int
    }

    struct LevelDTO: Content {
        let level: String
        let count: Int
    }

    let code: String
    let name: String
    /// The consolidated value: a percentage for ratios and shares, a number for counts, the median level's rank for levels.
    @Nullable var value: Double?
    @Nullable var numerator: Double?
    @Nullable var denominator: Double?
    /// For levels: the median level's words and the organisations per level.
    @Nullable var level: String?
    @Nullable var distribution: [LevelDTO]?
    @Nullable var unit: String?
    /// The milestone the period counts towards (its year or the next).
    @Nullable var target: TargetDTO?
    /// What the period is held against, as written (`≥ 44`; `—` when nothing).
    let expected: String
    /// The year's target when the period's differs from it (a counted flow's first half).
    @Nullable var yearExpected: String?
    let status: String
    @Nullable var gap: Double?
    @Nullable var forecast: ForecastDTO?
    let reportingUnits: Int
    let expectedUnits: Int
    let coverage: CoverageDTO
    /// A verdict given with less coverage than the setting asks.
    let provisional: Bool
    let targetSource: String
    /// Where the line to the next milestone starts: entered by the lead office (with its source), or the first reported year.
    @Nullable var baseline: EvaluationBaselineDTO?

    init(_ assessment: Assessment, indicator: Indicator) {
        code = indicator.code
        name = indicator.name
        unit = indicator.unit
        switch assessment.value {
        case .ratio(let n, let d, let p)?: (value, numerator, denominator) = (p, n, d)
        case .count(let n)?: value = n
        case .share(let yes, let answered, let p)?: (value, numerator, denominator) = (p, Double(yes), Double(answered))
        case .distribution(let counts, let median)?:
            value = median.map(Double.init)
            level = median.map { indicator.scale[$0] }
            distribution = counts.map { LevelDTO(level: $0.level, count: $0.count) }
        case nil: break
        }
        let milestone = indicator.targets.sorted { $0.year < $1.year }.first { $0.year >= assessment.period.year }
        target = milestone.map { TargetDTO(year: $0.year, text: $0.text, kind: $0.target.kind.rawValue) }
        expected = NumberStyle.english.describe(assessment.expected)
        if assessment.expectation.target != assessment.expected, case .target(let year) = assessment.expectation {
            yearExpected = NumberStyle.english.describe(year)
        }
        status = assessment.evaluation.status.rawValue
        gap = assessment.evaluation.gap
        forecast = assessment.forecast.map { ForecastDTO(year: $0.year, value: $0.value, meetsTarget: $0.meetsTarget) }
        reportingUnits = assessment.reportingUnits
        expectedUnits = assessment.expectedUnits
        coverage = CoverageDTO(reported: assessment.coverage.reported, expected: assessment.coverage.expected,
                               percentage: assessment.coverage.percentage, carriedForward: assessment.coverage.carriedForward,
                               carriedForwardCount: assessment.coverage.carriedCount)
        provisional = assessment.isProvisional
        targetSource = assessment.targetSource.rawValue
        baseline = assessment.baseline.map { EvaluationBaselineDTO($0, indicator: indicator) }
    }
}

struct SeriesDTO: Content {
    struct Point: Content {
        let period: String
        @Nullable var value: Double?
        let status: String
        let expected: String
        let reportingUnits: Int
        let expectedUnits: Int
        /// A verdict given with less coverage than the setting asks.
        let provisional: Bool
    }

    let code: String
    let organisation: String
    let points: [Point]
}
