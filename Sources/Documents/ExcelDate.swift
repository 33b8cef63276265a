import Foundation
import Planning

/// Excel's serial day numbers, both ways. In the 1900 system 1 is 01/01/1900 and 60 is the 29/02/1900 that never was
/// (Lotus's bug, kept by Excel); in the 1904 system 0 is 01/01/1904.
enum ExcelDate {
    static func serial(_ day: Day) -> Int {
        daysSinceEpoch(day.year, day.month, day.day) - daysSinceEpoch(1899, 12, 30)
    }

    /// The serial of a moment as Việt Nam's local date and time (UTC+7: whole days plus the fraction of the day), or nil
    /// outside 1900–9999 (or not finite).
    static func serial(_ moment: Date) -> Double? {
        let local = moment.timeIntervalSince1970 + 7 * 3600
        let epoch = Double(-daysSinceEpoch(1899, 12, 30))
        let serial = local / 86_400 + epoch
        guard serial.isFinite, serial >= 61, serial < Double(lastSerial + 1) else { return nil }
        return serial
    }

    /// The last day Excel shows, 31/12/9999, in the 1900 system (the 1904 system stops 1 462 days earlier).
    static let lastSerial = 2_958_465

    /// The day of a serial, or nil when it is not one Excel shows as a date: NaN, infinite, negative or after 9999.
    static func day(serial: Double, date1904: Bool) -> Day? {
        let days = serial.rounded(.down)
        guard serial.isFinite, serial >= 0, serial < Double(lastSerial + 1), let whole = Int(exactly: days) else { return nil }
        if date1904, whole > lastSerial - 1_462 { return nil }
        if date1904 { return civil(daysSinceEpoch(1904, 1, 1) + whole) }
        if whole == 60 { return Day(1900, 2, 28) }
        return civil(daysSinceEpoch(1899, 12, whole < 60 ? 31 : 30) + whole)
    }

    /// Days since 01/01/1970 in the proleptic Gregorian calendar (H. Hinnant's algorithm), without a `Calendar`.
    static func daysSinceEpoch(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        return era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    }

    static func civil(_ days: Int) -> Day {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return Day(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
