import Fluent
import Planning
import Vapor

/// How pages show cycles: the period in words, days dd/mm/yyyy, figures with a decimal comma.
enum CycleText {
    static func period(_ code: String, _ language: Language) -> String {
        guard let period = try? ReportingPeriod(code: code) else { return code }
        let key = period.half == .first ? "cycle.firstHalf" : "cycle.wholeYear"
        return Localizer.text(key, language).replacingOccurrences(of: "{year}", with: String(period.year)) + " (\(code))"
    }

    static func day(_ iso: String, _ language: Language) -> String {
        guard let day = Day(iso: iso) else { return iso }
        return language == .vietnamese ? day.vietnamese : day.iso
    }

    /// The due day as the plan words it: "trước ngày 01/06/2026" ("before 01/06/2026"): reports are on time until it begins.
    static func due(_ iso: String, _ language: Language) -> String {
        let day = Day(iso: iso)?.vietnamese ?? iso
        return Localizer.text("cycle.dueBefore", language).replacingOccurrences(of: "{day}", with: day)
    }

    static func percent(_ value: Double?, _ language: Language) -> String {
        value.map { language.numbers.percent($0) } ?? "—"
    }

    static func state(_ state: String, _ language: Language) -> String { Localizer.text("cycle.state.\(state)", language) }
}

struct CycleSummary: Encodable {
    let id: String
    let period: String
    let start: String
    let end: String
    let cutoff: String
    let due: String
    let state: String
    let stateLabel: String
    let reminderDays: Int

    init(_ cycle: CycleRecord, _ language: Language) throws {
        id = try cycle.requireID().uuidString
        period = CycleText.period(cycle.periodCode, language)
        start = CycleText.day(cycle.startsOn, language)
        end = CycleText.day(cycle.endsOn, language)
        cutoff = CycleText.day(cycle.cutoffOn, language)
        due = CycleText.due(cycle.dueOn, language)
        state = cycle.state
        stateLabel = CycleText.state(cycle.state, language)
        reminderDays = cycle.reminderDays
    }
}

struct StatisticsView: Encodable {
    let expected, submitted, approved, late, missing: Int
    let completeness, timeliness: String

    init(_ s: CycleStatistics, _ language: Language) {
        expected = s.expected; submitted = s.submitted; approved = s.approved; late = s.late; missing = s.missing
        completeness = CycleText.percent(s.completeness, language)
        timeliness = CycleText.percent(s.timeliness, language)
    }
}

struct CyclesPage: Encodable {
    struct Row: Encodable {
        let cycle: CycleSummary
        let completeness: String
    }

    let layout: Layout
    let error: String?
    let rows: [Row]
    let canManage: Bool
    let suggestedPeriod: String

    init(_ req: Request, error: String? = nil) async throws {
        let language = req.language
        layout = Layout(req, title: Localizer.text("nav.cycles", language))
        self.error = error
        let cycles = try await CycleRecord.query(on: req.db).sort(\.$periodCode, .descending).all()
        var rows: [Row] = []
        for cycle in cycles {
            // Three columns per report, not every report of every cycle as a model (13,000 units × 10 cycles).
            rows.append(Row(cycle: try CycleSummary(cycle, language),
                            completeness: CycleText.percent(try await Cycles.statistics(cycle, on: req.db).completeness, language)))
        }
        self.rows = rows
        canManage = AccessPolicy.allows(req.currentUser?.role, .manageCycles)
        suggestedPeriod = ReportingCalendar.november.period(containing: Day(Date())).code
    }
}

struct CyclePage: Encodable {
    struct Row: Encodable {
        let id: String
        let organisation: String
        let name: String
        let state: String
        let stateLabel: String
        let submittedAt: String
        let late: Bool
    }

    let layout: Layout
    let error: String?
    let cycle: CycleSummary
    let form: [String: String]
    let statistics: StatisticsView
    let rows: [Row]
    let canManage: Bool
    let canMonitor: Bool

    init(_ req: Request, cycle record: CycleRecord, error: String? = nil) async throws {
        let language = req.language
        let user = try req.requireUser()
        cycle = try CycleSummary(record, language)
        layout = Layout(req, title: cycle.period)
        self.error = error
        form = ["start": record.dates.start.vietnamese, "end": record.dates.end.vietnamese, "cutoff": record.dates.cutoff.vietnamese,
                "due": record.dates.due.vietnamese]
        let reports = try await ReportRecord.query(on: req.db).filter(\.$cycle.$id == record.requireID()).sort(\.$organisationCode).all()
        statistics = StatisticsView(Cycles.statistics(record, reports: reports), language)
        let names = try await Directory.names(on: req.db)
        rows = try reports.filter { AccessPolicy.mayReadData(role: user.role, own: user.organisationCode, other: $0.organisationCode) }.map {
            Row(id: try $0.requireID().uuidString, organisation: $0.organisationCode, name: names[$0.organisationCode] ?? $0.organisationCode,
                state: $0.state, stateLabel: Localizer.text("state.\($0.state)", language),
                submittedAt: $0.submittedAt.map { DateText.dayTime($0) } ?? "",
                late: $0.submittedAt.map { ReportingCycleRules.isLate($0, due: record.dates.due) } ?? false)
        }
        canManage = AccessPolicy.allows(user.role, .manageCycles)
        canMonitor = AccessPolicy.allows(user.role, .monitorReporting)
    }
}
