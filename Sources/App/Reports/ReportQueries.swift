import Fluent
import Planning
import Vapor

enum ReportQueries {
    struct Filter: Content {
        var cycle: UUID?
        var organisation: String?
        var state: String?
    }

    /// Reports the user may read, newest cycle first, narrowed by the filter.
    static func list(_ filter: Filter, for user: CurrentUser, on db: any Database) async throws -> [(ReportRecord, CycleRecord)] {
        if let state = filter.state, ReportState(rawValue: state) == nil {
            throw AppError.invalidQuery(parameter: "state", value: state, allowed: ReportState.allCases.map(\.rawValue))
        }
        let query = ReportRecord.query(on: db).with(\.$cycle)
        if let cycle = filter.cycle { query.filter(\.$cycle.$id == cycle) }
        if let organisation = filter.organisation { query.filter(\.$organisationCode == organisation) }
        if let state = filter.state { query.filter(\.$state == state) }
        if user.role.readsOwnOrganisationOnly { query.filter(\.$organisationCode == user.organisationCode) }
        return try await query.all()
            .sorted { ($1.cycle.periodCode, $0.organisationCode) < ($0.cycle.periodCode, $1.organisationCode) }
            .map { ($0, $0.cycle) }
    }

    /// A value's changes, oldest first, from the change log.
    static func history(_ context: ReportContext, indicator: String, on db: any Database) async throws -> [AuditEntryRecord] {
        try await AuditEntryRecord.query(on: db).filter(\.$entity == "value")
            .filter(\.$entityID == "\(context.key)/\(indicator)").sort(\.$sequence).all()
    }
}
