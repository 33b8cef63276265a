import Fluent
import Foundation
import Planning
import Vapor

/// `completeDataSetRegistrations`: a unit's report for a period, registered complete, is its report submitted to the
/// Department. Registering submits it (the submission's own rules: its values must pass, its cycle be open); deleting a
/// registration returns the report to the unit (a coordinator, a lead office or the unit's head, as the workflow allows).
enum DHIS2Completeness {
    struct Registration: Decodable {
        var dataSet: String?
        var period: String?
        var organisationUnit: String?
        var completed: Bool?
    }

    struct Body: Decodable {
        var completeDataSetRegistrations: [Registration]
    }

    /// Every report the caller may read that has reached the Department (`isWithDepartment`), as DHIS2's registrations.
    @Sendable static func list(req: Request) async throws -> Response {
        let parameters = DHIS2Parameters(req)
        let user = try req.requireUser()
        let (plan, _) = try await IndicatorQueries.list(.init(), on: req.db)
        if let other = parameters.values("dataSet").first(where: { $0 != plan.code }) { throw DHIS2Error.notFound("DataSet", other) }
        let periods = Set(try await DHIS2DataValueSets.periods(parameters, plan: plan.code, on: req.db).map(\.code))
        let orgUnits = parameters.values("orgUnit")
        guard !orgUnits.isEmpty else { throw DHIS2Error.missing("orgUnit", code: "E2006") }
        let all = try await Directory.all(on: req.db).map { $0.toDomain() }
        var codes = Set(orgUnits)
        if try parameters.flag("children") {
            for root in orgUnits { codes.formUnion(root == Directory.department.code ? all.map(\.code) : all.filter { $0.parentCode == root }.map(\.code)) }
        }
        codes = codes.filter { AccessPolicy.mayReadData(role: user.role, own: user.organisationCode, other: $0) }
        let cycles = try await CycleRecord.query(on: req.db).filter(\.$planCode == plan.code).all().filter { periods.contains($0.periodCode) }
        guard !cycles.isEmpty else { return try DHIS2JSON.object([("completeDataSetRegistrations", .array([]))]).response() }
        let reports = try await ReportRecord.query(on: req.db).filter(\.$cycle.$id ~~ cycles.compactMap(\.id)).with(\.$cycle)
            .sort(\.$organisationCode).all().filter { codes.contains($0.organisationCode) && $0.reportState.isWithDepartment }
        let formatter = ISO8601DateFormatter()
        let items = reports.map { report in
            DHIS2JSON.object([("dataSet", .string(plan.code)), ("period", .string(report.cycle.periodCode)),
                              ("organisationUnit", .string(report.organisationCode)), ("attributeOptionCombo", .string(DHIS2Metadata.defaultCombo)),
                              ("date", report.lastSubmittedAt.map { .string(formatter.string(from: $0)) } ?? .null),
                              ("storedBy", report.submittedBy.map(DHIS2JSON.string) ?? .null), ("completed", .bool(true))])
        }
        return try DHIS2JSON.object([("completeDataSetRegistrations", .array(items))]).response()
    }

    /// `{"completeDataSetRegistrations": [{dataSet, period, organisationUnit}]}`, or `ds`/`pe`/`ou` in the query (the
    /// older form). All are checked first; then all are submitted in one transaction, or none.
    @Sendable static func register(req: Request) async throws -> Response {
        let parameters = DHIS2Parameters(req)
        let (plan, _) = try await IndicatorQueries.list(.init(), on: req.db)
        var registrations: [Registration]
        if let body = req.body.data, body.readableBytes > 0 {
            registrations = try ExchangeFormats.decodeRegistrations(Data(buffer: body)).completeDataSetRegistrations
        } else {
            registrations = [Registration(dataSet: parameters.value("ds", "dataSet"), period: parameters.value("pe", "period"),
                                          organisationUnit: parameters.value("ou", "orgUnit"), completed: true)]
        }
        guard !registrations.isEmpty else { throw ExchangeError.empty }
        let user = try req.requireUser()
        var contexts: [ReportContext] = []
        var conflicts: [ImportSummary.Conflict] = []
        for (index, registration) in registrations.enumerated() where registration.completed ?? true {
            do {
                let context = try await report(registration, plan: plan.code, req: req)
                let hasHead = try await UnitHeads.exists(in: context.organisation, on: req.db)
                _ = try Reports.workflow(.submit, context, by: user, unitHasHead: hasHead)
                contexts.append(context)
            } catch {
                let (_, reason) = AppErrorMiddleware.describe(error, req.language)
                conflicts.append(.init(object: "completeDataSetRegistrations[\(index)]", value: reason))
            }
        }
        if conflicts.isEmpty {
            let checks = req.application.settings.valueChecks
            let chosen = contexts
            try await req.db.writing { tx in
                for context in chosen {
                    try await Reports.save(context, .init(version: context.report.version), submit: true, by: user, actor: req.actor, checks: checks, on: tx)
                }
            }
        }
        let summary = ImportSummary(status: conflicts.isEmpty ? "SUCCESS" : "ERROR",
                                    description: conflicts.isEmpty ? "Import process completed successfully" : "Nothing was registered: \(conflicts.count) conflicts.",
                                    importCount: .init(imported: conflicts.isEmpty ? contexts.count : 0, ignored: conflicts.isEmpty ? 0 : registrations.count),
                                    conflicts: conflicts, dataSetComplete: conflicts.isEmpty ? "true" : "false")
        return try WebMessage.importSummary(summary, options: .object([("importStrategy", .string("CREATE_AND_UPDATE"))])).response()
    }

    /// `DELETE ?ds=&pe=&ou=`: the report goes back to the unit (an approved one is reopened), with a reason saying how.
    @Sendable static func unregister(req: Request) async throws -> Response {
        let parameters = DHIS2Parameters(req)
        let (plan, _) = try await IndicatorQueries.list(.init(), on: req.db)
        let registration = Registration(dataSet: parameters.value("ds", "dataSet"), period: parameters.value("pe", "period"),
                                        organisationUnit: parameters.value("ou", "orgUnit"), completed: false)
        let context = try await report(registration, plan: plan.code, req: req)
        guard context.report.reportState.isWithDepartment else {
            throw DHIS2Error(.notFound, vi: "Báo cáo này chưa được gửi.", en: "The registration does not exist: the report is not submitted.")
        }
        let action: ReportAction = context.report.reportState == .submitted ? .return : .reopen
        try await Reports.act(action, context, reason: "DHIS2: completeDataSetRegistrations DELETE", version: nil, by: req.requireUser(),
                              actor: req.actor, on: req.db)
        return Response(status: .noContent)
    }

    /// The report of the registration's organisation and period; the caller must be allowed to read it.
    static func report(_ registration: Registration, plan: String, req: Request) async throws -> ReportContext {
        if let dataSet = registration.dataSet, dataSet != plan { throw DHIS2Error.notFound("DataSet", dataSet) }
        guard let period = registration.period else { throw DHIS2Error.missing("period") }
        guard let org = registration.organisationUnit else { throw DHIS2Error.missing("organisationUnit") }
        guard let cycle = try await CycleRecord.query(on: req.db).filter(\.$planCode == plan).filter(\.$periodCode == period).first() else {
            throw DHIS2Error(vi: "Chưa có đợt báo cáo kỳ \(period).", en: "There is no reporting cycle for \(period).")
        }
        guard let record = try await ReportRecord.query(on: req.db).filter(\.$cycle.$id == cycle.requireID()).filter(\.$organisationCode == org).first() else {
            throw DHIS2Error(vi: "\(org) không có báo cáo trong đợt \(period).", en: "\(org) has no report in the \(period) cycle.")
        }
        let context = try await Reports.load(record.id, on: req.db)
        try Reports.authorizeRead(context, by: req.requireUser())
        return context
    }
}

extension ExchangeFormats {
    static func decodeRegistrations(_ data: Data) throws -> DHIS2Completeness.Body {
        do { return try JSONDecoder().decode(DHIS2Completeness.Body.self, from: data) } catch {
            throw ExchangeError.malformedJSON(vi: "cần {\"completeDataSetRegistrations\": [{\"dataSet\", \"period\", \"organisationUnit\"}]}",
                                              en: "expected {\"completeDataSetRegistrations\": [{\"dataSet\", \"period\", \"organisationUnit\"}]}")
        }
    }
}
