import Documents
import Foundation
import Planning

/// The coordinating office's report to the Ban Chỉ đạo: the plan charges Phòng Quản lý Khám chữa bệnh to "theo dõi,
/// đôn đốc việc triển khai thực hiện, kịp thời báo cáo và kiến nghị Ban Chỉ đạo các biện pháp cần thiết". The same
/// figures, table and text parts as the report to UBND tỉnh (`SummaryDocument`), in the office's own voice, number,
/// date and signature, addressed to the committee named in the plan.
enum SteeringDocument {
    static let office = "Phòng Quản lý Khám chữa bệnh"
    static let duty = "chủ trì, phối hợp với các Phòng chức năng Sở Y tế và các đơn vị trực thuộc theo dõi, đôn đốc việc triển khai thực hiện, "
        + "kịp thời báo cáo và kiến nghị Ban Chỉ đạo các biện pháp cần thiết để đảm bảo việc thực hiện đồng bộ và có hiệu quả Kế hoạch"
    static let closing = "Phòng Quản lý Khám chữa bệnh trân trọng báo cáo và kiến nghị Ban Chỉ đạo xem xét, chỉ đạo./."

    static func docx(_ content: SummaryContent, text: SteeringReports.Text) throws -> Data {
        try report(content, text: text).docx()
    }

    /// The Steering Committee as the plan's issuer names it ("Ban Chỉ đạo của ngành Y tế tỉnh Ninh Bình về …").
    static func committee(_ content: SummaryContent) -> String {
        (content.planIssuer.components(separatedBy: " — ").first ?? content.planIssuer).trimmingCharacters(in: .whitespaces)
    }

    static func report(_ content: SummaryContent, text: SteeringReports.Text) -> AdministrativeReport {
        var report = SummaryDocument.report(content)
        let number = text.number.trimmingCharacters(in: .whitespaces)
        report.authority = "SỞ Y TẾ NINH BÌNH"
        report.issuer = office.uppercased()
        report.number = "Số: " + (number.isEmpty ? "      " : number) + "/BC-QLKCB"
        report.date = DayInput.parse(text.date) ?? Day(Date())
        report.subject = "Kết quả theo dõi, đôn đốc thực hiện các chỉ tiêu của \(SummaryDocument.lowercasedFirst(content.planTitle)) \(content.periodWords)"
        report.recipient = "Kính gửi: \(committee(content))."
        report.sections = sections(content)
        report.signature = Signature(mandate: nil, title: text.signerTitle, name: text.signerName)
        report.distribution = text.recipients.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return report
    }

    /// The report's sections with the office's opening and closing in place of the Department's.
    static func sections(_ content: SummaryContent) -> [Section] {
        let intro = Block.paragraph("Thực hiện \(content.planTitle) (\(SummaryDocument.issuedBy(content))), \(office) được giao \(duty). "
            + "\(office) báo cáo Ban Chỉ đạo kết quả thực hiện các chỉ tiêu \(content.periodWords) như sau:")
        return SummaryDocument.sections(content).map { section in
            var section = section
            if section.heading.isEmpty { section.blocks = [intro] }
            section.blocks = section.blocks.map { block in
                if case .paragraph(let text) = block, text.hasPrefix("Sở Y tế trân trọng báo cáo") { return .paragraph(closing) }
                return block
            }
            return section
        }
    }
}
