import Documents
import Foundation
import Planning

/// The Excel template of one unit's report for one cycle: a row per indicator it reports, with the year's target and
/// the previous value; input cells (yellow, unlocked) that match the measure; drop-down lists for yes/no and levels;
/// everything else locked (sheet protection without a password); a hidden sheet and custom properties naming the
/// plan, cycle, organisation and report, so an upload can be matched to its report.
enum ReportTemplate {
    static let sheetName = "Báo cáo"
    static let identitySheet = "chitieu"
    static let headerRow = 3
    /// Columns (1-based): code, name, unit, target, previous, first input, second input, comment.
    static let first = 6, second = 7, comment = 8

    static func workbook(_ context: ReportContext) throws -> Data {
        let style = NumberStyle.vietnamese
        let period = context.period
        let year = period?.year ?? 0
        let locked = CellStyle(wrap: true, border: true)
        let input = CellStyle(locked: false, fill: "FFF2CC", border: true)
        let closed = CellStyle(fill: "E7E6E6", border: true)
        let title = "BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU — \(context.organisation.name) — \(CycleText.period(context.cycle.periodCode, .vietnamese))"
        let help = "Điền vào các ô màu vàng. Tỉ lệ: tử số ở cột F, mẫu số ở cột G. Số đếm: cột F. Có/không và mức: chọn trong danh sách ở cột F. "
            + "Số viết kiểu Việt Nam (1.250 hoặc 12,5) hoặc nhập số bình thường. Không sửa các ô khác; tải lên tại trang báo cáo."
        var rows: [[Cell]] = [[.text(title, style: CellStyle(bold: true))], [.text(help, style: CellStyle(italic: true, wrap: true))],
                              ["Mã", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu năm \(year)", "Kỳ trước", "Tử số / Giá trị", "Mẫu số", "Ghi chú"].map { .text($0, style: .header) }]
        var validations: [ListValidation] = []
        for indicator in context.indicators {
            let row = rows.count + 1
            let entry = context.values[indicator.code]?.entry ?? ValueEntry()
            let previous = context.previous[indicator.code].map { previousText($0, style) } ?? ""
            var cells: [Cell] = [.text(indicator.code, style: locked), .text(indicator.name, style: locked), .text(indicator.unit ?? "", style: locked),
                                 .text(style.describe(indicator.expected(in: year)), style: locked), .text(previous, style: locked)]
            switch indicator.measure {
            case .ratio:
                cells += [Cell(entry.numerator.map(CellValue.number) ?? .empty, style: input), Cell(entry.denominator.map(CellValue.number) ?? .empty, style: input)]
            case .count:
                cells += [Cell(entry.amount.map(CellValue.number) ?? .empty, style: input), Cell(.empty, style: closed)]
            case .shareOfUnits:
                cells += [Cell(entry.answer.map { .text($0 ? "Có" : "Không") } ?? .empty, style: input), Cell(.empty, style: closed)]
                validations.append(ListValidation(range: "F\(row)", options: ["Có", "Không"], errorMessage: "Chọn Có hoặc Không"))
            case .level:
                cells += [Cell(entry.level.map(CellValue.text) ?? .empty, style: input), Cell(.empty, style: closed)]
                validations.append(ListValidation(range: "F\(row)", options: indicator.scale, errorMessage: "Chọn một mức trong danh sách"))
            }
            cells.append(Cell(entry.comment.map(CellValue.text) ?? .empty, style: CellStyle(wrap: true, locked: false, fill: "FFF2CC", border: true)))
            rows.append(cells)
        }
        let identity = self.identity(context)
        let sheet = Worksheet(name: sheetName, rows: rows, columnWidths: [8, 55, 12, 14, 14, 16, 14, 30], frozenRows: headerRow, frozenColumns: 2,
                              isProtected: true, validations: validations, merges: ["A1:H1", "A2:H2"])
        let hidden = Worksheet(name: identitySheet, rows: identity.map { [.text($0.name), .text($0.value)] }, isHidden: true, isProtected: true)
        return try Workbook(sheets: [sheet, hidden], customProperties: identity).data()
    }

    static func identity(_ context: ReportContext) -> [Workbook.CustomProperty] {
        [.init(name: "chitieu.plan", value: context.cycle.planCode), .init(name: "chitieu.period", value: context.cycle.periodCode),
         .init(name: "chitieu.organisation", value: context.organisation.code),
         .init(name: "chitieu.report", value: context.report.id?.uuidString ?? "")]
    }

    static func previousText(_ value: ReportedValue, _ style: NumberStyle) -> String {
        switch value {
        case .ratio(let n, let d): "\(style.format(n))/\(style.format(d))" + (d > 0 ? " (\(style.percent(100 * n / d)))" : "")
        case .count(let n): style.format(n)
        case .yesNo(let b): b ? "Có" : "Không"
        case .level(let l): l
        }
    }
}
