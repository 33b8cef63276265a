import Foundation
import Testing
@testable import App

extension AppTests {
    @Suite("Streaming readers of DHIS2 JSON and CSV") struct StreamingReaderTests {
        /// Every value of `json`, read in chunks of `size` bytes (a chunk boundary then falls inside every kind of token).
        static func read(_ json: String, chunk size: Int) throws -> (values: [ValueImport.Incoming], header: DataValueSetStream.Header?) {
            let source = ValueSource.json(ByteSource.chunks(Array(json.utf8), size: size))
            try source.start()
            var values: [ValueImport.Incoming] = []
            while let value = try source.next() { values.append(value) }
            return (values, source.header)
        }

        static func csv(_ text: String, chunk size: Int) throws -> [ValueImport.Incoming] {
            let source = ValueSource.csv(ByteSource.chunks(Array(text.utf8), size: size))
            try source.start()
            var values: [ValueImport.Incoming] = []
            while let value = try source.next() { values.append(value) }
            return values
        }

        static func message(_ json: String) -> String {
            do { _ = try read(json, chunk: 7); return "" } catch let error as ExchangeError { return error.message(.vietnamese) } catch { return "\(error)" }
        }

        struct Case: Sendable, CustomTestStringConvertible {
            let name: String
            let json: String
            let expected: [String]
            var testDescription: String { name }
        }

        static let cases: [Case] = [
            Case(name: "escapes", json: #"{"dataValues":[{"dataElement":"CT05","value":"a\"b\\c\/d\n\t","comment":"x\u0041\u00e1"}]}"#,
                 expected: ["CT05|a\"b\\c/d\n\t|xAá"]),
            Case(name: "unicode as written and as a surrogate pair",
                 json: #"{"dataValues":[{"dataElement":"CT05","value":"Bệnh viện","comment":"\ud83d\ude00 ứng dụng"}]}"#,
                 expected: ["CT05|Bệnh viện|😀 ứng dụng"]),
            Case(name: "numbers as strings stay as written; numbers as numbers are read as DHIS2 writes them",
                 json: #"{"dataValues":[{"dataElement":"A","value":"12.50"},{"dataElement":"B","value":12.50},{"dataElement":"C","value":-3},{"dataElement":"D","value":1e3},{"dataElement":"E","value":true},{"dataElement":"F","value":null}]}"#,
                 expected: ["A|12.50|", "B|12.5|", "C|-3|", "D|1000|", "E|true|", "F||"]),
            Case(name: "nested unknown members are skipped, wherever they are",
                 json: #"{"meta":{"a":[1,{"b":[[]],"c":"}]"}],"d":null},"dataValues":[{"x":{"y":[1,2,{"z":"]"}]},"dataElement":"CT05","value":"1","followup":false,"w":[]}],"tail":[{"q":1}]}"#,
                 expected: ["CT05|1|"]),
            Case(name: "blanks everywhere, an empty object member", json: " \n{ \"dataValues\" :\r\n [ { \"dataElement\" : \"CT05\" , \"value\" : \"2\" , \"e\" : { } } ] }\n ",
                 expected: ["CT05|2|"]),
        ]

        @Test("values read the same in any chunk size", arguments: cases)
        func table(_ test: Case) throws {
            for size in [1, 2, 3, 7, 64, 1 << 20] {
                let read = try Self.read(test.json, chunk: size).values.map { "\($0.dataElement)|\($0.value ?? "")|\($0.comment ?? "")" }
                #expect(read == test.expected, "chunk \(size)")
            }
        }

        @Test("the set's period and orgUnit apply to values without them; positions count the values")
        func header() throws {
            // setup
            let json = #"{"dataSet":"KH","period":"2026NovS1","orgUnit":"A","completeDate":"2026-05-01","dataValues":[{"dataElement":"CT05","value":"1"},{"dataElement":"CT06","orgUnit":"B","period":"2026NovS2","value":"2"}]}"#
            // act
            let (values, header) = try Self.read(json, chunk: 5)
            // validate
            #expect(header == .init(dataSet: "KH", period: "2026NovS1", orgUnit: "A", completeDate: "2026-05-01"))
            #expect(values.map { "\($0.position) \($0.period ?? "") \($0.orgUnit ?? "")" } == ["dataValues[0] 2026NovS1 A", "dataValues[1] 2026NovS2 B"])
        }

        @Test("members after the values are noticed, so that the import reads the set again knowing them")
        func headerAfterValues() throws {
            // setup
            let source = ValueSource.json(ByteSource.chunks(Array(#"{"dataValues":[{"dataElement":"CT05","value":"1"}],"period":"2026NovS1","orgUnit":"A"}"#.utf8), size: 4))
            // act
            try source.start()
            let first = try source.next()
            #expect(try source.next() == nil)
            let again = try source.reopenedKnowingHeader()
            try again.start()
            let reread = try again.next()
            // validate
            #expect(first?.period == nil && source.mustRestart)
            #expect(reread?.period == "2026NovS1" && reread?.orgUnit == "A" && !again.mustRestart)
        }

        @Test("broken input is refused with what was expected and where (line, column)", arguments: [
            (#"{"dataValues":[{"dataElement":"CT05","#, "tệp dừng giữa chừng ở dòng 1, cột 38"),
            ("{\"dataValues\":[\n{\"dataElement\":\"CT05\",\n\"value\":\"1\"}\n", "tệp dừng giữa chừng ở dòng 4, cột 1"),
            (#"{"dataValues":[{"dataElement":"CT05" "value":"1"}]}"#, "cần «, }» ở dòng 1, cột 38"),
            (#"{"dataValues":[{"dataElement":"CT\x05"}]}"#, "cần «escape» ở dòng 1, cột 35"),
            (#"{"dataValues":[{"dataElement":"CT05","value":tru}]}"#, "cần «value» ở dòng 1, cột"),
            (#"{"dataValues":[{"dataElement":"CT05"}]} x"#, "cần «end» ở dòng 1, cột 41"),
            (#"{"dataValues":[{"dataElement":"CT05","value":"\ud83d"}]}"#, "cần «\\u»"),
            (#"{"dataValues":[{"value":"1"}]}"#, "thiếu «dataElement» ở dataValues[0]"),
            (#"{"dataValues":[{"dataElement":5}]}"#, "sai kiểu ở dataValues[0].dataElement"),
            (#"{"dataValues":[{"dataElement":"CT05","value":{"a":1}}]}"#, "giá trị không đọc được ở dataValues[0].value"),
            (#"{"period":"2026NovS1"}"#, "thiếu «dataValues»"),
            (#"{"dataValues":{}}"#, "sai kiểu ở dataValues"),
            (#"[1,2]"#, "cần «{» ở dòng 1, cột 1"),
        ])
        func broken(_ json: String, _ expected: String) {
            let message = Self.message(json)
            #expect(message.contains(expected), "\(message)")
        }

        @Test("CSV rows read the same in any chunk size: quotes, commas and line ends inside quotes, CRLF, BOM, semicolons")
        func csvTable() throws {
            // setup
            let text = "\u{FEFF}dataelement;period;orgunit;categoryoptioncombo;attributeoptioncombo;value;storedby;lastupdated;comment\r\n"
                + "CT05;2026NovS1;A;;;\"1\";;;\"có; dấu \"\"chấm phẩy\"\"\nhai dòng\"\r\n\r\n"
                + "CT01;2026NovS1;A;NUM;;40;;;\n"
            // act, validate
            for size in [1, 2, 5, 1 << 20] {
                let values = try Self.csv(text, chunk: size)
                #expect(values.map { "\($0.position)|\($0.dataElement)|\($0.categoryOptionCombo ?? "")|\($0.value ?? "")|\($0.comment ?? "")" }
                        == ["dòng 2|CT05||1|có; dấu \"chấm phẩy\"\nhai dòng", "dòng 5|CT01|NUM|40|"], "chunk \(size)")
            }
        }

        @Test("a CSV quote that never closes names the line it opens on")
        func csvUnterminated() throws {
            let text = "CT05,2026NovS1,A,,,1\nCT06,2026NovS1,A,,,\"2\n"
            do {
                _ = try Self.csv(text, chunk: 3)
                Issue.record("read without an error")
            } catch let error as ExchangeError {
                #expect(error.message(.vietnamese) == ExchangeError.malformedCSV(line: 2).message(.vietnamese))
            }
        }
    }
}
