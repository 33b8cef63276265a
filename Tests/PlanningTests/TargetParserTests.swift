import Testing
@testable import Planning

/// CT10's scale: "Có" in 2025–2030, "Ứng dụng mạnh mẽ" from 2035.
private let aiScale = ["Chưa có", "Có", "Ứng dụng một số", "Ứng dụng mạnh mẽ"]

@Suite("Target cells as Appendix I writes them")
struct TargetParserTests {
    @Test("number forms of a cell", arguments: [
        // ≥ with and without a space, as rows 5, 6, 8 write it
        ("≥ 40", Target.atLeast(40)),
        ("≥1", .atLeast(1)),
        ("≥100", .atLeast(100)),
        ("≥ 200", .atLeast(200)),
        (">= 5", .atLeast(5)),
        // > is strictly more than (row 29)
        (">80", .greaterThan(80)),
        ("> 80", .greaterThan(80)),
        // a bare number is a minimum
        ("100", .minimum(100)),
        ("95", .minimum(95)),
        ("0", .minimum(0)),
        // a band (row 4), with a hyphen or an en dash, spaced or not
        ("80-90", .range(low: 80, high: 90)),
        ("80 - 90", .range(low: 80, high: 90)),
        ("80–90", .range(low: 80, high: 90)),
        ("90-90", .range(low: 90, high: 90)),
        // no target
        ("-", .none),
        ("–", .none),
        ("—", .none), // as NumberStyle.describe writes "no target"
        ("", .none),
        ("   ", .none),
        ("\n", .none),
        (" - ", .none),
    ])
    func numberForms(text: String, expected: Target) {
        #expect(TargetParser.parse(text) == .success(expected))
    }

    @Test("whitespace and line breaks inside a cell are ignored", arguments: [
        ("≥\n40", Target.atLeast(40)),
        ("  ≥   40 \n", .atLeast(40)),
        ("\t>\t80", .greaterThan(80)),
        ("\n100\n", .minimum(100)),
        ("80\n-\n90", .range(low: 80, high: 90)),
        ("≥\u{00A0}90", .atLeast(90)),
    ])
    func whitespace(text: String, expected: Target) {
        #expect(TargetParser.parse(text) == .success(expected))
    }

    @Test("Vietnamese decimal comma is read as a decimal point", arguments: [
        ("1,5", Target.minimum(1.5)),
        ("≥ 1,5", .atLeast(1.5)),
        ("> 0,5", .greaterThan(0.5)),
        ("2,5-7,5", .range(low: 2.5, high: 7.5)),
        ("12.5", .minimum(12.5)),
    ])
    func decimalComma(text: String, expected: Target) {
        #expect(TargetParser.parse(text) == .success(expected))
    }

    @Test("a number cell stays a number on a level indicator")
    func numberOnLevelIndicator() {
        #expect(TargetParser.parse("100", scale: aiScale) == .success(.minimum(100)))
        #expect(TargetParser.parse("-", scale: aiScale) == .success(.none))
    }

    @Test("level text matches the scale case-insensitively, ignoring spacing and a final full stop", arguments: [
        ("Có", "Có", 1),
        ("có", "Có", 1),
        ("CÓ.", "Có", 1),
        ("Có .", "Có", 1),
        ("Chưa có", "Chưa có", 0),
        ("ứng dụng một số", "Ứng dụng một số", 2),
        ("  Ứng dụng   mạnh mẽ. ", "Ứng dụng mạnh mẽ", 3),
        ("Ứng\ndụng\nmạnh mẽ", "Ứng dụng mạnh mẽ", 3),
        ("Ứng dụng mạnh mẽ..", "Ứng dụng mạnh mẽ", 3),
    ])
    func levelText(text: String, name: String, rank: Int) {
        #expect(TargetParser.parse(text, scale: aiScale) == .success(.level(name, rank: rank)))
    }

    @Test("decomposed Vietnamese letters match the precomposed scale")
    func decomposedText() {
        let decomposed = "C\u{006F}\u{0301}" // "Có" as o + combining acute
        #expect(TargetParser.parse(decomposed, scale: aiScale) == .success(.level("Có", rank: 1)))
    }

    @Test("CT11's 2045 cell, split one word per line in the PDF, is its top level")
    func splitCell() {
        let scale = ["Chưa ứng dụng", "Ứng dụng một số CN", "Ứng dụng mạnh mẽ một số CN"]
        let cell = "Ứng\ndụng\nmạnh\nmẽ một\nsố CN"
        #expect(TargetParser.parse(cell, scale: scale) == .success(.level("Ứng dụng mạnh mẽ một số CN", rank: 2)))
    }

    @Test("CT37's cell with its final full stop is the scale's top level")
    func finalFullStop() {
        let scale = ["Chưa triển khai", "Đang xây dựng", "Hoàn thiện, đưa vào sử dụng thực tế"]
        let cell = "Hoàn \nthiện, đưa \nvào sử \ndụng thực \ntế."
        #expect(TargetParser.parse(cell, scale: scale)
            == .success(.level("Hoàn thiện, đưa vào sử dụng thực tế", rank: 2)))
    }

    @Test("text that is neither a number form nor on the scale fails", arguments: [
        ("Ứng dụng rất mạnh", aiScale),
        ("nhiều", []),
        ("Có", []),
        ("≥", []),
        ("≥ 40%", []),
        ("≥ x", []),
        ("1,2,3", []),
        ("80-90-100", []),
        ("-5", []),
        ("= 80", []),
    ])
    func unknownText(text: String, scale: [String]) {
        let expected = Text.collapsingWhitespace(text)
        #expect(TargetParser.parse(text, scale: scale) == .failure(.unknownLevel(expected, scale: scale)))
    }

    @Test("a band whose low end is above its high end fails", arguments: [
        ("90-80", "90-80"),
        ("90 - 80", "90 - 80"),
        ("90\n-\n80", "90 - 80"),
        ("7,5-2,5", "7,5-2,5"),
    ])
    func invertedRange(text: String, reported: String) {
        #expect(TargetParser.parse(text) == .failure(.invalidRange(reported)))
    }

    @Test("whitespace collapses to single spaces")
    func collapsing() {
        #expect(Text.collapsingWhitespace("  Phòng Bảo hiểm \nY tế\t ") == "Phòng Bảo hiểm Y tế")
        #expect(Text.collapsingWhitespace(" \n ") == "")
    }

    @Test("level rank is nil off the scale", arguments: ["", "Có thể", "Chưa", "Ứng dụng"])
    func rankOffScale(text: String) {
        #expect(LevelScale.rank(of: text, in: aiScale) == nil)
    }
}

@Suite("What a target exposes")
struct TargetPropertyTests {
    static let forms: [(Target, TargetKind, threshold: Double?, value: Double?, low: Double?, high: Double?)] = [
        (.atLeast(40), .atLeast, 40, 40, nil, nil),
        (.greaterThan(80), .greaterThan, 80, 80, nil, nil),
        (.minimum(100), .minimum, 100, 100, nil, nil),
        (.range(low: 80, high: 90), .range, 80, nil, 80, 90),
        (.none, .none, nil, nil, nil, nil),
        (.level("Có", rank: 1), .level, nil, nil, nil, nil),
    ]

    @Test("kind, threshold, value and band edges of each target form", arguments: forms)
    func properties(target: Target, kind: TargetKind, threshold: Double?, value: Double?, low: Double?, high: Double?) {
        #expect(target.kind == kind)
        #expect(target.threshold == threshold)
        #expect(target.value == value)
        #expect(target.low == low)
        #expect(target.high == high)
    }

    @Test("only a level target has a level name")
    func levelName() {
        #expect(Target.level("Có", rank: 1).levelName == "Có")
        #expect(Target.atLeast(1).levelName == nil)
        #expect(Target.none.levelName == nil)
    }

    @Test("target kinds have the wire names the plan file uses")
    func wireNames() {
        #expect(TargetKind.allCases.map(\.rawValue) == ["atLeast", "greaterThan", "minimum", "range", "none", "level"])
    }
}
