import Fluent
import Foundation
import Planning
import SQLKit

/// A plan's counted values up to a period, summed by the database (`GROUP BY`) per period, indicator and class of
/// organisation: a few hundred rows whatever the number of units. `input(_:in:organisations:)` turns them into what an
/// assessment takes (`AssessmentInput`), so the rules in Planning apply to sums, not to every value.
struct EvaluationSums: Sendable {
    /// Organisations the reporting scopes cannot tell apart (`ReportingScope.includes` reads the kind and whether the
    /// unit is medical). `kind` nil: an organisation no longer active (its values count in no scope but still mark a
    /// year as having data, as before).
    struct OrganisationClass: Hashable, Sendable {
        let kind: String?
        let isMedical: Bool

        init(kind: String?, isMedical: Bool) {
            self.kind = kind
            self.isMedical = isMedical
        }

        init(_ organisation: Organisation) { self.init(kind: organisation.kind.rawValue, isMedical: organisation.isMedical) }
    }

    struct Key: Hashable, Sendable {
        let period: ReportingPeriod
        let indicator: String
        let organisations: OrganisationClass
    }

    /// The values given in the period itself.
    var reported: [Key: ValueSums] = [:]
    /// For a second half: the first-half values of the organisations silent in it (their latest value of the year).
    var carried: [Key: ValueSums] = [:]
    /// For a second half, by indicator and class: the first `Coverage.namedCarried` codes (in code order) of the
    /// organisations silent in it with a first-half value — enough to name them when few; `carried` counts them all.
    var carriedCodes: [Key: [String]] = [:]
    /// By indicator, the years in which any organisation has a value.
    var yearsWithData: [String: Set<Int>] = [:]

    /// Notes `code` as carried under `key`, keeping the `Coverage.namedCarried` first codes.
    mutating func noteCarried(_ code: String, _ key: Key) {
        var codes = carriedCodes[key, default: []]
        guard !codes.contains(code) else { return }
        if codes.count < Coverage.namedCarried {
            codes.append(code)
        } else if let last = codes.last, code < last {
            codes[codes.count - 1] = code
        } else {
            return
        }
        codes.sort()
        carriedCodes[key] = codes
    }

    /// Organisations grouped by class once, for the many inputs of one view (37 indicators × its periods): an input
    /// then costs the number of classes, not of organisations.
    struct Classes: Sendable {
        /// Each class's organisations, in the order given.
        let members: [OrganisationClass: [Organisation]]
        /// Each organisation's place in the order given.
        let position: [String: Int]

        init(_ organisations: [Organisation]) {
            var members: [OrganisationClass: [Organisation]] = [:]
            var position: [String: Int] = [:]
            for (index, organisation) in organisations.enumerated() {
                members[OrganisationClass(organisation), default: []].append(organisation)
                position[organisation.code] = index
            }
            self.members = members
            self.position = position
        }
    }

    /// What `Assessment.assess` takes for `indicator` in `period`, over `organisations` — which must hold every active
    /// organisation of each class it touches (the sector, or every organisation of a kind).
    func input(_ indicator: Indicator, in period: ReportingPeriod, organisations: [Organisation]) -> AssessmentInput {
        input(indicator, in: period, classes: Classes(organisations))
    }

    /// The same over organisations already grouped by class (a reporting scope reads only the kind and whether the
    /// unit is medical, so one member tells for its whole class).
    func input(_ indicator: Indicator, in period: ReportingPeriod, classes grouped: Classes) -> AssessmentInput {
        let expectedClasses = grouped.members.filter { _, members in members.first.map(indicator.reporters.includes) ?? false }
        let expectedCount = expectedClasses.values.reduce(0) { $0 + $1.count }
        let classes = Set(expectedClasses.keys)
        var years: [Int: ValueSums] = [:]
        for year in (yearsWithData[indicator.code] ?? []) where year <= period.year {
            let cutoff = year == period.year ? period : ReportingPeriod(year: year, half: .second)
            let sums = classes.reduce(into: ValueSums()) { $0 += yearToDate(indicator, cutoff, $1) }
            if sums.organisations > 0 { years[year] = sums }
        }
        let reportedInPeriod = classes.reduce(0) { $0 + (reported[Key(period: period, indicator: indicator.code, organisations: $1)]?.organisations ?? 0) }
        let carriedCount = classes.reduce(0) { $0 + (carried[Key(period: period, indicator: indicator.code, organisations: $1)]?.organisations ?? 0) }
        let named = classes.flatMap { carriedCodes[Key(period: period, indicator: indicator.code, organisations: $0)] ?? [] }
            .filter { grouped.position[$0] != nil }
            .sorted { (grouped.position[$0] ?? 0) < (grouped.position[$1] ?? 0) }
        let coverage = Coverage(reported: reportedInPeriod, expected: expectedCount, carriedForward: named, carriedCount: carriedCount)
        return AssessmentInput(years: years, coverage: coverage, yearsWithData: yearsWithData[indicator.code] ?? [])
    }

    /// One class's year values up to `cutoff`: a first half's own values; in a second half, each organisation's
    /// latest value (its second half's, else its first half's), a flow's ratios and counts adding both halves.
    private func yearToDate(_ indicator: Indicator, _ cutoff: ReportingPeriod, _ group: OrganisationClass) -> ValueSums {
        let own = reported[Key(period: cutoff, indicator: indicator.code, organisations: group)] ?? ValueSums()
        guard cutoff.half == .second else { return own }
        let first = ReportingPeriod(year: cutoff.year, half: .first)
        var latest = own + (carried[Key(period: cutoff, indicator: indicator.code, organisations: group)] ?? ValueSums())
        if indicator.aggregation == .flow {
            let earlier = reported[Key(period: first, indicator: indicator.code, organisations: group)] ?? ValueSums()
            latest.numerator = own.numerator + earlier.numerator
            latest.denominator = own.denominator + earlier.denominator
            latest.amount = own.amount + earlier.amount
        }
        return latest
    }
}

extension EvaluationSums {
    struct CacheKey: Hashable, Sendable {
        let plan: String
        let period: ReportingPeriod
        let include: EvaluationQueries.Include
    }

    /// Sums by the version of the values they were computed from (`DataVersion`): a change to a report or a value
    /// raises the version in its own transaction, so the next view computes afresh.
    static let cache = VersionedCache<CacheKey, EvaluationSums>(capacity: 64)

    static func cached(plan: String, upTo period: ReportingPeriod, include: EvaluationQueries.Include,
                       on db: any Database) async throws -> EvaluationSums {
        try await cache.get(CacheKey(plan: plan, period: period, include: include), version: "values", on: db) {
            try await load(plan: plan, upTo: period, include: include, on: db)
        }
    }
}
