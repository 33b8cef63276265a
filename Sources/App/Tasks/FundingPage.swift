import Fluent
import Foundation
import Planning
import Vapor

/// `/funding`: one cycle's funding per organisation and source, with totals, and the form for the
/// user's own organisation's unit-level lines.
struct FundingPage: Encodable {
    struct Row: Encodable {
        let organisation: String
        let cells: [FundingTotalRow]
    }

    let layout: Layout
    let error: String?
    let cycles: [Choice]
    let period: String?
    let cycleID: String?
    let isOpen: Bool
    let sources: [String]
    let rows: [Row]
    let totals: [FundingTotalRow]
    let canEnter: Bool
    let form: [FundingFormRow]
    let ownOrganisation: String
    let onlyOwn: Bool

    init(_ req: Request, error: String?) async throws {
        let language = req.language, style = language.numbers
        let user = try req.requireUser()
        layout = Layout(req, title: Localizer.text("funding.title", language))
        self.error = error
        let plan = try await PlanQueries.resolve(req.query[String.self, at: "plan"].flatMap { $0.isEmpty ? nil : $0 }, on: req.db).code
        let all = try await TaskCycles.all(plan: plan, on: req.db)
        let chosen = req.query[String.self, at: "cycle"].flatMap { $0.isEmpty ? nil : $0 }
        var cycle: CycleRecord?
        if let chosen {
            guard let found = all.first(where: { $0.id == UUID(uuidString: chosen) }) else { throw TaskError.cycleNotFound(String(chosen.prefix(40))) }
            cycle = found
        } else {
            cycle = try await TaskCycles.current(plan: plan, on: req.db)
        }
        cycles = all.map { Choice(value: $0.id?.uuidString ?? "", label: "\($0.periodCode) (\(Localizer.text("funding.cycleState.\($0.state)", language)))",
                                  selected: $0.id == cycle?.id) }
        period = cycle?.periodCode
        cycleID = cycle?.id?.uuidString
        isOpen = cycle?.cycleState == .open
        sources = FundingSource.allCases.map { Localizer.text("funding.source.\($0.rawValue)", language) }
        var lines: [FundingLineRecord] = []
        if let cycle { lines = try await FundingLedger.lines(cycle: cycle.requireID(), organisation: nil, task: nil, as: user, on: req.db) }
        let names = TaskChoices.names(try await Directory.all(on: req.db, includeInactive: true))
        rows = Dictionary(grouping: lines, by: \.organisationCode).sorted { $0.key < $1.key }.map { code, mine in
            Row(organisation: names[code] ?? code, cells: FundingTotalRow.rows(mine.map(\.line), style: style, language: language))
        }
        totals = FundingTotalRow.rows(lines.map(\.line), style: style, language: language)
        canEnter = isOpen && AccessPolicy.allows(user.role, .writeReports)
        form = FundingFormRow.rows(lines.filter { $0.organisationCode == user.organisationCode && $0.taskKey.isEmpty }, style: style, language: language)
        ownOrganisation = names[user.organisationCode] ?? user.organisationCode
        onlyOwn = user.role.readsOwnOrganisationOnly
    }
}
