import Foundation

/// Đầu vào đánh giá — everything an assessment of one indicator, over a set of organisations, for one period, takes
/// from the values: year sums, coverage, and the years with data. Small whatever the number of organisations, so the
/// database can compute it (`GROUP BY`) instead of handing over every value; `init(values:…)` computes it from the
/// values themselves, and both go through `Assessment.assess(_:in:milestoneYears:input:…)`.
public struct AssessmentInput: Sendable, Hashable {
    /// By year up to the period's: the expected organisations' year values summed (`Consolidation.yearValue` — a whole
    /// year before the period's, the period's year up to the period). Only years in which one of them has a value.
    public var years: [Int: ValueSums]
    /// The organisations expected in the period, those that reported in it, and those carried from earlier in the year.
    public var coverage: Coverage
    /// The years in which any organisation, expected or not, has a value (the forecast's years).
    public var yearsWithData: Set<Int>

    public init(years: [Int: ValueSums], coverage: Coverage, yearsWithData: Set<Int>) {
        self.years = years
        self.coverage = coverage
        self.yearsWithData = yearsWithData
    }

    /// From the values themselves.
    /// - Parameters:
    ///   - organisations: the organisations expected to report the indicator (the scope filtered by its reporters).
    ///   - values: every organisation's values by period (by organisation code), those outside `organisations` too.
    ///   - yearsWithData: the years with data anywhere when the caller knows them already (a unit's row among
    ///     thousands: reading every organisation's values again for each would cost units²); else read from `values`.
    public init(_ indicator: Indicator, in period: ReportingPeriod, organisations: [Organisation],
                values: [String: [ReportingPeriod: ReportedValue]], yearsWithData: Set<Int>? = nil) {
        var years: [Int: ValueSums] = [:]
        for organisation in organisations {
            let upToPeriod = (values[organisation.code] ?? [:]).filter { $0.key <= period }
            for year in Set(upToPeriod.keys.map(\.year)) {
                if let value = Consolidation.yearValue(upToPeriod, year: year, aggregation: indicator.aggregation) {
                    years[year, default: ValueSums()].add(value)
                }
            }
        }
        self.init(years: years, coverage: Coverage.of(period, organisations: organisations, values: values),
                  yearsWithData: yearsWithData ?? Set(values.values.flatMap(\.keys).map(\.year)))
    }

    /// The first year with a value among the expected organisations.
    var firstYear: Int? { years.keys.min() }
}
