import Foundation

/// A calendar day without time or time zone: due dates and period bounds are days in Việt Nam.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(_ year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `yyyy-mm-dd`; nil for anything else or a day that does not exist.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...Day.days(inMonth: m, year: y)).contains(d) else { return nil }
        self.init(y, m, d)
    }

    public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }
    /// vi-VN: dd/mm/yyyy with leading zeros.
    public var vietnamese: String { String(format: "%02d/%02d/%04d", day, month, year) }
    public var description: String { iso }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The day before this one.
    public var previous: Day {
        if day > 1 { return Day(year, month, day - 1) }
        let m = month == 1 ? 12 : month - 1
        let y = month == 1 ? year - 1 : year
        return Day(y, m, Day.days(inMonth: m, year: y))
    }

    public init(_ date: Date, timeZone: TimeZone = Day.vietnam) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(c.year ?? 1970, c.month ?? 1, c.day ?? 1)
    }

    /// Việt Nam's time zone (UTC+7, no daylight saving).
    public static let vietnam = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600) ?? .current
}
