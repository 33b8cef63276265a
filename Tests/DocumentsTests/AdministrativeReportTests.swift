import Foundation
import Planning
import Testing
@testable import Documents

@Suite("Writing the administrative report (DOCX, Nghị định 30/2020)")
struct AdministrativeReportTests {
    static func sample(rows: [Table.Row]? = nil) -> AdministrativeReport {
        let table = Table(columns: [.init(title: "TT", widthMillimetres: 10, alignment: .center), .init(title: "Chỉ tiêu", widthMillimetres: 100, alignment: .left),
                                    .init(title: "Kết quả", widthMillimetres: 55, alignment: .center)],
                          rows: rows ?? [.init(cells: ["I. Phát triển nguồn lực"], isGroupHeading: true), .init(cells: ["1", "Tỷ lệ <hồ sơ> & bệnh án", "72,5 %"], isGroupHeading: false)])
        return AdministrativeReport(authority: "UBND tỉnh Ninh Bình", issuer: "Sở Y tế", number: "Số:      /BC-SYT", place: "Ninh Bình", date: Day(2027, 1, 5),
                                    title: "BÁO CÁO", subject: "Kết quả thực hiện các chỉ tiêu năm 2026", recipient: "Kính gửi: Ủy ban nhân dân tỉnh Ninh Bình.",
                                    sections: [Section(heading: "", blocks: [.paragraph("Thực hiện Kế hoạch …")]),
                                               Section(heading: "I. KẾT QUẢ", blocks: [.subheading("1. Chỉ tiêu"), .table(table), .bullet("Bệnh viện A: thiếu máy chủ")])],
                                    signature: Signature(mandate: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC", name: ""), distribution: ["- UBND tỉnh (để b/c);", "- Lưu: VT, QLKCB."])
    }

    @Test("the package has its parts and every part is well-formed XML")
    func parts() throws {
        let package = try PackageReading(try Self.sample().docx())
        for path in ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml", "word/styles.xml",
                     "word/settings.xml", "word/header1.xml", "word/header2.xml", "word/_rels/document.xml.rels"] {
            _ = try package.part(path)
        }
        #expect(package.allWellFormed() == [])
        #expect(try package.part("docProps/core.xml").contains("<dc:title>Kết quả thực hiện các chỉ tiêu năm 2026</dc:title>"))
    }

    @Test("A4, margins 20/20/30/15 mm, Times New Roman, page numbers on every page but the first")
    func page() throws {
        let package = try PackageReading(try Self.sample().docx())
        let document = try package.part("word/document.xml")
        #expect(document.contains(#"<w:pgSz w:w="11906" w:h="16838"/>"#))
        #expect(document.contains(#"<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701""#))
        #expect(document.contains("<w:titlePg/>") && document.contains(#"<w:headerReference w:type="first" r:id="rId11"/>"#))
        #expect(try package.part("word/header1.xml").contains("> PAGE <") && !(try package.part("word/header2.xml")).contains("PAGE"))
        let styles = try package.part("word/styles.xml")
        #expect(styles.contains(#"w:ascii="Times New Roman""#) && styles.contains(#"<w:lang w:val="vi-VN""#) && styles.contains(#"<w:sz w:val="28"/>"#))
        #expect(!document.contains("Arial") && !document.contains("Calibri"))
    }

    @Test("the header: issuing body upper case, the motto, the date with leading zeros in italics")
    func header() throws {
        let document = try PackageReading(try Self.sample().docx()).part("word/document.xml")
        #expect(document.contains(">UBND TỈNH NINH BÌNH<") && document.contains(">SỞ Y TẾ<") && document.contains(">Số:      /BC-SYT<"))
        #expect(document.contains(">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<") && document.contains(">Độc lập - Tự do - Hạnh phúc<"))
        let date = try #require(document.range(of: ">Ninh Bình, ngày 05 tháng 01 năm 2027<"))
        let run = document[document.index(date.lowerBound, offsetBy: -400)..<date.lowerBound]
        #expect(run.contains("<w:i/>"), "the date line is italic")
        #expect(Self.sample().placeAndDate == "Ninh Bình, ngày 05 tháng 01 năm 2027")
    }

    @Test("tables: header row repeated, a group row across every column, text escaped; signature block and recipients")
    func table() throws {
        let document = try PackageReading(try Self.sample().docx()).part("word/document.xml")
        #expect(document.contains("<w:tblHeader/>") && document.contains(#"<w:gridSpan w:val="3"/>"#))
        let group = try #require(document.range(of: ">I. Phát triển nguồn lực<"))
        let groupStart = try #require(document.range(of: "<w:tr>", options: .backwards, range: document.startIndex..<group.lowerBound))
        #expect(document[groupStart.lowerBound..<group.lowerBound].contains("<w:keepNext/>"), "a group's heading row stays with the row after it")
        let row = try #require(document.range(of: ">Tỷ lệ &lt;hồ sơ&gt; &amp; bệnh án<"))
        let rowStart = try #require(document.range(of: "<w:tr>", options: .backwards, range: document.startIndex..<row.lowerBound))
        #expect(!document[rowStart.lowerBound..<row.lowerBound].contains("<w:keepNext/>"))
        #expect(document.contains(">Tỷ lệ &lt;hồ sơ&gt; &amp; bệnh án<"))
        #expect(document.contains(">- Bệnh viện A: thiếu máy chủ<"))
        #expect(document.contains(">KT. GIÁM ĐỐC<") && document.contains(">PHÓ GIÁM ĐỐC<") && document.contains(">Nơi nhận:<") && document.contains(">- Lưu: VT, QLKCB.<"))
    }

    @Test("a table row with the wrong number of cells is refused with its row")
    func wrongRow() {
        #expect(throws: DocumentError.tableRowWidth(row: 2, expected: 3, found: 2)) {
            try Self.sample(rows: [.init(cells: ["1", "a", "b"], isGroupHeading: false), .init(cells: ["2", "a"], isGroupHeading: false)]).docx()
        }
    }
}
