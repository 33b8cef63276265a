import Foundation
import Planning

extension Reports {
    /// What `user` may read of the report: all of it, or — a lead office reading another organisation's report — the
    /// values of the indicators it leads and nothing of the narrative (`AccessPolicy.readsWholeReport`). Pages, API
    /// answers and templates are built from this, never from the whole context.
    static func visible(_ context: ReportContext, to user: CurrentUser) -> ReportContext {
        let report = context.organisation.code
        guard !AccessPolicy.readsWholeReport(role: user.role, own: user.organisationCode, report: report) else { return context }
        let indicators = AccessPolicy.visibleIndicators(context.indicators, role: user.role, own: user.organisationCode, report: report)
        let codes = Set(indicators.map(\.code))
        return ReportContext(report: context.report, cycle: context.cycle, organisation: context.organisation, indicators: indicators,
                             values: context.values.filter { codes.contains($0.key) }, previous: context.previous.filter { codes.contains($0.key) },
                             groupNames: context.groupNames, showsNarrative: false)
    }

    /// Refuses an indicator of the report that `user` may not read (a lead office and another office's indicator).
    static func authorizeRead(_ context: ReportContext, indicator code: String, by user: CurrentUser) throws {
        let code = code.uppercased()
        guard context.indicators.contains(where: { $0.code == code }) else { throw ReportError.unknownIndicator(code) }
        guard visible(context, to: user).indicators.contains(where: { $0.code == code }) else { throw AppError.forbidden }
    }
}
