import Documents
import Foundation
import Planning

/// The evaluation as a workbook (summary by indicator; indicator × unit; who reported) and as CSV (the summary sheet).
/// Numbers are stored as numbers, so they can be added up; the words are the dashboard's.
enum SummaryWorkbook {
    static func xlsx(_ content: SummaryContent) throws -> Data {
        try Workbook(sheets: [summarySheet(content), unitSheet(content), reportingSheet(content), taskSheet(content), fundingSheet(content), aboutSheet(content)],
                     customProperties: [.init(name: "chitieu.plan", value: content.snapshot.plan.code),
                                        .init(name: "chitieu.period", value: content.snapshot.period.code),
                                        .init(name: "chitieu.include", value: content.snapshot.include.rawValue)]).data()
    }

    /// The tables the CSV can hold, one per file (`?table=`).
    enum CSVTable: String, CaseIterable {
        case indicators, tasks, funding
    }

    /// One line per indicator (or task, or organisation and source); `semicolon` writes `;` between fields and decimal
    /// commas (Excel set to Vietnamese).
    static func csv(_ content: SummaryContent, table: CSVTable = .indicators, semicolon: Bool) -> Data {
        let (header, fields): ([String], [[Field]]) = switch table {
        case .indicators: (summaryHeader, summaryRows(content))
        case .tasks: (taskHeader, taskRows(content))
        case .funding: (fundingHeader, fundingRows(content))
        }
        let rows = fields.map { row in
            row.map { cell -> String in
                switch cell {
                case .text(let text): text
                case .number(let number): semicolon ? plain(number).replacingOccurrences(of: ".", with: ",") : plain(number)
                case .empty: ""
                }
            }
        }
        return CSVWriter.data([header] + rows, separator: semicolon ? ";" : ",")
    }

    enum Field {
        case text(String)
        case number(Double)
        case empty
    }

    static let summaryHeader = ["Mã", "TT", "Nhóm", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu của kỳ", "Mốc", "Kết quả", "Kết quả (số)",
                                "Tử số", "Mẫu số", "Đánh giá", "Chênh lệch", "Đơn vị báo cáo", "Đơn vị phải báo cáo", "Dự báo đến mốc", "Dự báo (số)",
                                "Độ bao phủ (%)", "Chưa đủ số liệu", "Giữ số liệu kỳ trước", "Đạt mức", "Đánh giá so với",
                                "Đánh giá của cơ quan chủ trì"]

    static func summaryRows(_ content: SummaryContent) -> [[Field]] {
        zip(zip(content.snapshot.indicators, content.snapshot.assessments), content.texts).map { pair, text in
            let (indicator, assessment) = pair
            let dto = EvaluationDTO(assessment, indicator: indicator)
            func number(_ value: Double?) -> Field { value.map(Field.number) ?? .empty }
            return [.text(indicator.code), .number(Double(indicator.number)), .text(indicator.group), .text(indicator.name), .text(indicator.unit ?? ""),
                    .text(text.expected), .text(text.milestone), .text(text.value), number(indicator.measure == .level ? nil : dto.value),
                    number(dto.numerator), number(dto.denominator), .text(text.statusLabel), number(dto.gap),
                    .number(Double(assessment.reportingUnits)), .number(Double(assessment.expectedUnits)), .text(text.forecast), number(dto.forecast?.value),
                    number(assessment.coverage.percentage), .text(assessment.isProvisional ? text.provisional : ""), .text(text.carried),
                    .text(text.reach), .text(text.targetSource), .text(content.leadAssessments[indicator.code]?.column ?? "")]
        }
    }

    static func summarySheet(_ content: SummaryContent) -> Worksheet {
        let header = summaryHeader.map { Cell.text($0, style: .header) }
        let decimal = CellStyle(border: true, numberFormat: .decimal(places: 1))
        let rows = zip(summaryRows(content), content.snapshot.indicators).map { row, indicator in
            row.enumerated().map { column, field -> Cell in
                switch field {
                case .text(let text): .text(text, style: CellStyle(wrap: column == 3 || column == 17, border: true))
                case .number(let number): .number(number, style: integer(column, indicator.measure, number) ? CellStyle(border: true, numberFormat: .integer) : decimal)
                case .empty: Cell(.empty, style: CellStyle(border: true))
                }
            }
        }
        return Worksheet(name: "Tổng hợp", rows: [header] + rows,
                         columnWidths: [7, 5, 6, 60, 12, 14, 14, 14, 12, 10, 10, 18, 11, 10, 10, 16, 11, 10, 24, 30, 30, 24, 40], frozenRows: 1, frozenColumns: 1,
                         autoFilter: TableRange(rows: 1 + rows.count, columns: header.count), print: .table(headerRows: 1))
    }

    /// Whole numbers print as whole numbers: the number and unit counts always; a count's result, numerator,
    /// denominator and gap when they are whole (a percentage keeps one decimal).
    private static func integer(_ column: Int, _ measure: Measure, _ number: Double) -> Bool {
        if [1, 13, 14].contains(column) { return true }
        let whole = number.rounded() == number && abs(number) < 1e15
        return whole && ([9, 10].contains(column) || (measure == .count && [8, 12, 16].contains(column)))
    }

    /// Each indicator's value for each organisation in scope that reports it (a percentage, a count, Có/Không, a level).
    static func unitSheet(_ content: SummaryContent) -> Worksheet {
        let snapshot = content.snapshot
        let organisations = snapshot.scope.organisations.filter { organisation in snapshot.indicators.contains { $0.reporters.includes(organisation) } }
        let header = [Cell.text("Mã", style: .header), .text("Chỉ tiêu", style: .header)] + organisations.map { Cell.text($0.code, style: .header) }
        let names = [Cell.text("", style: .plain), .text("Tên cơ quan, đơn vị →", style: CellStyle(italic: true))]
            + organisations.map { Cell.text($0.name, style: CellStyle(italic: true, wrap: true)) }
        let decimal = CellStyle(border: true, numberFormat: .decimal(places: 1))
        let rows = snapshot.indicators.map { indicator -> [Cell] in
            let byUnit = Dictionary(snapshot.units(indicator).map { ($0.organisation.code, $0.assessment) }) { first, _ in first }
            return [.text(indicator.code, style: CellStyle(border: true)), .text(indicator.name, style: CellStyle(wrap: true, border: true))]
                + organisations.map { organisation -> Cell in
                    switch byUnit[organisation.code]?.value {
                    case .ratio(_, _, let p?)?, .share(_, _, let p?)?:
                        if indicator.measure == .shareOfUnits { return .text(p == 100 ? "Có" : "Không", style: CellStyle(border: true)) }
                        return .number(p, style: decimal)
                    case .count(let n)?: return .number(n, style: decimal)
                    case .distribution(_, let median?)?: return .text(indicator.scale[median], style: CellStyle(wrap: true, border: true))
                    default: return Cell(.empty, style: CellStyle(border: true))
                    }
                }
        }
        return Worksheet(name: "Theo đơn vị", rows: [header, names] + rows,
                         columnWidths: [7, 50] + organisations.map { _ in 12 }, frozenRows: 2, frozenColumns: 2,
                         print: PrintSetup(landscape: true, fitToWidth: organisations.count <= 20, repeatedRows: 2, repeatedColumns: 2))
    }

    static func reportingSheet(_ content: SummaryContent) -> Worksheet {
        let header = ["Mã", "Cơ quan, đơn vị", "Trạng thái", "Gửi lần đầu", "Nộp muộn", "Được duyệt"].map { Cell.text($0, style: .header) }
        let rows = content.submissions.map { s -> [Cell] in
            [.text(s.organisation.code), .text(s.organisation.name, style: CellStyle(wrap: true)),
             .text(Localizer.text("state.\(s.state.rawValue)", SummaryContent.language)),
             s.submittedAt.map { Cell(.dateTime($0)) } ?? .empty, .text(s.submittedAt == nil ? "" : s.isLate ? "Có" : "Không"),
             s.approvedAt.map { Cell(.dateTime($0)) } ?? .empty]
        }
        var totals: [[Cell]] = [[], [.text("Tổng hợp", style: CellStyle(bold: true))]]
        if let due = content.due { totals.append([.text("Hạn nộp"), .text("trước ngày \(due.vietnamese)")]) }
        if let s = content.statistics {
            let integer = CellStyle(numberFormat: .integer), decimal = CellStyle(numberFormat: .decimal(places: 1))
            totals += [("Phải báo cáo", Double(s.expected), integer), ("Đã gửi", Double(s.submitted), integer), ("Đã duyệt", Double(s.approved), integer),
                       ("Gửi muộn", Double(s.late), integer), ("Chưa gửi", Double(s.missing), integer)].map { [.text($0.0), .number($0.1, style: $0.2)] }
            totals += [("Tỷ lệ đầy đủ (%)", s.completeness), ("Tỷ lệ đúng hạn (%)", s.timeliness)].map {
                [.text($0.0), $0.1.map { Cell.number($0, style: decimal) } ?? .empty]
            }
        }
        return Worksheet(name: "Nộp báo cáo", rows: [header] + rows + totals, columnWidths: [14, 50, 16, 18, 10, 18], frozenRows: 1,
                         autoFilter: TableRange(rows: 1 + rows.count, columns: header.count), print: .table(headerRows: 1))
    }

    static func aboutSheet(_ content: SummaryContent) -> Worksheet {
        let lines: [(String, String)] = [("Kế hoạch", content.planTitle), ("Kỳ báo cáo", content.periodLabel),
                                         ("Phạm vi", content.scopeLabel),
                                         ("Số liệu", content.snapshot.include == .provisional ? "Tạm tính: gồm cả báo cáo đã gửi chưa duyệt" : "Báo cáo đã duyệt"),
                                         ("Tạo lúc", DateText.dayTime(Date()))]
        return Worksheet(name: "Thông tin", rows: lines.map { [.text($0.0, style: CellStyle(bold: true)), .text($0.1, style: CellStyle(wrap: true))] },
                         columnWidths: [16, 90], print: PrintSetup(landscape: true, fitToWidth: true, repeatedRows: 0))
    }

    /// A number as CSV writes it: a point, at most four decimals, no thousands separator.
    static func plain(_ number: Double) -> String {
        let rounded = (number * 10_000).rounded() / 10_000
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return String(format: "%.4f", rounded).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
    }
}
