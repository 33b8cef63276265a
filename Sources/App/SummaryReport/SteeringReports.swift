import Fluent
import Foundation
import Planning
import Vapor

/// The parts of the coordinating office's report to the Ban Chỉ đạo that are its own: number, date, signer (the head of
/// Phòng Quản lý Khám chữa bệnh) and recipients. Its figures and text are those of the report to UBND tỉnh.
enum SteeringReports {
    struct Text: Content, Sendable, Equatable {
        /// The number before `/BC-QLKCB`; empty until given.
        var number: String
        /// dd/mm/yyyy.
        var date: String
        var signerTitle: String
        var signerName: String
        /// One recipient per line.
        var recipients: String
    }

    static let limits: [String: Int] = ["number": 20, "date": 10, "signerTitle": 100, "signerName": 100, "recipients": 2_000]
    static let defaultRecipients = ["- Như trên;", "- Giám đốc Sở (để báo cáo);", "- Lưu: VT, QLKCB."].joined(separator: "\n")

    static func record(plan: String, period: String, on db: any Database) async throws -> SteeringReportRecord? {
        try await SteeringReportRecord.query(on: db).filter(\.$planCode == plan).filter(\.$periodCode == period).first()
    }

    /// The saved text, or the default one (today, signed by the head of the office).
    static func text(plan: String, period: String, today: Day, on db: any Database) async throws -> Text {
        guard let record = try await record(plan: plan, period: period, on: db) else {
            return Text(number: "", date: today.vietnamese, signerTitle: "TRƯỞNG PHÒNG", signerName: "", recipients: defaultRecipients)
        }
        return Text(number: record.number, date: Day(iso: record.reportDate)?.vietnamese ?? record.reportDate, signerTitle: record.signerTitle,
                    signerName: record.signerName, recipients: record.recipients)
    }

    static func save(_ text: Text, plan: String, period: String, by actor: Actor, on db: any Database) async throws {
        for (field, value) in [("number", text.number), ("date", text.date), ("signerTitle", text.signerTitle), ("signerName", text.signerName),
                               ("recipients", text.recipients)] {
            if let limit = limits[field], value.count > limit { throw SummaryReportError.tooLong(field: field, limit: limit) }
        }
        guard let day = DayInput.parse(text.date) else { throw SummaryReportError.invalidDate(text.date) }
        if text.signerTitle.trimmingCharacters(in: .whitespaces).isEmpty { throw SummaryReportError.missing(field: "signerTitle") }
        try await db.writing { tx in
            let record = try await record(plan: plan, period: period, on: tx) ?? SteeringReportRecord()
            let before = record.id == nil ? [:] : record.fields
            record.planCode = plan
            record.periodCode = period
            record.number = text.number.trimmingCharacters(in: .whitespaces)
            record.reportDate = day.iso
            record.signerTitle = text.signerTitle.trimmingCharacters(in: .whitespaces)
            record.signerName = text.signerName.trimmingCharacters(in: .whitespaces)
            record.recipients = text.recipients
            record.updatedBy = actor.name
            try await record.save(on: tx)
            try await Audit.record(AuditChange.diff("steering-report", "\(plan)/\(period)", old: before, new: record.fields), by: actor, on: tx)
        }
    }
}
