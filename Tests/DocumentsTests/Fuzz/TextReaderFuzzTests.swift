import Foundation
import FuzzSupport
import Planning
import Testing
@testable import Documents

/// The CSV reader and writer, the formula guard and Excel's serial days over random input.
@Suite("Fuzzing the CSV reader, the formula guard and Excel dates")
struct TextReaderFuzzTests {
    static func randomRows(using g: inout SplitMix64) -> [[String]] {
        (0..<Int.random(in: 1...6, using: &g)).map { _ in
            (0..<Int.random(in: 2...5, using: &g)).map { _ in HostileText.random(using: &g, pieces: 0...4) }
        }
    }

    @Test("random bytes and text: rows or a typed failure")
    func csvBytes() {
        let plan = FuzzPlan(seeds: [0xC5F0_0001], count: 20_000, budget: .seconds(10))
        print("fuzz CSV bytes: seeds \(plan.seeds)")
        let samples = [Data("dataElement,period,orgUnit,value\r\nCT01,2026NovS1,\"A \"\"B\"\"\",1\r\n".utf8), Data("\u{FEFF}a;b\n\"x\ny\";2\n".utf8)]
        plan.run { input, g in
            let data = Int.random(in: 0..<2, using: &g) == 0
                ? ByteMutation.mutate(samples[Int.random(in: 0..<samples.count, using: &g)], others: samples, rounds: 3, using: &g)
                : Data(HostileText.random(using: &g, pieces: 1...30).utf8)
            let (lines, duration) = timed { () -> [Int] in
                do { return try CSVReader.rows(data).map(\.line) } catch { return [] }
            }
            if duration > .seconds(1) { Issue.record("\(input): took \(duration)") }
            if lines.contains(where: { $0 < 1 }) || lines != lines.sorted() { Issue.record("\(input): line numbers \(lines)") }
        }
    }

    @Test("what the CSV writer writes, the reader reads back; the formula guard's quote comes off again")
    func csvRoundTrip() throws {
        let plan = FuzzPlan(seeds: [0xC5F0_0101], count: 5_000, budget: .seconds(10))
        print("fuzz CSV round trip: seeds \(plan.seeds)")
        try plan.run { input, g in
            let header = ["dataElement", "period", "orgUnit", "value", "comment"]
            let rows = [header] + Self.randomRows(using: &g)
            let separator: Character = Bool.random(using: &g) ? "," : ";"
            let read = try CSVReader.rows(CSVWriter.data(rows, separator: separator)).map { $0.fields.map(FormulaGuard.restored) }
            let expected = rows.filter { !($0.count == 1 && $0[0].trimmingCharacters(in: .whitespaces).isEmpty) }
            if read != expected { Issue.record("\(input): wrote \(rows.map { $0.map(\.debugDescription) }), read \(read.map { $0.map(\.debugDescription) })") }
        }
    }

    @Test("the formula guard: what it writes never starts a formula, and it comes off exactly")
    func formulaGuard() {
        let plan = FuzzPlan(seeds: [0xF0F0_0001], count: 50_000, budget: .seconds(10))
        print("fuzz formula guard: seeds \(plan.seeds)")
        plan.run { input, g in
            let text = (Bool.random(using: &g) ? ["=", "+", "-", "@", "\t", "\r", "'", "''"].randomElement(using: &g) ?? "" : "") + HostileText.random(using: &g)
            let written = FormulaGuard.neutralised(text)
            if FormulaGuard.isRisky(written) { Issue.record("\(input): \(text.debugDescription) is written as a formula") }
            if FormulaGuard.restored(written) != text { Issue.record("\(input): \(text.debugDescription) comes back as \(FormulaGuard.restored(written).debugDescription)") }
        }
    }

    @Test("Excel dates: any double is a day in 1899–9999 or none; whole serials from 61 on go both ways")
    func excelDates() {
        let plan = FuzzPlan(seeds: [0xDA7E_0001], count: 200_000, budget: .seconds(10))
        print("fuzz Excel dates: seeds \(plan.seeds)")
        let specials: [Double] = [.nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, -0.0,
                                  Double(Int.max), Double(Int.min), 2_958_465, 2_958_466, 60, 61]
        plan.run { input, g in
            let serial: Double = switch Int.random(in: 0..<4, using: &g) {
            case 0: specials.randomElement(using: &g) ?? 0
            case 1: Double(bitPattern: g.next())
            case 2: Double.random(in: -1e6...3e6, using: &g)
            default: Double(Int.random(in: 61...ExcelDate.lastSerial, using: &g))
            }
            let system1904 = Bool.random(using: &g)
            guard let day = ExcelDate.day(serial: serial, date1904: system1904) else { return }
            if !(1899...9999).contains(day.year) || !(1...12).contains(day.month) || !(1...Day.days(inMonth: day.month, year: day.year)).contains(day.day) {
                Issue.record("\(input): \(serial) → \(day)")
            }
            if !system1904, serial >= 61, ExcelDate.serial(day) != Int(serial.rounded(.down)) { Issue.record("\(input): \(serial) → \(day) → \(ExcelDate.serial(day))") }
        }
    }
}
