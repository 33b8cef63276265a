import Foundation
import FuzzSupport
import Testing
@testable import Planning

/// The number formatters over every kind of double, and what they write read back by the input parsers: every one is
/// total (issue 16), so none of these may trap.
@Suite("Fuzzing the number formatters")
struct FormatterFuzzTests {
    static func randomDouble(using g: inout SplitMix64) -> Double {
        let specials: [Double] = [.nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
                                  -0.0, 0, 1e15, -1e15, 1e15 - 1, 9.2e18, -9.3e18, 1e300, 0.005, 0.015, 2.675, 999.995]
        switch Int.random(in: 0..<4, using: &g) {
        case 0: return specials.randomElement(using: &g) ?? 0
        case 1: return Double(bitPattern: g.next())
        case 2: return Double.random(in: -1e6...1e6, using: &g)
        default: return Double(Int.random(in: -1_000_000_000...1_000_000_000, using: &g)) / 100
        }
    }

    @Test("format and percent give text for any double; a finite one within 10^15 reads back within the rounding")
    func format() {
        let plan = FuzzPlan(seeds: [0xF024_0001], count: 50_000, budget: .seconds(10))
        print("fuzz NumberStyle.format: seeds \(plan.seeds)")
        plan.run { input, g in
            let value = Self.randomDouble(using: &g)
            let decimals = Int.random(in: 0...4, using: &g)
            for style in [NumberStyle.vietnamese, .english] {
                let text = style.format(value, maxDecimals: decimals)
                _ = style.percent(value)
                guard value.isFinite, abs(value) < 1e15 else { continue }
                guard let back = NumberInput.parse(text, style: style) else { Issue.record("\(input): \(value) → \(text.debugDescription) does not read back"); continue }
                if abs(back - value) > pow(10, -Double(decimals)) / 2 + abs(value) * 1e-12 { Issue.record("\(input): \(value) → \(text) → \(back)") }
            }
        }
    }

    @Test("plain writes any double, and a finite one reads back exactly")
    func plain() {
        let plan = FuzzPlan(seeds: [0xF024_0002], count: 50_000, budget: .seconds(10))
        print("fuzz NumberStyle.plain: seeds \(plan.seeds)")
        plan.run { input, g in
            let value = Self.randomDouble(using: &g)
            let text = NumberStyle.plain(value)
            if value.isFinite, Double(text) != value { Issue.record("\(input): \(value) → \(text)") }
        }
    }

    @Test("amounts of money written with separators read back exactly")
    func amounts() {
        let plan = FuzzPlan(seeds: [0xF024_0003], count: 50_000, budget: .seconds(10))
        print("fuzz NumberStyle.amount: seeds \(plan.seeds)")
        plan.run { input, g in
            let value = Int64.random(in: 0...Amount.maximum, using: &g)
            for style in [NumberStyle.vietnamese, .english] where Amount.parse(style.amount(value)) != value {
                Issue.record("\(input): \(value) → \(style.amount(value))")
            }
        }
    }

    @Test("numbers people type are none or finite, in both styles")
    func numberInputIsFinite() {
        let plan = FuzzPlan(seeds: [0xF024_0004], count: 30_000, budget: .seconds(10))
        print("fuzz NumberInput finiteness: seeds \(plan.seeds)")
        plan.run { input, g in
            let text = HostileText.random(using: &g)
            for style in [NumberStyle.vietnamese, .english] {
                if let value = NumberInput.parse(text, style: style), !value.isFinite { Issue.record("\(input): \(text.debugDescription) → \(value)") }
            }
        }
    }

    @Test("a run of digits past Double's range is not a number")
    func hugeDigits() {
        for style in [NumberStyle.vietnamese, .english] {
            #expect(NumberInput.parse(String(repeating: "9", count: 400), style: style) == nil)
        }
    }
}
