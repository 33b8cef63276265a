import Fluent
import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

extension AppTests {
    /// Mutation fuzzing of the DHIS2 import (JSON and CSV) through HTTP on a real database: seeded, bounded by count and
    /// time. Whatever the body, the answer is never a 5xx, the server keeps answering, and a refused import writes nothing.
    /// `FUZZ_SEED` and `FUZZ_COUNT` replay or widen a run; a failure names its seed and case.
    @Suite("DHIS2 import fuzzing") struct DataValueSetFuzzTests {
        static let seed = ProcessInfo.processInfo.environment["FUZZ_SEED"].flatMap(UInt64.init) ?? 0x16_2026
        static let count = ProcessInfo.processInfo.environment["FUZZ_COUNT"].flatMap(Int.init).map { min(max($0, 1), 5000) } ?? 160
        static let budget: Duration = .seconds(25)

        /// Values that have stopped or could stop a server: out of every domain, not numbers, odd text.
        static let hostileValues = ["1e307", "1.7e308", "-1.7e308", "1e400", "NaN", "nan", "Infinity", "-0", "0x10", "9223372036854775808",
                                    "1" + String(repeating: "0", count: 400), "", " ", "true", "1,5", "１２", "\u{0}", "\u{85}", "\u{202E}1",
                                    String(repeating: "9", count: 5000), "≥ 1", "CT05", "'; DROP TABLE report_values; --"]
        static let hostileTokens = ["null", "[]", "{}", "true", "-1e308", "\"\"", "\"2026NovS9\"", "\"9999NovS1\"", "\"MAU-BVDK-B\"", "\"SYT\"",
                                    "\"CT01.NUM\"", "\"CT01.DEN\"", "\"CT99\"", "\"default\"", "123456789012345678901234567890"]

        struct Generator: RandomNumberGenerator {
            var state: UInt64
            mutating func next() -> UInt64 {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return z ^ (z >> 31)
            }
        }

        /// One mutation of a valid body: a hostile value in place of a value, a token in place of a JSON value, bytes
        /// flipped, cut, doubled or dropped.
        static func mutate(_ body: String, _ random: inout Generator) -> String {
            var text = body
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                switch Int.random(in: 0..<6, using: &random) {
                case 0:
                    let value = hostileValues.randomElement(using: &random) ?? ""
                    text = text.replacingOccurrences(of: #""value":"2""#, with: #""value":"\#(value.replacingOccurrences(of: "\"", with: "\\\""))""#)
                    text = text.replacingOccurrences(of: ",,,2\n", with: ",,,\(value.replacingOccurrences(of: "\n", with: " "))\n")
                case 1:
                    let token = hostileTokens.randomElement(using: &random) ?? "null"
                    let keys = ["\"period\":", "\"orgUnit\":", "\"dataElement\":", "\"value\":", "\"dataValues\":", "\"dataSet\":", "\"comment\":"]
                    guard let key = keys.randomElement(using: &random), let range = text.range(of: key) else { continue }
                    let rest = text[range.upperBound...]
                    let end = rest.firstIndex { $0 == "," || $0 == "}" } ?? text.endIndex
                    text.replaceSubrange(range.upperBound..<end, with: token)
                default:
                    var bytes = Array(text.utf8)
                    guard !bytes.isEmpty else { continue }
                    let at = Int.random(in: 0..<bytes.count, using: &random)
                    switch Int.random(in: 0..<4, using: &random) {
                    case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
                    case 1: bytes.removeSubrange(at...)
                    case 2: bytes.insert(contentsOf: bytes[at...].prefix(64), at: at)
                    default: bytes.remove(at: at)
                    }
                    text = String(decoding: bytes, as: UTF8.self)
                }
            }
            return text
        }

        @Test("mutated JSON and CSV imports: never a 5xx, the server keeps answering, a refused import writes nothing")
        func mutations() async throws {
            try await withApp { app in
                let (period, _, _) = try await DataValueSetTests.world(app)
                let json = DataValueSetTests.set(period, [("CT05", "MAU-BVDK-A", "2"), ("CT01.NUM", "MAU-BVDK-A", "2"), ("CT01.DEN", "MAU-BVDK-A", "5")])
                let csv = "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\nCT05,\(period),MAU-BVDK-A,,,2\nCT06,\(period),MAU-BVDK-A,,,2\n"
                var random = Generator(state: Self.seed)
                let started = ContinuousClock.now
                var ran = 0
                for index in 0..<Self.count where ContinuousClock.now - started < Self.budget {
                    let isCSV = index % 3 == 2
                    let body = Self.mutate(isCSV ? csv : json, &random)
                    let before = try await DataValueSetTests.storedValues(app)
                    let res = try await DataValueSetTests.post(app, body, query: index % 5 == 0 ? "?dryRun=true" : "",
                                                               contentType: isCSV ? HTTPMediaType(type: "text", subType: "csv") : .json)
                    let label = "seed \(Self.seed) case \(index): \(body.prefix(300))"
                    #expect(res.status.code < 500, "\(res.status) \(res.body.string.prefix(300)) — \(label)")
                    if res.status != .ok || index % 5 == 0 {
                        #expect(try await DataValueSetTests.storedValues(app) == before, "a refused or dry-run import wrote values — \(label)")
                    }
                    let stored = try await ReportValueRecord.query(on: app.db).all()
                    #expect(stored.allSatisfy { !$0.isOutOfDomain }, "an out-of-domain value was stored — \(label)")
                    ran += 1
                }
                #expect(ran >= min(Self.count, 20), "the budget allowed only \(ran) cases")
                #expect(try await app.get("/health", as: nil).status == .ok)
            }
        }
    }
}
