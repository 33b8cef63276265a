import Foundation
import FuzzSupport
import Testing
@testable import Planning

/// The parsers of what people type and what files hold, over random and hostile text. Each returns a value that
/// makes sense or says no; none traps or takes long.
@Suite("Fuzzing the input parsers")
struct ParserFuzzTests {
    static let scale = ["Chưa có", "Có", "Ứng dụng một số", "Ứng dụng mạnh mẽ"]

    /// Runs `body` on random text and records what it reports, with the input's seed.
    static func fuzz(_ name: String, seed: UInt64, count: Int = 30_000, _ body: (String) -> String?) {
        let plan = FuzzPlan(seeds: [seed], count: count, budget: .seconds(10))
        print("fuzz \(name): seeds \(plan.seeds)")
        plan.run { input, g in
            let text = HostileText.random(using: &g)
            let (problem, duration) = timed { body(text) }
            if let problem { Issue.record("\(input): \(text.debugDescription): \(problem)") }
            if duration > .seconds(1) { Issue.record("\(input): \(text.debugDescription) took \(duration)") }
        }
    }

    @Test("target cells: a finite target, an ordered band, a level on the scale, or a failure")
    func targets() {
        Self.fuzz("TargetParser", seed: 0x7A26_0001) { text in
            switch TargetParser.parse(text, scale: Self.scale) {
            case .success(.atLeast(let x)), .success(.greaterThan(let x)), .success(.minimum(let x)): x.isFinite ? nil : "non-finite \(x)"
            case .success(.range(let low, let high)): low.isFinite && high.isFinite && low <= high ? nil : "band \(low)–\(high)"
            case .success(.level(let name, let rank)): Self.scale.indices.contains(rank) && Self.scale[rank] == name ? nil : "level \(name) \(rank)"
            case .success(.none), .failure: nil
            }
        }
    }

    @Test("days people type: a real day or none; every day reads back from how it is written")
    func days() {
        Self.fuzz("DayInput", seed: 0xDA70_0001) { text in
            guard let day = DayInput.parse(text) else { return nil }
            return (1...12).contains(day.month) && (1...Day.days(inMonth: day.month, year: day.year)).contains(day.day) ? nil : "not a day: \(day)"
        }
        let plan = FuzzPlan(seeds: [0xDA70_0002], count: 20_000, budget: .seconds(5))
        plan.run { input, g in
            let year = Int.random(in: 1000...9999, using: &g), month = Int.random(in: 1...12, using: &g)
            let day = Day(year, month, Int.random(in: 1...Day.days(inMonth: month, year: year), using: &g))
            if DayInput.parse(day.vietnamese) != day || DayInput.parse(day.iso) != day { Issue.record("\(input): \(day) does not read back") }
        }
    }

    @Test("sums of money: none, or whole đồng from 0 to the maximum")
    func amounts() {
        Self.fuzz("Amount", seed: 0xA407_0001) { text in
            guard let value = Amount.parse(text) else { return nil }
            return (0...Amount.maximum).contains(value) ? nil : "out of range: \(value)"
        }
    }

    @Test("period codes: a period of 1900–2999 that writes back as read, or malformed")
    func periods() {
        Self.fuzz("ReportingPeriod", seed: 0x9E10_0001) { text in
            guard let period = try? ReportingPeriod(code: text) else { return nil }
            guard (1900...2999).contains(period.year), let again = try? ReportingPeriod(code: period.code), again == period else { return "\(period)" }
            return nil
        }
        let plan = FuzzPlan(seeds: [0x9E10_0002], count: 20_000, budget: .seconds(5))
        plan.run { input, g in
            // Near misses: a year of any width, the month word in any case, any half digit, stray spaces.
            let year = ["2026", "1899", "1900", "2999", "3000", "0000", "-202", "+202", "20261", "２０２６", "9999"].randomElement(using: &g) ?? ""
            let code = year + (["NovS", "novs", "NOVS", "Nov", "NovS0", ""].randomElement(using: &g) ?? "") + (["1", "2", "3", "0", "-1", "", " "].randomElement(using: &g) ?? "")
            let padded = Bool.random(using: &g) ? " \(code) " : code
            guard let period = try? ReportingPeriod(code: padded) else { return }
            if !(1900...2999).contains(period.year) || padded.trimmingCharacters(in: .whitespaces) != period.code { Issue.record("\(input): \(padded.debugDescription) → \(period)") }
        }
    }

    /// That a number is finite is checked in `FormatterFuzzTests` (NumberInput is being made total by the lead).
    @Test("numbers people type: read or refused in both styles, without trapping, quickly")
    func numbers() {
        Self.fuzz("NumberInput", seed: 0x4E17_0001) { text in
            _ = NumberInput.parse(text, style: .vietnamese)
            _ = NumberInput.parse(text, style: .english)
            return nil
        }
    }
}
