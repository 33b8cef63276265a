import Documents
import Foundation

extension SummaryDocument {
    /// What the live download gives: the report built from today's figures, marked "DỰ THẢO" at the top. The report as
    /// issued is never rebuilt: its stored bytes are downloaded (`SummarySignoffController`).
    static let draftMark = "DỰ THẢO"

    static func draft(_ content: SummaryContent) throws -> Data {
        var report = report(content)
        report.draftMark = draftMark
        return try report.docx()
    }
}
