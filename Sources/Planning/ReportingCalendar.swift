import Foundation

/// How a plan's reporting year is cut into periods. Every cycle's dates stay editable; these are presets.
public enum ReportingCalendar: String, Sendable, Codable, CaseIterable {
    /// The plan's own deadlines: 1 Nov – 30 Apr due before 1 June, 1 May – 31 Oct due before 15 November
    /// ("trước ngày 01 tháng 6 và ngày 15 tháng 11": on time through 31 May and 14 November).
    case november
    /// Nghị định 09/2019/NĐ-CP: first half 15/12 of the previous year – 14/06, whole year
    /// 15/12 – 14/12 (its second period, 15/06 – 14/12, completes the year so flows add up).
    /// The decree fixes these cut-offs and leaves the sending deadline to the document that sets up a reporting
    /// regime; the preset's due day is the 20th of the period's last month, read like every due day as "trước ngày
    /// 20" (on time through the 19th). A regime that says "chậm nhất ngày 20" sets the cycle's due day to the 21st.
    case decree09

    public struct Dates: Sendable, Hashable {
        /// First and last day whose data the period covers.
        public let start: Day
        public let end: Day
        /// Hạn nộp: reports are due before this day (on time through the day before).
        public let due: Day
    }

    public func dates(of period: ReportingPeriod) -> Dates {
        let y = period.year
        switch (self, period.half) {
        case (.november, .first): return Dates(start: Day(y - 1, 11, 1), end: Day(y, 4, 30), due: Day(y, 6, 1))
        case (.november, .second): return Dates(start: Day(y, 5, 1), end: Day(y, 10, 31), due: Day(y, 11, 15))
        case (.decree09, .first): return Dates(start: Day(y - 1, 12, 15), end: Day(y, 6, 14), due: Day(y, 6, 20))
        case (.decree09, .second): return Dates(start: Day(y, 6, 15), end: Day(y, 12, 14), due: Day(y, 12, 20))
        }
    }

    /// The period whose data covers `day`.
    public func period(containing day: Day) -> ReportingPeriod {
        for year in [day.year, day.year + 1] {
            for period in ReportingPeriod.periods(ofYear: year) {
                let d = dates(of: period)
                if d.start <= day && day <= d.end { return period }
            }
        }
        preconditionFailure("calendar periods cover every day")
    }
}
