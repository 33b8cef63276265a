import Fluent
import Foundation
import Planning
import Vapor

/// `chitieu demo --reports`: two cycles of DEMO values, entered, submitted and approved through the same service as the
/// form, for the demo units only (codes `MAU-…`). Real organisations' reports are never touched; the values are generated
/// (a fixed seed, so every run gives the same figures) and every narrative says it is demo data.
enum DemoReports {
    struct Outcome {
        let period: String
        let approved: Int
    }

    /// The two latest periods whose deadline has passed (a due day of today has: reports are due before it).
    static func periods(today: Day) -> [ReportingPeriod] {
        var period = ReportingCalendar.november.period(containing: today)
        while ReportingCycleDates(period, calendar: .november).due > today { period = period.previous }
        return [period.previous, period]
    }

    static func load(_ app: Application, today: Day = Day(Date())) async throws -> [Outcome] {
        let db = app.db
        let plan = try await PlanQueries.resolve(nil, on: db)
        let demoUnits = Set(try await OrganisationRecord.query(on: db).filter(\.$isDemo == true).all().map(\.code))
        let coordinator = CurrentUser(commandLine: "demo@chitieu.local", name: "Dữ liệu MẪU", role: .coordinator, organisationCode: "QLKCB")
        var outcomes: [Outcome] = []
        for (index, period) in periods(today: today).enumerated() {
            var cycle = try await CycleRecord.query(on: db).filter(\.$planCode == plan.code).filter(\.$periodCode == period.code).first()
            let created = cycle == nil
            if cycle == nil {
                cycle = try await Cycles.create(.init(plan: plan.code, period: period.code), by: .commandLine, on: db)
            }
            guard let cycle, cycle.cycleState != .closed else { continue }
            if cycle.cycleState == .planned { _ = try await Cycles.open(cycle, by: .commandLine, on: db) }
            let deadline = ReportingCycleRules.deadline(cycle.dates.due)
            var approved = 0
            let reports = try await ReportRecord.query(on: db).filter(\.$cycle.$id == cycle.requireID()).sort(\.$organisationCode).all()
            for (position, report) in reports.enumerated() where demoUnits.contains(report.organisationCode) && report.reportState == .draft {
                let context = try await Reports.load(report.id, on: db)
                let reporter = CurrentUser(commandLine: "demo@chitieu.local", name: "Cán bộ đơn vị (MẪU)", role: .unitReporter, organisationCode: report.organisationCode)
                let values = Dictionary(uniqueKeysWithValues: context.indicators.map {
                    ($0.code, value(for: $0, organisation: report.organisationCode, half: index))
                })
                // Most units on time, every fourth a day late, so timeliness is not trivially 100 %.
                let submittedAt = deadline.addingTimeInterval(position % 4 == 3 ? 86_400 : -86_400 * Double(3 + position % 5))
                // A unit with a head: the reporter sends it to him an hour before, and his signature is the submission.
                let hasHead = try await UnitHeads.exists(in: context.organisation, on: db)
                try await Reports.save(context, .init(version: report.version, results: "(Số liệu MẪU) Đơn vị đã triển khai các nhiệm vụ của kỳ.",
                                                      difficulties: "(MẪU) Thiếu nhân lực công nghệ thông tin; hạ tầng mạng chưa đồng bộ.",
                                                      proposals: "(MẪU) Đề nghị bố trí kinh phí nâng cấp hệ thống thông tin bệnh viện.", values: values),
                                       submit: true, by: reporter, actor: .commandLine, on: db, now: submittedAt.addingTimeInterval(hasHead ? -3_600 : 0))
                if hasHead {
                    let head = CurrentUser(commandLine: "demo@chitieu.local", name: "Thủ trưởng đơn vị (MẪU)", role: .unitHead, organisationCode: report.organisationCode)
                    try await Reports.sign(try await Reports.load(report.id, on: db), version: nil, by: head, actor: .commandLine, on: db, now: submittedAt)
                }
                let submitted = try await Reports.load(report.id, on: db)
                try await Reports.act(.approve, submitted, reason: nil, version: nil, by: coordinator, actor: .commandLine, on: db,
                                      now: submittedAt.addingTimeInterval(86_400 * 2))
                approved += 1
            }
            // Only a cycle made here is closed; a real cycle stays as its coordinator left it.
            if created && index == 0 { try await Cycles.close(cycle, by: .commandLine, on: db) }
            outcomes.append(Outcome(period: period.code, approved: approved))
        }
        return outcomes
    }

    /// A plausible value from a fixed hash of the unit and indicator; the second period a little ahead of the first.
    static func value(for indicator: Indicator, organisation: String, half: Int) -> ValueEntry {
        let seed = (organisation + indicator.code).unicodeScalars.reduce(7) { ($0 &* 31 &+ Int($1.value)) & 0xFFFF }
        let share = 0.45 + Double(seed % 50) / 100 + Double(half) * 0.04
        var entry = entry(indicator, seed: seed, share: share, half: half)
        // The comment marks the value as demo data (and explains any large change, as the rules ask).
        entry.comment = "Số liệu MẪU"
        return entry
    }

    private static func entry(_ indicator: Indicator, seed: Int, share: Double, half: Int) -> ValueEntry {
        switch indicator.measure {
        case .ratio:
            let denominator = Double(100 + seed % 900)
            return ValueEntry(numerator: (denominator * min(share, 1)).rounded(), denominator: denominator)
        case .count: return ValueEntry(amount: Double(seed % 4 + half))
        case .shareOfUnits: return ValueEntry(answer: seed % 10 < 6 + half * 2)
        case .level: return ValueEntry(level: indicator.scale[min(indicator.scale.count - 1, seed % 3 + half)])
        }
    }
}
