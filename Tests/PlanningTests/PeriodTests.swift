import Foundation
import Testing
@testable import Planning

@Suite("Reporting periods and their codes")
struct ReportingPeriodTests {
    @Test("codes read and write back unchanged", arguments: [
        ("2026NovS1", 2026, ReportingPeriod.Half.first),
        ("2026NovS2", 2026, .second),
        ("2025NovS2", 2025, .second),
        ("2045NovS1", 2045, .first),
    ])
    func roundTrip(code: String, year: Int, half: ReportingPeriod.Half) throws {
        let period = try ReportingPeriod(code: code)
        #expect(period == ReportingPeriod(year: year, half: half))
        #expect(period.code == code)
        #expect(period.description == code)
    }

    @Test("malformed codes are rejected", arguments: [
        "2026NovS3", "2026NovS0", "2026S1", "26NovS1", "2026novS1", "2026NOVS1", "", "2026NovS1x",
        "2026DecS1", "2026-NovS1", "abcdNovS1", "0999NovS1", "+026NovS1", "2026NovS", "NovS12026",
    ])
    func malformed(code: String) {
        #expect(throws: ReportingPeriod.ParseError.malformed(code)) {
            try ReportingPeriod(code: code)
        }
    }

    @Test("the next and previous periods cross the year boundary", arguments: [
        (ReportingPeriod(year: 2026, half: .first), ReportingPeriod(year: 2026, half: .second)),
        (ReportingPeriod(year: 2026, half: .second), ReportingPeriod(year: 2027, half: .first)),
        (ReportingPeriod(year: 2025, half: .second), ReportingPeriod(year: 2026, half: .first)),
    ])
    func nextAndPrevious(period: ReportingPeriod, following: ReportingPeriod) {
        #expect(period.next == following)
        #expect(following.previous == period)
        #expect(period.next.previous == period)
    }

    @Test("periods order by year, then half")
    func ordering() throws {
        let codes = ["2027NovS1", "2026NovS2", "2025NovS2", "2026NovS1", "2026NovS2"]
        let sorted = try codes.map { try ReportingPeriod(code: $0) }.sorted().map(\.code)
        #expect(sorted == ["2025NovS2", "2026NovS1", "2026NovS2", "2026NovS2", "2027NovS1"])
        #expect(ReportingPeriod(year: 2025, half: .second) < ReportingPeriod(year: 2026, half: .first))
        #expect(!(ReportingPeriod(year: 2026, half: .first) < ReportingPeriod(year: 2026, half: .first)))
    }

    @Test("a reporting year has its two halves in order; the second closes the year")
    func periodsOfYear() {
        let periods = ReportingPeriod.periods(ofYear: 2030)
        #expect(periods.map(\.code) == ["2030NovS1", "2030NovS2"])
        #expect(periods.map(\.closesYear) == [false, true])
    }
}

@Suite("Reporting calendars")
struct ReportingCalendarTests {
    typealias Row = (calendar: ReportingCalendar, code: String, start: String, end: String, due: String)

    static let rows: [Row] = [
        (.november, "2026NovS1", "2025-11-01", "2026-04-30", "2026-06-01"),
        (.november, "2026NovS2", "2026-05-01", "2026-10-31", "2026-11-15"),
        (.november, "2028NovS1", "2027-11-01", "2028-04-30", "2028-06-01"),
        (.decree09, "2026NovS1", "2025-12-15", "2026-06-14", "2026-06-20"),
        (.decree09, "2026NovS2", "2026-06-15", "2026-12-14", "2026-12-20"),
    ]

    @Test("each period's covered days and due date", arguments: rows)
    func dates(calendar: ReportingCalendar, code: String, start: String, end: String, due: String) throws {
        let dates = calendar.dates(of: try ReportingPeriod(code: code))
        #expect(dates.start.iso == start)
        #expect(dates.end.iso == end)
        #expect(dates.due.iso == due)
    }

    @Test("consecutive periods leave no gap and no overlap", arguments: ReportingCalendar.allCases)
    func contiguous(calendar: ReportingCalendar) {
        var period = ReportingPeriod(year: 2025, half: .first)
        for _ in 0..<10 {
            let following = period.next
            #expect(calendar.dates(of: following).start.previous == calendar.dates(of: period).end)
            period = following
        }
    }

    static let containing: [(ReportingCalendar, String, String)] = [
        (.november, "2025-10-31", "2025NovS2"),
        (.november, "2025-11-01", "2026NovS1"),
        (.november, "2026-01-01", "2026NovS1"),
        (.november, "2026-04-30", "2026NovS1"),
        (.november, "2026-05-01", "2026NovS2"),
        (.november, "2026-10-31", "2026NovS2"),
        (.november, "2026-12-31", "2027NovS1"),
        (.november, "2028-02-29", "2028NovS1"),
        (.decree09, "2025-12-14", "2025NovS2"),
        (.decree09, "2025-12-15", "2026NovS1"),
        (.decree09, "2026-06-14", "2026NovS1"),
        (.decree09, "2026-06-15", "2026NovS2"),
        (.decree09, "2026-12-31", "2027NovS1"),
        (.decree09, "2028-02-29", "2028NovS1"),
    ]

    @Test("the period whose data covers a day, at the boundaries", arguments: containing)
    func periodContaining(calendar: ReportingCalendar, day: String, code: String) throws {
        let day = try #require(Day(iso: day))
        #expect(calendar.period(containing: day).code == code)
    }
}

@Suite("Calendar days")
struct DayTests {
    @Test("ISO days that exist are read", arguments: [
        ("2026-06-01", 2026, 6, 1), ("2028-02-29", 2028, 2, 29), ("2000-02-29", 2000, 2, 29),
        ("2026-12-31", 2026, 12, 31), ("2026-04-30", 2026, 4, 30),
    ])
    func valid(text: String, year: Int, month: Int, day: Int) {
        #expect(Day(iso: text) == Day(year, month, day))
        #expect(Day(iso: text)?.iso == text)
    }

    @Test("text that is not an existing yyyy-mm-dd day is rejected", arguments: [
        "2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-01-32", "2026-01-00",
        "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", "01/06/2026", "", "2026-01-01-01", "2026-01-01T00:00",
        "abcd-01-01", "2026-+1-01", "+202-01-01", "2026-01- 1",
    ])
    func invalid(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test("Vietnamese format is dd/mm/yyyy with leading zeros", arguments: [
        (Day(2026, 6, 1), "01/06/2026"), (Day(2026, 11, 15), "15/11/2026"), (Day(2025, 12, 9), "09/12/2025"),
    ])
    func vietnamese(day: Day, text: String) {
        #expect(day.vietnamese == text)
    }

    @Test("ISO format pads month and day")
    func iso() {
        #expect(Day(2026, 6, 1).iso == "2026-06-01")
        #expect(Day(2026, 6, 1).description == "2026-06-01")
    }

    @Test("the day before crosses months, years and leap days", arguments: [
        (Day(2026, 3, 15), Day(2026, 3, 14)),
        (Day(2026, 5, 1), Day(2026, 4, 30)),
        (Day(2026, 3, 1), Day(2026, 2, 28)),
        (Day(2028, 3, 1), Day(2028, 2, 29)),
        (Day(2026, 1, 1), Day(2025, 12, 31)),
        (Day(2026, 8, 1), Day(2026, 7, 31)),
    ])
    func previous(day: Day, before: Day) {
        #expect(day.previous == before)
    }

    @Test("days in a month, with the Gregorian leap years", arguments: [
        (2, 2026, 28), (2, 2028, 29), (2, 1900, 28), (2, 2000, 29), (4, 2026, 30), (11, 2026, 30), (12, 2026, 31),
    ])
    func daysInMonth(month: Int, year: Int, days: Int) {
        #expect(Day.days(inMonth: month, year: year) == days)
    }

    @Test("days order by year, month, day")
    func ordering() {
        #expect(Day(2025, 12, 31) < Day(2026, 1, 1))
        #expect(Day(2026, 1, 31) < Day(2026, 2, 1))
        #expect(Day(2026, 2, 1) < Day(2026, 2, 2))
        #expect(!(Day(2026, 2, 2) < Day(2026, 2, 2)))
    }

    @Test("a moment is read as the day it is in Việt Nam")
    func fromDate() {
        // 2025-12-31T17:00:00Z is midnight on 1 January 2026 in Hà Nội (UTC+7).
        let midnight = Date(timeIntervalSince1970: 1_767_200_400)
        #expect(Day(midnight) == Day(2026, 1, 1))
        #expect(Day(midnight.addingTimeInterval(-1)) == Day(2025, 12, 31))
        #expect(Day(midnight, timeZone: TimeZone(identifier: "UTC")!) == Day(2025, 12, 31))
    }

    @Test("days encode as their parts")
    func codable() throws {
        let data = try JSONEncoder().encode(Day(2026, 6, 1))
        #expect(try JSONDecoder().decode(Day.self, from: data) == Day(2026, 6, 1))
    }
}
