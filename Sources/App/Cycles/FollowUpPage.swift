import Fluent
import Planning
import Vapor

/// Đôn đốc — the coordinator's list of organisations that have not submitted, with reminders.
struct FollowUpPage: Encodable {
    struct Row: Encodable {
        let organisation: String
        let name: String
        let state: String
        let stateLabel: String
        let reportID: String
        let lastReminder: String
    }

    let layout: Layout
    let notice: Notice?
    let cycle: CycleSummary
    let statistics: StatisticsView
    let rows: [Row]
    let canSend: Bool
    let open: Bool
    let channel: String
    /// The indicators still lacking their lead office's assessment for the period.
    let assessments: AssessmentFollowUp?

    init(_ req: Request, cycle record: CycleRecord, notice: Notice? = nil) async throws {
        let language = req.language
        cycle = try CycleSummary(record, language)
        layout = Layout(req, title: Localizer.text("followUp.title", language) + " · " + cycle.period)
        self.notice = notice
        let reports = try await ReportRecord.query(on: req.db).filter(\.$cycle.$id == record.requireID()).all()
        statistics = StatisticsView(Cycles.statistics(record, reports: reports), language)
        let names = try await Directory.names(on: req.db)
        let reminders = try await ReminderRecord.query(on: req.db).filter(\.$cycleID == record.requireID()).sort(\.$sentAt, .descending).all()
        rows = try await Reminders.pending(record, on: req.db).map { report in
            let last = reminders.first { $0.organisationCode == report.organisationCode }
            let lastText = last.map { DateText.dayTime($0.sentAt) + " · " + Localizer.text($0.automatic ? "followUp.automatic" : "followUp.manual", language) }
            return Row(organisation: report.organisationCode, name: names[report.organisationCode] ?? report.organisationCode,
                       state: report.state, stateLabel: Localizer.text("state.\(report.state)", language), reportID: try report.requireID().uuidString,
                       lastReminder: lastText ?? "—")
        }
        canSend = AccessPolicy.allows(req.currentUser?.role, .manageCycles) && record.cycleState == .open
        open = record.cycleState == .open
        channel = Localizer.text("followUp.channel.\(req.application.mailer.channel)", language)
        assessments = try await AssessmentFollowUp(req, cycle: record)
    }
}

extension FollowUpPage {
    /// After reminders were sent (`?sent=3&people=5&unreached=A,B`): how many went out, and which organisations have no
    /// account to receive them, by name.
    static func sentNotice(_ req: Request) async throws -> Notice? {
        guard let sent = try req.queryWholeNumber("sent"), let people = try req.queryWholeNumber("people") else { return nil }
        let language = req.language
        var text = Localizer.text("followUp.sent", language).replacingOccurrences(of: "{orgs}", with: String(sent))
            .replacingOccurrences(of: "{people}", with: String(people))
        let unreached = (try req.queryText("unreached") ?? "").split(separator: ",").map(String.init)
        if !unreached.isEmpty {
            let names = try await Directory.names(on: req.db)
            text += " " + Localizer.text("journey.noAccount", language)
                .replacingOccurrences(of: "{names}", with: unreached.map { names[$0] ?? $0 }.joined(separator: ", "))
        }
        return Notice(kind: unreached.isEmpty ? "created" : "error", text: text)
    }
}
