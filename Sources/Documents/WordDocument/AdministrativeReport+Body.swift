import Foundation

extension AdministrativeReport {
    /// Text width: A4's 210 mm less the 30 mm left and 15 mm right margins.
    static let textWidth = WordML.twips(165)

    func body() throws(DocumentError) -> String {
        var xml = draftMark.map { WordML.text($0, run: .init(size: 26, bold: true), paragraph: .init(alignment: "right", after: 120)) } ?? ""
        xml += header()
        xml += WordML.text(title, run: .init(bold: true), paragraph: .init(alignment: "center", before: 240, keepNext: true))
        xml += WordML.text(subject, run: .init(bold: true), paragraph: .init(alignment: "center", left: 567, right: 567, keepNext: true))
        // A short rule under the subject, as departments write it.
        xml += WordML.text("", paragraph: .init(alignment: "center", left: 3402, right: 3402, after: 120, line: 120, bottomRule: true))
        if let recipient {
            xml += WordML.text(recipient, paragraph: .init(alignment: "center", before: 120, after: 120))
        }
        for section in sections {
            if !section.heading.isEmpty {
                xml += WordML.text(section.heading, run: .init(bold: true), paragraph: Self.body(keepNext: true))
            }
            for block in section.blocks { xml += try Self.block(block) }
        }
        return xml + signatureBlock()
    }

    static func body(keepNext: Bool = false) -> WordML.ParagraphStyle {
        WordML.ParagraphStyle(alignment: "both", firstLine: 567, before: 60, after: 60, line: 276, keepNext: keepNext)
    }

    static func block(_ block: Block) throws(DocumentError) -> String {
        switch block {
        case .paragraph(let text):
            return text.split(whereSeparator: \.isNewline).map { WordML.text(String($0), paragraph: body()) }.joined()
        case .subheading(let text): return WordML.text(text, run: .init(bold: true), paragraph: body(keepNext: true))
        case .bullet(let text): return WordML.text("- " + text, paragraph: body())
        case .table(let table): return try self.table(table)
        }
    }

    /// The two-column header: the issuing body on the left, the national motto on the right.
    func header() -> String {
        let left = WordML.twips(62), right = Self.textWidth - left
        let center = WordML.ParagraphStyle(alignment: "center")
        let leftCell = WordML.text(authority.uppercased(), run: .init(size: 26), paragraph: center)
            + WordML.text(issuer.uppercased(), run: .init(size: 26, bold: true), paragraph: center)
            + WordML.text("", paragraph: .init(alignment: "center", left: 1020, right: 1020, line: 120, bottomRule: true))
            + WordML.text(number, run: .init(size: 26), paragraph: .init(alignment: "center", before: 120))
        let rightCell = WordML.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", run: .init(size: 24, bold: true), paragraph: center)
            + WordML.text("Độc lập - Tự do - Hạnh phúc", run: .init(size: 26, bold: true, underline: true), paragraph: center)
            + WordML.text(placeAndDate, run: .init(size: 28, italic: true), paragraph: .init(alignment: "center", before: 240))
        return WordML.table(widths: [left, right], rows: [WordML.row([WordML.cell(leftCell, width: left), WordML.cell(rightCell, width: right)])],
                            borders: false)
    }

    static func table(_ table: Table) throws(DocumentError) -> String {
        let widths = table.columns.map { WordML.twips($0.widthMillimetres) }
        // A group's heading row keeps with the row after it, so a page never ends on a heading.
        func paragraph(_ text: String, _ alignment: Table.Alignment, bold: Bool = false, keepNext: Bool = false) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).map {
                WordML.text(String($0), run: .init(size: 24, bold: bold), paragraph: .init(alignment: alignment.rawValue, before: 20, after: 20, keepNext: keepNext))
            }.joined()
        }
        var rows = [WordML.row(zip(table.columns, widths).map { WordML.cell(paragraph($0.title, .center, bold: true), width: $1, header: true) }, header: true)]
        for (index, row) in table.rows.enumerated() {
            if row.isGroupHeading {
                rows.append(WordML.row([WordML.cell(paragraph(row.cells.first ?? "", .left, bold: true, keepNext: true), width: widths.reduce(0, +), span: widths.count)]))
                continue
            }
            guard row.cells.count == table.columns.count else {
                throw .tableRowWidth(row: index + 1, expected: table.columns.count, found: row.cells.count)
            }
            rows.append(WordML.row(zip(zip(row.cells, table.columns), widths).map { WordML.cell(paragraph($0.0, $0.1.alignment), width: $1) }))
        }
        return WordML.table(widths: widths, rows: rows, borders: true) + WordML.text("", paragraph: .init(after: 60))
    }

    /// "Nơi nhận:" on the left; the signer's authority, title, room to sign and name on the right.
    func signatureBlock() -> String {
        let left = WordML.twips(80), right = Self.textWidth - left
        var recipients = WordML.text("Nơi nhận:", run: .init(size: 24, bold: true, italic: true), paragraph: .init(alignment: "left", before: 120))
        recipients += distribution.map { WordML.text($0, run: .init(size: 22), paragraph: .init(alignment: "left")) }.joined()
        let center = WordML.ParagraphStyle(alignment: "center")
        var signer = WordML.text(signature.mandate ?? "", run: .init(bold: true), paragraph: .init(alignment: "center", before: 120))
        signer += WordML.text(signature.title, run: .init(bold: true), paragraph: center)
        signer += String(repeating: WordML.text("", paragraph: center), count: 5)
        signer += WordML.text(signature.name, run: .init(bold: true), paragraph: center)
        return WordML.table(widths: [left, right], rows: [WordML.row([WordML.cell(recipients, width: left), WordML.cell(signer, width: right)])], borders: false)
    }
}
