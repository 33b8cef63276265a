import Fluent
import Foundation
import Planning

/// The plan's tasks (Appendix II) and its funding (section III) as the period's report shows them, for the organisations
/// in the report's scope.
struct SummaryAnnexes: Sendable {
    struct TaskRow: Sendable {
        let code: String
        let content: String
        let lead: String
        let situation: ReportSummaries.TaskSituation
        let isDemo: Bool
    }

    struct FundingRow: Sendable {
        let organisation: Organisation
        /// Every source, in the plan's order.
        let lines: [FundingLine]
    }

    let tasks: [TaskRow]
    /// The sector's (the scope's) totals by source.
    let fundingTotals: [FundingLine]
    /// Each organisation that entered an amount.
    let funding: [FundingRow]

    static func load(_ snapshot: EvaluationSnapshot, on day: Day, db: any Database) async throws -> SummaryAnnexes {
        let inScope = Dictionary(snapshot.scope.organisations.map { ($0.code, $0) }) { first, _ in first }
        let cycles = try await CycleRecord.query(on: db).filter(\.$planCode == snapshot.plan.code).all()
        let periods = Dictionary(try cycles.compactMap { cycle in try cycle.period.map { (try cycle.requireID(), $0) } }) { first, _ in first }
        let records = try await TaskRecord.query(on: db).filter(\.$planCode == snapshot.plan.code).sort(\.$code).all()
            .filter { snapshot.scope.isSector || inScope[$0.leadCode] != nil }
        let updates = try await TaskUpdateRecord.query(on: db).filter(\.$cycle.$id ~~ Array(periods.keys)).all()
        let byTask = Dictionary(grouping: updates, by: { $0.$task.id })
        let tasks = try records.map { record in
            var own: [ReportingPeriod: (status: TaskStatus, progress: Int)] = [:]
            for update in byTask[try record.requireID()] ?? [] {
                guard let period = periods[update.$cycle.id] else { continue }
                own[period] = (TaskStatus(rawValue: update.status) ?? .notStarted, update.progress)
            }
            return TaskRow(code: record.code, content: record.content, lead: inScope[record.leadCode]?.name ?? record.leadCode,
                           situation: .init(code: record.code, end: record.end, updates: own, asOf: snapshot.period, on: day), isDemo: record.isDemo)
        }
        guard let cycle = cycles.first(where: { $0.periodCode == snapshot.period.code }) else {
            return SummaryAnnexes(tasks: tasks, fundingTotals: Funding.totals([]), funding: [])
        }
        let lines = try await FundingLineRecord.query(on: db).filter(\.$cycle.$id == cycle.requireID()).all()
            .filter { inScope[$0.organisationCode] != nil }
            .compactMap { record in FundingSource(rawValue: record.source).map { (record.organisationCode, FundingLine(source: $0, planned: record.planned, spent: record.spent)) } }
        let byOrganisation = Dictionary(grouping: lines, by: \.0)
        let funding = snapshot.scope.organisations.compactMap { organisation in
            byOrganisation[organisation.code].map { FundingRow(organisation: organisation, lines: Funding.totals($0.map(\.1))) }
        }
        return SummaryAnnexes(tasks: tasks, fundingTotals: Funding.totals(lines.map(\.1)), funding: funding)
    }
}
