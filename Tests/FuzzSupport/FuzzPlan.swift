import Foundation

/// SplitMix64 (Steele, Lea, Flood 2014): small, fast, and the same numbers on every platform for a seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One input of a run: its seed and number, and how to run it again.
public struct FuzzInput: Sendable, CustomStringConvertible {
    public let seed: UInt64
    public let index: Int

    public var description: String {
        "seed \(seed), input \(index) (replay: FUZZ_SEED=\(seed) FUZZ_COUNT=\(index + 1) swift test --filter Fuzz)"
    }
}

/// A fuzz run: fixed seeds, a number of inputs per seed and a wall-clock budget for the whole run, each replaceable
/// from the environment (`FUZZ_SEED`, comma-separated, decimal or 0x-hex; `FUZZ_COUNT`; `FUZZ_SECONDS`). Input `i` of
/// seed `s` is generated from its own generator, so it is the same whatever ran before it. `FUZZ_VERBOSE=1` prints
/// each input before it runs: the last line before a crash names the input that trapped.
public struct FuzzPlan: Sendable {
    public let seeds: [UInt64]
    public let count: Int
    public let budget: Duration
    public let verbose: Bool

    public init(seeds: [UInt64], count: Int, budget: Duration = .seconds(20),
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        let chosen = environment["FUZZ_SEED"].map { $0.split(separator: ",").compactMap(Self.number) } ?? []
        self.seeds = chosen.isEmpty ? seeds : chosen
        self.count = environment["FUZZ_COUNT"].flatMap { Int($0) }.map { max(0, $0) } ?? count
        self.budget = environment["FUZZ_SECONDS"].flatMap { Int($0) }.map { Duration.seconds(max(0, $0)) } ?? budget
        verbose = environment["FUZZ_VERBOSE"] == "1"
    }

    static func number(_ text: Substring) -> UInt64? {
        let text = text.trimmingCharacters(in: .whitespaces)
        return text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
    }

    /// Runs `body` on each input until the count or the budget is reached; returns how many inputs ran.
    @discardableResult
    public func run(_ body: (FuzzInput, inout SplitMix64) throws -> Void) rethrows -> Int {
        let end = ContinuousClock.now.advanced(by: budget)
        var ran = 0
        for seed in seeds {
            for index in 0..<count {
                if ContinuousClock.now >= end { return ran }
                var generator = SplitMix64(seed: seed ^ (UInt64(index) &* 0xD6E8_FEB8_6659_FD93))
                if verbose {
                    // Straight to the file descriptor, unbuffered, so that it is out before a trap.
                    FileHandle.standardError.write(Data("fuzz input: \(FuzzInput(seed: seed, index: index))\n".utf8))
                }
                try body(FuzzInput(seed: seed, index: index), &generator)
                ran += 1
            }
        }
        return ran
    }
}

/// How long a call takes, with its result.
public func timed<T>(_ body: () throws -> T) rethrows -> (result: T, duration: Duration) {
    let start = ContinuousClock.now
    let result = try body()
    return (result, ContinuousClock.now - start)
}
