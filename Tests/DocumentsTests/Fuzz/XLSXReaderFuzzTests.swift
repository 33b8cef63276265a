import Foundation
import FuzzSupport
import Planning
import Testing
@testable import Documents

/// The reader over mutated real workbooks. The property: every input returns or throws an `XLSXReadError` (a trap
/// would end the test run, printing the seed line above it), within the per-input bound; what it returns stays in
/// Excel's grid with finite numbers.
@Suite("Fuzzing the XLSX reader")
struct XLSXReaderFuzzTests {
    static let limits = XLSXReader.Limits(maxFileBytes: 2_000_000, maxUncompressedBytes: 10_000_000, maxCells: 100_000, maxDuration: .seconds(2))
    // Far above the reader's own 2 s budget, so a loaded machine does not fail it; a loop without a deadline check would.
    static let perInput = Duration.seconds(8)

    /// `FUZZ_DUMP=DIR` writes each input to DIR before reading it, to look at the one that trapped.
    static func dump(_ data: Data, _ input: FuzzInput) {
        guard let directory = ProcessInfo.processInfo.environment["FUZZ_DUMP"] else { return }
        try? data.write(to: URL(fileURLWithPath: directory).appendingPathComponent("\(input.seed)-\(input.index).xlsx"))
    }

    /// Reads one input and checks the property; returns a description of what broke it, or nil.
    static func check(_ data: Data) -> String? {
        let (outcome, duration) = timed { () -> Result<ReadWorkbook, XLSXReadError> in
            do throws(XLSXReadError) { return .success(try XLSXReader.read(data, limits: limits)) } catch { return .failure(error) }
        }
        if duration > perInput { return "took \(duration)" }
        guard case .success(let book) = outcome else { return nil }
        for sheet in book.sheets {
            for (address, value) in sheet.cells {
                guard (1...CellAddress.maximumRow).contains(address.row), (1...CellAddress.maximumColumn).contains(address.column) else {
                    return "cell outside the grid: \(address)"
                }
                if case .number(let n) = value, !n.isFinite { return "non-finite number at \(address.name)" }
                if case .date(let day) = value, !(1899...9999).contains(day.year) { return "date outside Excel's calendar at \(address.name): \(day)" }
            }
        }
        return nil
    }

    @Test("byte mutations of the zip: flips, inserts, deletes, truncations, splices")
    func bytes() throws {
        let corpus = try XLSXCorpus.all()
        let plan = FuzzPlan(seeds: [0x5EED_0001, 0x5EED_0002], count: 1_500, budget: .seconds(20))
        print("fuzz XLSX bytes: seeds \(plan.seeds), \(plan.count) inputs each")
        let ran = plan.run { input, g in
            let original = corpus[Int.random(in: 0..<corpus.count, using: &g)]
            let mutated = ByteMutation.mutate(original, others: corpus, rounds: Int.random(in: 1...4, using: &g), using: &g)
            Self.dump(mutated, input)
            if let problem = Self.check(mutated) { Issue.record("\(input): \(problem)") }
        }
        #expect(ran > 0)
    }

    @Test("XML mutations of the parts: hostile r, s, t and <v>, repeated and removed elements, deep nesting; re-zipped")
    func xml() throws {
        let corpus = try XLSXCorpus.all().map { try ZipPackage.parts(of: $0).mapValues { String(decoding: $0, as: UTF8.self) } }
        let plan = FuzzPlan(seeds: [0x5EED_0101, 0x5EED_0102], count: 600, budget: .seconds(20))
        print("fuzz XLSX XML: seeds \(plan.seeds), \(plan.count) inputs each")
        let ran = try plan.run { input, g in
            var parts = corpus[Int.random(in: 0..<corpus.count, using: &g)]
            let xmlParts = parts.keys.filter { $0.hasSuffix(".xml") || $0.hasSuffix(".rels") }.sorted()
            for _ in 0..<Int.random(in: 1...3, using: &g) {
                guard let path = xmlParts.randomElement(using: &g), let xml = parts[path] else { continue }
                parts[path] = XMLMutation.mutate(xml, using: &g)
            }
            let data = try ZipPackage.data(parts.sorted { $0.key < $1.key }.map { (path: $0.key, content: $0.value) })
            Self.dump(data, input)
            if let problem = Self.check(data) { Issue.record("\(input): \(problem)") }
        }
        #expect(ran > 0)
    }

    @Test("the unmutated corpus reads whole")
    func corpus() throws {
        for data in try XLSXCorpus.all() {
            let book = try XLSXReader.read(data, limits: Self.limits)
            #expect(book.sheet(named: "Báo cáo")?.value(row: 1, column: 1) != nil)
            #expect(Self.check(data) == nil)
        }
    }
}
