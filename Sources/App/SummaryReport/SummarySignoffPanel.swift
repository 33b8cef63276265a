import Planning
import Vapor

/// The sign-off part of `/summary-report`: the state, the steps so far, the buttons the signed-in role may use, what was
/// issued, and the coordinating office's report to the Ban Chỉ đạo.
struct SummarySignoffPanel: Encodable {
    struct Step: Encodable {
        let action: String
        let state: String
        let who: String
        let when: String
        let reason: String?
    }

    struct Issued: Encodable {
        let number: String
        let date: String
        let when: String
        let by: String
        let docxSha256: String
    }

    let state: String
    let stateLabel: String
    let steps: [Step]
    let issued: Issued?
    let mayEdit: Bool
    let maySubmit: Bool
    let mayReturn: Bool
    let mayApprove: Bool
    let mayIssue: Bool
    /// What the previous request did ("Đã trình ký duyệt.").
    let done: String?
    let steering: SteeringReports.Text
    let mayWriteSteering: Bool
    /// `plan=…&period=…` for the forms and downloads of the sector's report.
    let target: String

    init(_ req: Request, plan: String, period: ReportingPeriod) async throws {
        let language = req.language
        let role = try req.requireUser().role
        let status = try await SummarySignoffs.status(plan: plan, period: period.code, on: req.db)
        let current = SummaryReportState(rawValue: status.state) ?? .draft
        state = current.rawValue
        stateLabel = SummarySignoffError.state(current, language)
        steps = status.steps.map {
            Step(action: Localizer.text("signoff.done.\($0.action)", language), state: Localizer.text("signoff.state.\($0.to)", language),
                 who: $0.actorName, when: DateText.dayTime($0.at), reason: $0.reason)
        }
        issued = status.issued.map { Issued(number: $0.number, date: $0.date, when: DateText.dayTime($0.issuedAt), by: $0.issuedBy, docxSha256: $0.docxSha256) }
        func may(_ action: SummaryReportAction) -> Bool { (try? SummarySignoff.apply(action, to: current, by: role, reason: "-").get()) != nil }
        mayEdit = may(.edit)
        maySubmit = may(.submit)
        mayReturn = may(.return)
        mayApprove = may(.approve)
        mayIssue = may(.issue)
        done = req.query[String.self, at: "done"].flatMap { key in
            ["submit", "return", "approve", "issue", "steering"].contains(key) ? Localizer.text("signoff.notice.\(key)", language) : nil
        }
        steering = try await SteeringReports.text(plan: plan, period: period.code, today: Day(Date()), on: req.db)
        mayWriteSteering = AccessPolicy.allows(role, .writeSummaryReport)
        target = DashboardFilters.encode([("plan", plan), ("period", period.code)])
    }
}
