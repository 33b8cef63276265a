import Foundation
import Planning

/// A stored lead-office assessment as people read it, shared by the office page, the indicator page and the documents.
struct LeadAssessmentText: Encodable, Sendable {
    let periodCode: String
    let period: String
    let status: String
    let statusLabel: String
    let icon: String
    /// The computed status when it was written.
    let computedLabel: String
    let changed: Bool
    let reason: String
    let analysis: String
    let measures: String
    let office: String
    let author: String
    let writtenAt: String
    /// The computed status has moved since: "Trạng thái tính toán đã thay đổi từ khi đánh giá".
    let stale: Bool

    init(_ record: LeadAssessmentRecord, stale: Bool, language: Language) {
        let status = EvaluationStatus(rawValue: record.status) ?? .noData
        periodCode = record.periodCode
        period = CycleText.period(record.periodCode, language)
        self.status = status.rawValue
        statusLabel = Localizer.text("status.\(status.rawValue)", language)
        icon = AssessmentText.icons[status] ?? ""
        computedLabel = Localizer.text("status.\(record.computedStatus)", language)
        changed = record.status != record.computedStatus
        reason = record.reason ?? ""
        analysis = record.analysis
        measures = record.measures
        office = record.officeCode
        author = record.author
        writtenAt = DateText.dayTime(record.writtenAt)
        self.stale = stale
    }

    /// The documents' column "Đánh giá của cơ quan chủ trì": the office's status, and where it departs from the computed
    /// one, from what and why ("Chậm so với lộ trình (điều chỉnh từ «Đúng lộ trình»: …) — BHYT").
    var column: String {
        var text = statusLabel
        if changed { text += " (" + Localizer.text("lead.changedFrom", SummaryContent.language) + " «\(computedLabel)»: \(reason))" }
        return text + " — \(office)"
    }

    /// One line of section I: "CT24 (BHYT): analysis. Giải pháp: measures."
    func summaryLine(code: String) -> String {
        var line = "\(code) (\(office), \(statusLabel.lowercased())): " + LeadAssessment.summary(analysis)
        if !measures.isEmpty { line += " " + Localizer.text("lead.measuresShort", SummaryContent.language) + ": " + LeadAssessment.summary(measures, limit: 200) }
        return line
    }
}
