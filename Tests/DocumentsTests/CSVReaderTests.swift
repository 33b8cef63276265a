import Foundation
import Testing
@testable import Documents

private func rows(_ text: String) throws -> [(line: Int, fields: [String])] {
    try CSVReader.rows(Data(text.utf8))
}

/// Rows as comparable values: line and fields.
private func table(_ text: String) throws -> [[String]] {
    try rows(text).map { [String($0.line)] + $0.fields }
}

@Suite("Reading CSV files")
struct CSVReaderTests {
    @Test("LF, CRLF and lone CR line endings give the same rows", arguments: [
        "code,name\nA,Một\nB,Hai\n",
        "code,name\r\nA,Một\r\nB,Hai\r\n",
        "code,name\rA,Một\rB,Hai\r",
        "code,name\nA,Một\r\nB,Hai",
    ])
    func lineEndings(text: String) throws {
        #expect(try table(text) == [["1", "code", "name"], ["2", "A", "Một"], ["3", "B", "Hai"]])
    }

    @Test("a trailing newline adds no row")
    func trailingNewline() throws {
        #expect(try table("a,b\n1,2") == [["1", "a", "b"], ["2", "1", "2"]])
        #expect(try table("a,b\n1,2\n") == [["1", "a", "b"], ["2", "1", "2"]])
        #expect(try table("a,b\r\n1,2\r\n") == [["1", "a", "b"], ["2", "1", "2"]])
    }

    @Test("a UTF-8 byte order mark is dropped")
    func byteOrderMark() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("code,name\nA,B\n".utf8)
        let result = try CSVReader.rows(data)
        #expect(result.first?.fields == ["code", "name"])
        #expect(result.first?.fields.first?.unicodeScalars.first == "c")
    }

    @Test("quoted fields keep commas and doubled quotes")
    func quoting() throws {
        let text = #"code,name,note"# + "\n" + #"A,"Bệnh viện, tỉnh","Gọi là ""BV A""""# + "\n" + #"B,"",x"#
        #expect(try table(text) == [
            ["1", "code", "name", "note"],
            ["2", "A", "Bệnh viện, tỉnh", #"Gọi là "BV A""#],
            ["3", "B", "", "x"],
        ])
    }

    @Test("a field that is only an escaped quote")
    func onlyQuote() throws {
        #expect(try table(#"a,"""",b"#) == [["1", "a", "\"", "b"]])
    }

    @Test("a quote inside an unquoted field is kept as it is")
    func bareQuote() throws {
        #expect(try table(#"a,5"x,b"#) == [["1", "a", #"5"x"#, "b"]])
    }

    @Test("newlines inside quotes stay in the field and later rows keep their line numbers")
    func newlinesInQuotes() throws {
        let text = "code,name\nA,\"Dòng một\nDòng hai\nDòng ba\"\nB,Hai\r\nC,\"x\r\ny\"\nD,Bốn\n"
        let result = try rows(text)
        #expect(result.map(\.line) == [1, 2, 5, 6, 8])
        #expect(result[1].fields == ["A", "Dòng một\nDòng hai\nDòng ba"])
        #expect(result[2].fields == ["B", "Hai"])
        #expect(result[3].fields == ["C", "x\r\ny"])
        #expect(result[4].fields == ["D", "Bốn"])
    }

    @Test("blank lines are skipped, and counted in line numbers")
    func blankLines() throws {
        #expect(try table("\na,b\n\n  \n1,2\r\n\r\n3,4\n\n") == [["2", "a", "b"], ["5", "1", "2"], ["7", "3", "4"]])
    }

    @Test("a line of empty fields, or one quoted empty field, is a row")
    func emptyFields() throws {
        #expect(try table("a,b\n,\n\"\"\n") == [["1", "a", "b"], ["2", "", ""], ["3", ""]])
    }

    @Test("semicolons delimit when the header is written with them (vi-VN Excel)")
    func semicolons() throws {
        let text = "code;name;medical\nA;Bệnh viện, tỉnh;có\nB;\"x;y\";không\n"
        #expect(try table(text) == [
            ["1", "code", "name", "medical"],
            ["2", "A", "Bệnh viện, tỉnh", "có"],
            ["3", "B", "x;y", "không"],
        ])
    }

    @Test("commas delimit when the header has them", arguments: ["code,name\nA;B,C\n", "code,na;me\nA;B,C\n"])
    func commasWin(text: String) throws {
        #expect(try rows(text)[1].fields == ["A;B", "C"])
    }

    @Test("a comma in a header name does not override the semicolons around it", arguments: [
        "code;\"Tên, viết tắt\";kind\nA;BV A;provincialHospital\n",
        "code;Tên, viết tắt;kind\nA;BV A;provincialHospital\n",
        "\n\ncode;\"Tên, viết tắt\";kind\nA;BV A;provincialHospital\n",
    ])
    func commaInSemicolonHeader(text: String) throws {
        let result = try rows(text)
        #expect(result.map(\.fields) == [["code", "Tên, viết tắt", "kind"], ["A", "BV A", "provincialHospital"]])
    }

    @Test("an unterminated quote fails with the line it starts on", arguments: [
        ("a,b\n1,\"open\n2,3\n", 2),
        ("\"never closed", 1),
        ("a,b\n\n\n1,2\n3,\"x", 5),
        ("a,b\n\"x\ny\",2\n3,\"z", 4),
    ])
    func unterminatedQuote(text: String, line: Int) {
        #expect(throws: CSVReader.Failure.unterminatedQuote(line: line)) { try rows(text) }
    }

    @Test("invalid UTF-8 is refused", arguments: [
        Data([0x61, 0x2C, 0xC3, 0x28]),
        Data([0xFF, 0xFE, 0x41, 0x00]),
        Data("Mã,Tên\n".utf8) + Data([0xE1, 0xBB]),
    ])
    func notUTF8(data: Data) {
        #expect(throws: CSVReader.Failure.notUTF8) { try CSVReader.rows(data) }
    }

    @Test("Vietnamese text is kept exactly, precomposed or decomposed")
    func vietnamese() throws {
        let decomposed = "Y te\u{0302}\u{0301}" // "Y tế" with combining marks
        let text = "tên,ghi chú\nTrung tâm Kiểm soát bệnh tật,Ứng dụng mạnh mẽ\n\(decomposed),đ Đ ư Ư ơ Ơ\n"
        let result = try rows(text)
        #expect(result[0].fields == ["tên", "ghi chú"])
        #expect(result[1].fields == ["Trung tâm Kiểm soát bệnh tật", "Ứng dụng mạnh mẽ"])
        #expect(result[2].fields[0].unicodeScalars.elementsEqual(decomposed.unicodeScalars))
        #expect(result[2].fields[1] == "đ Đ ư Ư ơ Ơ")
    }

    @Test("spaces around fields are kept; trimming is the caller's choice")
    func spaces() throws {
        #expect(try table(" a , b \n") == [["1", " a ", " b "]])
    }

    @Test("an empty file has no rows", arguments: ["", "\n", "\r\n\r\n", "\u{FEFF}"])
    func empty(text: String) throws {
        #expect(try rows(text).isEmpty)
    }
}
