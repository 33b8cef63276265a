import Documents
import Foundation
import Planning

/// Sections 3 and 4 of part I: the tasks of Appendix II and the funding of section III of the plan.
extension SummaryDocument {
    static func taskBlocks(_ content: SummaryContent) -> [Block] {
        let tasks = content.annexes.tasks
        var blocks: [Block] = [.subheading("4. Kết quả thực hiện các nhiệm vụ (Phụ lục II)")]
        guard !tasks.isEmpty else { return blocks + [.paragraph("Chưa có nhiệm vụ nào được nhập vào hệ thống.")] }
        let counts = ReportSummaries.taskCounts(tasks.map(\.situation))
        let parts = counts.byStatus.map { "\($0.1) \(Localizer.text("task.status.\($0.0.rawValue)", SummaryContent.language).lowercased())" }
        let demo = tasks.contains(where: \.isDemo) ? " (có nhiệm vụ là dữ liệu mẫu, đánh dấu MẪU)" : ""
        blocks.append(.paragraph("Tổng số \(tasks.count) nhiệm vụ\(demo): " + parts.joined(separator: "; ")
            + "; \(counts.overdue) nhiệm vụ quá hạn chưa hoàn thành."))
        let rows = tasks.map { task in
            Table.Row(cells: [task.code + (task.isDemo ? " (MẪU)" : ""), task.content, task.lead,
                              Localizer.text("task.status.\(task.situation.status.rawValue)", SummaryContent.language),
                              "\(task.situation.progress) %", task.situation.isOverdue ? "Quá hạn" : ""], isGroupHeading: false)
        }
        blocks.append(.table(Table(columns: [
            .init(title: "Mã", widthMillimetres: 22, alignment: .center),
            .init(title: "Nhiệm vụ", widthMillimetres: 58, alignment: .left),
            .init(title: "Cơ quan chủ trì", widthMillimetres: 31, alignment: .left),
            .init(title: "Trạng thái", widthMillimetres: 22, alignment: .center),
            .init(title: "Tiến độ", widthMillimetres: 16, alignment: .center),
            .init(title: "Quá hạn", widthMillimetres: 16, alignment: .center),
        ], rows: rows)))
        return blocks
    }

    static func fundingBlocks(_ content: SummaryContent) -> [Block] {
        let annexes = content.annexes
        var blocks: [Block] = [.subheading("5. Kinh phí thực hiện (mục III của Kế hoạch)")]
        guard !annexes.funding.isEmpty else { return blocks + [.paragraph("Chưa có cơ quan, đơn vị nào nhập kinh phí trong kỳ.")] }
        let planned = Amount.sum(annexes.fundingTotals.map(\.planned)), spent = Amount.sum(annexes.fundingTotals.map(\.spent))
        let share = planned > 0 ? " (\(SummaryContent.style.percent(100 * Double(spent) / Double(planned))) kế hoạch)" : ""
        blocks.append(.paragraph("Trong kỳ, \(annexes.funding.count) cơ quan, đơn vị nhập kinh phí: kế hoạch \(money(planned)) đồng, "
            + "đã chi \(money(spent)) đồng\(share). Theo nguồn:"))
        let sources = annexes.fundingTotals.map { line in
            Table.Row(cells: [Localizer.text("funding.source.\(line.source.rawValue)", SummaryContent.language), money(line.planned), money(line.spent)],
                      isGroupHeading: false)
        } + [Table.Row(cells: ["Tổng", money(planned), money(spent)], isGroupHeading: false)]
        blocks.append(.table(Table(columns: [
            .init(title: "Nguồn kinh phí", widthMillimetres: 75, alignment: .left),
            .init(title: "Kế hoạch (đồng)", widthMillimetres: 45, alignment: .right),
            .init(title: "Đã chi (đồng)", widthMillimetres: 45, alignment: .right),
        ], rows: sources)))
        blocks.append(.paragraph("Theo cơ quan, đơn vị:"))
        let units = annexes.funding.map { row in
            Table.Row(cells: [row.organisation.name, money(Amount.sum(row.lines.map(\.planned))), money(Amount.sum(row.lines.map(\.spent)))],
                      isGroupHeading: false)
        }
        blocks.append(.table(Table(columns: [
            .init(title: "Cơ quan, đơn vị", widthMillimetres: 75, alignment: .left),
            .init(title: "Kế hoạch (đồng)", widthMillimetres: 45, alignment: .right),
            .init(title: "Đã chi (đồng)", widthMillimetres: 45, alignment: .right),
        ], rows: units)))
        return blocks
    }

    /// Whole đồng with the Vietnamese thousands separator (`1.500.000`).
    static func money(_ amount: Int64) -> String { SummaryContent.style.format(Double(amount), maxDecimals: 0) }
}
