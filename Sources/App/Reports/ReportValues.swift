import Fluent
import Foundation

/// A cycle's report values in one query, grouped by report in one pass. (Fluent's eager loader, `.with(\.$values)`,
/// filters every loaded value once per report: reports × values, which grows with the square of the units.)
enum ReportValues {
    static func byReport(cycle: UUID, indicators: [String]? = nil, on db: any Database) async throws -> [UUID: [ReportValueRecord]] {
        let query = ReportValueRecord.query(on: db)
            .join(ReportRecord.self, on: \ReportValueRecord.$report.$id == \ReportRecord.$id)
            .filter(ReportRecord.self, \.$cycle.$id == cycle)
        if let indicators { query.filter(\.$indicatorCode ~~ indicators) }
        return Dictionary(grouping: try await query.all(), by: { $0.$report.id })
    }
}
