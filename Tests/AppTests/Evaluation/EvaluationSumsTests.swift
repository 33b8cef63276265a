import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    /// The database's sums (`EvaluationSums`, set-based SQL) against the values read one by one as models — the way the
    /// evaluation read them before — on random reports in every state.
    @Suite("Evaluation sums") struct EvaluationSumsTests {
        static let periods = [ReportingPeriod(year: 2025, half: .first), ReportingPeriod(year: 2025, half: .second),
                              ReportingPeriod(year: 2026, half: .first)]
        /// Asked for too: a second half without a cycle (every unit carried from the first half).
        static let asked = periods + [ReportingPeriod(year: 2026, half: .second)]

        @Test("the grouped sums give every assessment input the values give, for the sector, each kind and each period",
              arguments: [UInt64(7), 2026])
        func sumsMatchValues(seed: UInt64) async throws {
            try await withApp { app in
                // setup
                var random = SeededRandom(seed: seed)
                let plan = try await ReportFixtures.planCode(on: app.db)
                let (_, indicators) = try await IndicatorQueries.list(.init(plan: nil), on: app.db)
                try await Self.randomReports(indicators, random: &random, on: app.db)
                let inactive = try #require(try await OrganisationRecord.query(on: app.db).filter(\.$kind == "districtHealthCentre").first())
                inactive.isActive = false
                try await inactive.save(on: app.db)
                let active = try await Directory.all(on: app.db).map { $0.toDomain() }
                let scopes = [active] + Set(active.map(\.kind)).map { kind in active.filter { $0.kind == kind } }
                for include in [EvaluationQueries.Include.approved, .provisional] {
                    let all = try await Self.modelValues(include: include, on: app.db)
                    for period in Self.asked {
                        // act
                        let sums = try await EvaluationSums.load(plan: plan, upTo: period, include: include, on: app.db)
                        let light = try await EvaluationQueries.values(plan: plan, upTo: period, include: include, on: app.db)
                        // validate
                        let upTo = all.mapValues { $0.mapValues { $0.filter { $0.key <= period } }.filter { !$0.value.isEmpty } }.filter { !$0.value.isEmpty }
                        #expect(light == upTo, "plain rows = models, \(include) up to \(period)")
                        for scope in scopes {
                            for indicator in indicators {
                                let expected = scope.filter { indicator.reporters.includes($0) }
                                for point in Self.asked where point <= period {
                                    let fromValues = AssessmentInput(indicator, in: point, organisations: expected, values: upTo[indicator.code] ?? [:])
                                    let fromSums = sums.input(indicator, in: point, organisations: scope)
                                    #expect(fromSums == fromValues, "\(indicator.code) \(include) \(point) of \(period), \(scope.count) organisations")
                                }
                            }
                        }
                    }
                }
            }
        }

        /// The values as the evaluation read them before: every report as a model, its values, `EvaluationQueries.counts`.
        static func modelValues(include: EvaluationQueries.Include, on db: any Database) async throws
            -> [String: [String: [ReportingPeriod: ReportedValue]]] {
            let cycles = try await CycleRecord.query(on: db).all()
            let periods = Dictionary(uniqueKeysWithValues: try cycles.compactMap { cycle in try cycle.period.map { (try cycle.requireID(), $0) } })
            let reports = Dictionary(uniqueKeysWithValues: try await ReportRecord.query(on: db).all().compactMap { report in report.id.map { ($0, report) } })
            var result: [String: [String: [ReportingPeriod: ReportedValue]]] = [:]
            for value in try await ReportValueRecord.query(on: db).all() {
                guard let report = reports[value.$report.id], EvaluationQueries.counts(report, include),
                      let period = periods[report.$cycle.id], let reported = value.value else { continue }
                result[value.indicatorCode, default: [:]][report.organisationCode, default: [:]][period] = reported
            }
            return result
        }

        /// Reports of every unit in every period in a random state, each with a random share of its indicators filled —
        /// some incomplete, out of the domain, or a level not on the scale.
        static func randomReports(_ indicators: [Indicator], random: inout SeededRandom, on db: any Database) async throws {
            let organisations = try await Directory.all(on: db).map { $0.toDomain() }
            let states: [ReportState] = [.draft, .submitted, .approved, .approved, .returned, .locked]
            for period in periods {
                let cycle = try await ReportFixtures.cycle(.open, period: period.code, on: db)
                for organisation in organisations where random.next(100) < 85 {
                    let report = ReportRecord(cycleID: try cycle.requireID(), organisationCode: organisation.code)
                    let state = states[random.next(states.count)]
                    report.state = state.rawValue
                    if state != .draft { report.submittedAt = Date() }
                    if state == .approved || (state == .locked && random.next(2) == 0) { report.approvedAt = Date() }
                    try await report.create(on: db)
                    for indicator in ReportingScope.indicators(indicators, reportedBy: organisation) where random.next(100) < 80 {
                        let value = ReportValueRecord(reportID: try report.requireID(), indicatorCode: indicator.code)
                        value.set(entry(indicator, random: &random))
                        try await value.create(on: db)
                    }
                }
            }
        }

        static func entry(_ indicator: Indicator, random: inout SeededRandom) -> ValueEntry {
            let odd = random.next(100)
            switch indicator.measure {
            case .ratio:
                if odd < 5 { return ValueEntry(numerator: 3) }
                if odd < 8 { return ValueEntry(numerator: 2e12, denominator: 5) }
                let denominator = Double(random.next(60))
                return ValueEntry(numerator: Double(random.next(Int(denominator) + 1)), denominator: denominator, comment: "x")
            case .count:
                return odd < 4 ? ValueEntry(amount: 5e12) : ValueEntry(amount: Double(random.next(40)))
            case .shareOfUnits:
                return ValueEntry(answer: random.next(3) > 0)
            case .level:
                return odd < 5 ? ValueEntry(level: "không có trên thang") : ValueEntry(level: indicator.scale[random.next(indicator.scale.count)])
            }
        }
    }
}

/// SplitMix64: the same reports for the same seed on every run and database.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A number in 0..<bound (bound > 0).
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(max(1, bound)))
    }
}
