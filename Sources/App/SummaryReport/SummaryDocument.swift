import Documents
import Foundation
import Planning

/// The report to the People's Committee as a .docx in the format of Nghị định 30/2020/NĐ-CP: the coordinator's text
/// around the live figures (the same `AssessmentText` as the dashboard).
enum SummaryDocument {
    static func docx(_ content: SummaryContent) throws -> Data {
        try report(content).docx()
    }

    static func report(_ content: SummaryContent) -> AdministrativeReport {
        let draft = content.draft
        let number = draft.number.trimmingCharacters(in: .whitespaces)
        return AdministrativeReport(
            authority: "UBND TỈNH NINH BÌNH", issuer: "SỞ Y TẾ",
            number: "Số: " + (number.isEmpty ? "      " : number) + "/BC-SYT",
            place: "Ninh Bình", date: DayInput.parse(draft.date) ?? Day(Date()),
            title: "BÁO CÁO",
            subject: "Kết quả thực hiện các chỉ tiêu của \(lowercasedFirst(content.planTitle)) \(content.periodWords)",
            recipient: "Kính gửi: Ủy ban nhân dân tỉnh Ninh Bình.",
            sections: sections(content),
            signature: Signature(mandate: draft.signerMandate.isEmpty ? nil : draft.signerMandate, title: draft.signerTitle, name: draft.signerName),
            distribution: draft.recipients.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    static func sections(_ content: SummaryContent) -> [Section] {
        let intro = Block.paragraph("Thực hiện \(content.planTitle) (\(issuedBy(content))), Sở Y tế báo cáo kết quả thực hiện "
            + "các chỉ tiêu \(content.periodWords) như sau:")
        var results: [Block] = [.subheading("1. Tình hình báo cáo của các cơ quan, đơn vị")]
        results.append(.paragraph(reportingParagraph(content)))
        results.append(.subheading("2. Kết quả thực hiện các chỉ tiêu"))
        results.append(.paragraph(statusParagraph(content)))
        if !content.draft.results.isEmpty { results += paragraphs(content.draft.results) }
        results.append(.table(table(content)))
        if let carried = carriedParagraph(content) { results.append(.paragraph(carried)) }
        results += leadAssessmentBlock(content)
        results += SummaryDocument.taskBlocks(content) + SummaryDocument.fundingBlocks(content)
        return [
            Section(heading: "", blocks: [intro]),
            Section(heading: "I. KẾT QUẢ THỰC HIỆN", blocks: results),
            Section(heading: "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", blocks: paragraphs(content.draft.shortcomings, empty: "Không có.")),
            Section(heading: "III. NHIỆM VỤ TRỌNG TÂM VÀ ĐỀ XUẤT, KIẾN NGHỊ", blocks: paragraphs(content.draft.proposals, empty: "Không có.")
                + [.paragraph("Sở Y tế trân trọng báo cáo./.")]),
        ]
    }

    /// The indicators by group: number, name, unit, what the period is held against, the result and the judgement.
    static func table(_ content: SummaryContent) -> Table {
        var rows: [Table.Row] = []
        var group: String?
        for (indicator, text) in zip(content.snapshot.indicators, content.texts) {
            if indicator.group != group {
                group = indicator.group
                let name = content.snapshot.group(indicator.group).name
                rows.append(Table.Row(cells: ["\(indicator.group). \(name)"] + Array(repeating: "", count: 6), isGroupHeading: true))
            }
            let judgement = text.statusLabel + (text.gap.isEmpty ? "" : " (\(text.gap))") + (text.provisional.isEmpty ? "" : "\n(\(text.provisional))")
            rows.append(Table.Row(cells: [String(indicator.number), text.name, indicator.unit ?? "", text.expected,
                                          text.reach.isEmpty ? text.value : text.reach, text.reporting, judgement,
                                          content.leadAssessments[indicator.code]?.column ?? ""], isGroupHeading: false))
        }
        return Table(columns: [
            .init(title: "TT", widthMillimetres: 8, alignment: .center),
            .init(title: "Chỉ tiêu", widthMillimetres: 42, alignment: .left),
            .init(title: "Đơn vị tính", widthMillimetres: 14, alignment: .center),
            .init(title: "Chỉ tiêu của kỳ", widthMillimetres: 19, alignment: .center),
            .init(title: "Kết quả", widthMillimetres: 19, alignment: .center),
            .init(title: "Đơn vị báo cáo", widthMillimetres: 14, alignment: .center),
            .init(title: "Đánh giá", widthMillimetres: 22, alignment: .center),
            .init(title: "Đánh giá của cơ quan chủ trì", widthMillimetres: 27, alignment: .left),
        ], rows: rows)
    }

    /// The indicators whose figure keeps some units' earlier value of the year, with how many.
    static func carriedParagraph(_ content: SummaryContent) -> String? {
        let carried = content.snapshot.assessments.filter { $0.coverage.carriedCount > 0 }
        guard !carried.isEmpty else { return nil }
        return "Các chỉ tiêu tính theo số liệu mới nhất trong năm giữ số liệu kỳ trước của các đơn vị chưa báo cáo kỳ này "
            + "(các đơn vị này không được tính là đã báo cáo): "
            + carried.map { "\($0.indicator) (\($0.coverage.carriedCount) đơn vị)" }.joined(separator: ", ") + "."
    }

    /// Section I's text on the lead offices' own assessments: each assessed indicator's analysis, summarised.
    static func leadAssessmentBlock(_ content: SummaryContent) -> [Block] {
        let lines = content.snapshot.indicators.compactMap { indicator in
            content.leadAssessments[indicator.code].map { Block.bullet($0.summaryLine(code: indicator.code)) }
        }
        let heading = Block.subheading("3. Đánh giá của các cơ quan chủ trì theo dõi, đánh giá")
        if lines.isEmpty { return [heading, .paragraph("Các cơ quan chủ trì chưa gửi đánh giá cho kỳ này.")] }
        let count = "Các cơ quan chủ trì đã đánh giá \(lines.count)/\(content.snapshot.indicators.count) chỉ tiêu:"
        return [heading, .paragraph(count)] + lines
    }

    static func reportingParagraph(_ content: SummaryContent) -> String {
        guard let s = content.statistics else { return "Chưa mở đợt báo cáo cho kỳ này." }
        let style = SummaryContent.style
        let due = content.due.map { "Hạn nộp: trước ngày \($0.vietnamese). " } ?? ""
        return due + "Có \(s.submitted)/\(s.expected) cơ quan, đơn vị gửi báo cáo (tỷ lệ đầy đủ \(s.completeness.map { style.percent($0) } ?? "—")), "
            + "trong đó \(s.late) báo cáo gửi muộn (tỷ lệ đúng hạn \(s.timeliness.map { style.percent($0) } ?? "—")); \(s.approved) báo cáo đã được duyệt; "
            + "\(s.missing) cơ quan, đơn vị chưa gửi báo cáo."
    }

    static func statusParagraph(_ content: SummaryContent) -> String {
        let counts = content.snapshot.statusCounts
        let parts = EvaluationStatus.allCases.compactMap { status in
            counts[status].map { "\($0) chỉ tiêu \(Localizer.text("status.\(status.rawValue)", SummaryContent.language).lowercased())" }
        }
        let provisional = content.snapshot.include == .provisional ? " (số liệu tạm tính, gồm cả báo cáo chưa được duyệt)" : ""
        let thin = content.snapshot.assessments.filter(\.isProvisional).count
        let coverage = thin == 0 ? "" : " Trong đó \(thin) chỉ tiêu chưa đủ số liệu để kết luận (dưới "
            + "\(SummaryContent.style.percent(content.snapshot.coverageThreshold)) số đơn vị phải báo cáo đã báo cáo trong kỳ): đánh giá chỉ là tạm tính."
        return "Trong \(content.snapshot.indicators.count) chỉ tiêu\(provisional): " + parts.joined(separator: "; ") + "." + coverage + " Chi tiết tại bảng dưới đây."
    }

    static func paragraphs(_ text: String, empty: String? = nil) -> [Block] {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if lines.isEmpty { return empty.map { [.paragraph($0)] } ?? [] }
        return lines.map { $0.hasPrefix("- ") ? .bullet(String($0.dropFirst(2))) : .paragraph($0) }
    }

    /// "Ban Chỉ đạo …, tháng 10/2025": the issuer without the plan file's " — Sở Y tế …" suffix, and the month it was issued.
    static func issuedBy(_ content: SummaryContent) -> String {
        let issuer = content.planIssuer.components(separatedBy: " — ").first ?? content.planIssuer
        let parts = content.planIssuedOn.split(separator: "-")
        let when = parts.count >= 2 ? "tháng \(parts[1])/\(parts[0])" : content.planIssuedOn
        return when.isEmpty ? issuer : "\(issuer), \(when)"
    }

    /// The first letter in lower case, unless the word is an abbreviation (`CNTT`, `AI`), which stays as written.
    static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        if let second = text.dropFirst().first, second.isUppercase { return text }
        return first.lowercased() + text.dropFirst()
    }
}
