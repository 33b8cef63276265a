import Fluent
import Planning
import Vapor

enum ReportQueries {
    /// The list's filters. Every one may be left out or empty ("any"); they combine.
    struct Filter: Sendable, Equatable {
        var cycle: UUID?
        var organisation: String?
        var state: ReportState?

        /// Reads `cycle`, `organisation` and `state` from the address: a wrong value is a 400 naming the parameter.
        static func read(_ req: Request) throws -> Filter {
            Filter(cycle: try req.queryUUID("cycle"), organisation: try req.queryText("organisation"),
                   state: try req.queryText("state", allowed: ReportState.allCases.map(\.rawValue)).flatMap(ReportState.init(rawValue:)))
        }

        /// The same filters as an address's query (`cycle=…&state=submitted`), empty when there are none.
        var query: String {
            var items: [String] = []
            if let cycle { items.append("cycle=\(cycle.uuidString)") }
            if let organisation { items.append("organisation=\(organisation.queryValue)") }
            if let state { items.append("state=\(state.rawValue)") }
            return items.joined(separator: "&")
        }

        /// The queue of reports waiting for approval within these filters.
        var waiting: Filter { Filter(cycle: cycle, organisation: organisation, state: .submitted) }
    }

    /// Reports the user may read, narrowed by the filter: newest cycle first; reports waiting for approval
    /// (`state=submitted`) oldest submission first, the coordinator's queue.
    static func list(_ filter: Filter, for user: CurrentUser, on db: any Database) async throws -> [(ReportRecord, CycleRecord)] {
        let query = ReportRecord.query(on: db).with(\.$cycle)
        if let cycle = filter.cycle { query.filter(\.$cycle.$id == cycle) }
        if let organisation = filter.organisation { query.filter(\.$organisationCode == organisation) }
        if let state = filter.state { query.filter(\.$state == state.rawValue) }
        if user.role.readsOwnOrganisationOnly { query.filter(\.$organisationCode == user.organisationCode) }
        let reports = try await query.all()
        let sorted = filter.state == .submitted
            ? reports.sorted { waitingOrder($0) < waitingOrder($1) }
            : reports.sorted { ($1.cycle.periodCode, $0.organisationCode) < ($0.cycle.periodCode, $1.organisationCode) }
        return sorted.map { ($0, $0.cycle) }
    }

    /// Oldest (latest) submission first; the organisation code breaks ties so the order is stable.
    static func waitingOrder(_ report: ReportRecord) -> (Date, String) {
        ((report.lastSubmittedAt ?? report.submittedAt) ?? .distantFuture, report.organisationCode)
    }

    /// The first report still waiting for approval within `filter`, other than `current`.
    static func next(after current: UUID, _ filter: Filter, for user: CurrentUser, on db: any Database) async throws -> ReportRecord? {
        try await list(filter.waiting, for: user, on: db).first { $0.0.id != current }?.0
    }

    /// A value's changes, oldest first, from the change log.
    static func history(_ context: ReportContext, indicator: String, on db: any Database) async throws -> [AuditEntryRecord] {
        try await AuditEntryRecord.query(on: db).filter(\.$entity == "value")
            .filter(\.$entityID == "\(context.key)/\(indicator)").sort(\.$sequence).all()
    }
}
