import Documents
import Foundation
import Planning

/// The tasks (Appendix II) and the funding (section III) as sheets of the workbook and as CSV tables.
extension SummaryWorkbook {
    static let taskHeader = ["Mã", "Nhiệm vụ", "Cơ quan chủ trì", "Trạng thái", "Tiến độ (%)", "Quá hạn", "Dữ liệu mẫu"]

    static func taskRows(_ content: SummaryContent) -> [[Field]] {
        content.annexes.tasks.map { task in
            [.text(task.code), .text(task.content), .text(task.lead),
             .text(Localizer.text("task.status.\(task.situation.status.rawValue)", SummaryContent.language)),
             .number(Double(task.situation.progress)), .text(task.situation.isOverdue ? "Có" : "Không"), .text(task.isDemo ? "Có" : "Không")]
        }
    }

    static let fundingHeader = ["Mã", "Cơ quan, đơn vị", "Nguồn kinh phí", "Kế hoạch (đồng)", "Đã chi (đồng)"]

    /// Each organisation's amounts by source (sources with nothing left out), then the scope's totals by source.
    static func fundingRows(_ content: SummaryContent) -> [[Field]] {
        func source(_ line: FundingLine) -> Field { .text(Localizer.text("funding.source.\(line.source.rawValue)", SummaryContent.language)) }
        let units = content.annexes.funding.flatMap { row in
            row.lines.filter { $0.planned != 0 || $0.spent != 0 }.map { line -> [Field] in
                [.text(row.organisation.code), .text(row.organisation.name), source(line), .number(Double(line.planned)), .number(Double(line.spent))]
            }
        }
        let totals = content.annexes.fundingTotals.map { line -> [Field] in
            [.text(""), .text("Tổng"), source(line), .number(Double(line.planned)), .number(Double(line.spent))]
        }
        return units + totals
    }

    static func taskSheet(_ content: SummaryContent) -> Worksheet {
        sheet("Nhiệm vụ", header: taskHeader, rows: taskRows(content), integerColumns: [4], wrapColumns: [1, 2], widths: [14, 60, 30, 20, 10, 9, 9])
    }

    static func fundingSheet(_ content: SummaryContent) -> Worksheet {
        sheet("Kinh phí", header: fundingHeader, rows: fundingRows(content), integerColumns: [3, 4], wrapColumns: [1], widths: [14, 44, 32, 18, 18])
    }

    static func sheet(_ name: String, header: [String], rows: [[Field]], integerColumns: Set<Int>, wrapColumns: Set<Int>, widths: [Double]) -> Worksheet {
        let cells = rows.map { row in
            row.enumerated().map { column, field -> Cell in
                switch field {
                case .text(let text): .text(text, style: CellStyle(wrap: wrapColumns.contains(column), border: true))
                case .number(let number): .number(number, style: CellStyle(border: true, numberFormat: integerColumns.contains(column) ? .integer : .decimal(places: 1)))
                case .empty: Cell(.empty, style: CellStyle(border: true))
                }
            }
        }
        return Worksheet(name: name, rows: [header.map { Cell.text($0, style: .header) }] + cells, columnWidths: widths, frozenRows: 1,
                         autoFilter: TableRange(rows: 1 + cells.count, columns: header.count), print: .table(headerRows: 1))
    }
}
