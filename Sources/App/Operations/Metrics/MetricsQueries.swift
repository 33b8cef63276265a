import Fluent
import Foundation
import Planning

/// The figures about the data that `/metrics` reads at each scrape: a few aggregate queries.
enum MetricsQueries {
    struct ReportCount: Sendable, Equatable {
        let period: String
        let state: String
        let count: Int
    }

    struct Figures: Sendable {
        var reports: [ReportCount] = []
        var late: [String: Int] = [:]
        var auditLength = 0
    }

    static func figures(on db: any Database) async throws -> Figures {
        var figures = Figures()
        let open = try await CycleRecord.query(on: db).filter(\.$state == CycleState.open.rawValue).all()
        for cycle in open.sorted(by: { $0.periodCode < $1.periodCode }) {
            let reports = try await ReportRecord.query(on: db).filter(\.$cycle.$id == cycle.requireID()).all()
            // Every state appears, with 0, so that a series does not vanish when its last report moves on.
            let byState = Dictionary(grouping: reports, by: \.state)
            for state in ReportState.allCases.map(\.rawValue) {
                figures.reports.append(ReportCount(period: cycle.periodCode, state: state, count: byState[state]?.count ?? 0))
            }
            figures.late[cycle.periodCode] = reports.filter { report in
                report.submittedAt.map { ReportingCycleRules.isLate($0, due: cycle.dates.due) } ?? false
            }.count
        }
        figures.auditLength = try await AuditEntryRecord.query(on: db).max(\.$sequence) ?? 0
        return figures
    }
}
