import Fluent
import Foundation
import Planning
import Vapor

/// `GET`/`POST /api/dataValueSets` with DHIS2's parameters, through chitieu's own exchange: the export functions
/// (`ValueExport`) and the one import (`ValueImport.run`), which checks every value with the form's rules. This file
/// only maps DHIS2's parameters and ids onto them and wraps the answer in DHIS2's WebMessage.
enum DHIS2DataValueSets {
    /// DHIS2's default category option combo: by our id, by its well-known DHIS2 uid, or by name.
    static func isDefaultCombo(_ id: String?) -> Bool {
        guard let id = id?.trimmingCharacters(in: .whitespaces), !id.isEmpty else { return true }
        return ["default", "hllvx50cxc0", "bjdvmb4bfuf"].contains(id.lowercased())
    }

    /// Ids in the schemes chitieu can answer: ids and codes are the same here.
    static func checkIdSchemes(_ parameters: DHIS2Parameters) throws {
        for name in ["idScheme", "dataElementIdScheme", "orgUnitIdScheme", "categoryOptionComboIdScheme", "dataSetIdScheme"] {
            if let scheme = parameters.value(name), !["UID", "CODE"].contains(scheme.uppercased()) {
                throw DHIS2Error.unsupported(name, scheme, allowed: ["UID", "CODE"])
            }
        }
    }

    // MARK: export

    @Sendable static func export(req: Request) async throws -> Response {
        let parameters = DHIS2Parameters(req)
        try checkIdSchemes(parameters)
        let user = try req.requireUser()
        let (plan, _) = try await IndicatorQueries.list(.init(), on: req.db)
        let dataSets = parameters.values("dataSet").flatMap { $0.split(separator: ",").map(String.init) }
        guard !dataSets.isEmpty else { throw DHIS2Error(code: "E2001", vi: "Cần ít nhất một tập dữ liệu (dataSet=\(plan.code)).",
                                                        en: "At least one valid data set or data element group must be specified (dataSet=\(plan.code)).") }
        if let other = dataSets.first(where: { $0 != plan.code }) { throw DHIS2Error.notFound("DataSet", other) }
        let periods = try await Self.periods(parameters, plan: plan.code, on: req.db)
        let orgUnits = parameters.values("orgUnit").flatMap { $0.split(separator: ",").map(String.init) }
        guard !orgUnits.isEmpty else { throw DHIS2Error(code: "E2006", vi: "Cần ít nhất một cơ quan, đơn vị (orgUnit).",
                                                        en: "At least one valid organisation unit must be specified (orgUnit).") }
        let children = try parameters.flag("children")
        guard periods.count * orgUnits.count <= 400 else {
            throw DHIS2Error(vi: "Nhiều nhất 400 cặp kỳ × đơn vị trong một yêu cầu.", en: "At most 400 period × organisation unit pairs per request.")
        }
        let since = try parameters.value("lastUpdated").map { text -> Date in
            guard let day = Day(iso: String(text.prefix(10))), let date = Calendar(identifier: .gregorian).date(from: DateComponents(
                timeZone: TimeZone(identifier: "UTC"), year: day.year, month: day.month, day: day.day)) else {
                throw AppError.invalidQuery(parameter: "lastUpdated", value: text, allowed: ["yyyy-mm-dd"])
            }
            return date
        }
        var values: [DataValueSet.DataValue] = []
        for period in periods {
            for orgUnit in orgUnits {
                let set = try await ValueExport.dataValueSet(period: period.code, orgUnit: orgUnit, children: children, dataSet: plan.code, user: user, on: req.db)
                values += set.dataValues.map(Self.dhis2)
            }
        }
        if let since {
            let formatter = ISO8601DateFormatter()
            values = values.filter { ($0.lastUpdated.flatMap(formatter.date(from:)) ?? .distantPast) >= since }
        }
        let single = periods.count == 1 && orgUnits.count == 1 && !children
        let set = DataValueSet(dataSet: plan.code, period: single ? periods.first?.code : nil, orgUnit: single ? orgUnits.first : nil,
                               completeDate: nil, dataValues: values)
        let wantsCSV = req.url.path.hasSuffix(".csv") || parameters.value("format") == "csv"
            || (!req.url.path.hasSuffix(".json") && req.headers.accept.mediaTypes.contains { $0.subType == "csv" })
        guard wantsCSV else { return try await set.encodeResponse(for: req) }
        let response = Response(status: .ok, body: .init(data: ValueExport.csv(set)))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "csv", parameters: ["charset": "utf-8"])
        return response
    }

    /// chitieu's `CT22.NUM` is DHIS2's data element `CT22` with the option combo `NUM`; others take `default`.
    static func dhis2(_ value: DataValueSet.DataValue) -> DataValueSet.DataValue {
        var value = value
        let pieces = value.dataElement.split(separator: ".")
        if pieces.count == 2, let code = pieces.first, let part = pieces.last {
            value.dataElement = String(code)
            value.categoryOptionCombo = String(part)
        } else {
            value.categoryOptionCombo = DHIS2Metadata.defaultCombo
        }
        value.attributeOptionCombo = DHIS2Metadata.defaultCombo
        value.followup = false
        return value
    }

    /// `period=` (repeatable), or every cycle's period inside `startDate`–`endDate`.
    static func periods(_ parameters: DHIS2Parameters, plan: String, on db: any Database) async throws -> [ReportingPeriod] {
        let codes = parameters.values("period").flatMap { $0.split(separator: ",").map(String.init) }
        if !codes.isEmpty {
            return try codes.map { code in
                guard let period = try? ReportingPeriod(code: code) else { throw CycleError.invalidPeriod(code) }
                return period
            }
        }
        guard let startText = parameters.value("startDate"), let endText = parameters.value("endDate") else {
            throw DHIS2Error(code: "E2002", vi: "Cần kỳ (period) hoặc startDate và endDate.", en: "At least one valid period or start/end dates must be specified.")
        }
        guard let start = Day(iso: startText) else { throw AppError.invalidQuery(parameter: "startDate", value: startText, allowed: ["yyyy-mm-dd"]) }
        guard let end = Day(iso: endText) else { throw AppError.invalidQuery(parameter: "endDate", value: endText, allowed: ["yyyy-mm-dd"]) }
        let cycles = try await CycleRecord.query(on: db).filter(\.$planCode == plan).all()
        return cycles.compactMap { cycle -> ReportingPeriod? in
            guard let period = cycle.period else { return nil }
            let dates = ReportingCalendar.november.dates(of: period)
            return dates.start >= start && dates.end <= end ? period : nil
        }.sorted()
    }

    // MARK: import

    @Sendable static func importValues(req: Request) async throws -> Response {
        let parameters = DHIS2Parameters(req)
        try checkIdSchemes(parameters)
        guard let body = req.body.data, body.readableBytes > 0 else { throw ExchangeError.empty }
        let data = Data(buffer: body)
        var options = ValueImport.Options(dryRun: try parameters.flag("dryRun"))
        if let text = parameters.value("importStrategy") {
            // DHIS2 still takes the names of its older releases.
            let aliases = ["NEW_AND_UPDATES": "CREATE_AND_UPDATE", "NEW": "CREATE", "UPDATES": "UPDATE", "DELETES": "DELETE"]
            guard let strategy = ValueImport.Strategy(rawValue: aliases[text.uppercased()] ?? text.uppercased()) else {
                throw ExchangeError.invalidOption(name: "importStrategy", value: text, allowed: ValueImport.Strategy.allCases.map(\.rawValue))
            }
            options.strategy = strategy
        }
        // DHIS2's default is NONE (the good values land); chitieu's own API defaults to ALL.
        switch parameters.value("atomicMode")?.uppercased() {
        case nil, "NONE": options.atomic = false
        case "ALL": options.atomic = true
        case let other?: throw ExchangeError.invalidOption(name: "atomicMode", value: other, allowed: ["ALL", "NONE"])
        }
        let isCSV = req.headers.contentType.map { $0.subType.hasSuffix("csv") } ?? (ExchangeFormats.kind(of: data) == .csv)
        var incoming: [ValueImport.Incoming]
        if isCSV {
            incoming = try ExchangeFormats.incoming(csv: data)
            options.dataSet = parameters.value("dataSet")
        } else {
            let set = try ExchangeFormats.dataValueSet(json: data)
            incoming = ExchangeFormats.incoming(set)
            options.dataSet = parameters.value("dataSet") ?? set.dataSet
            options.complete = !(set.completeDate ?? "").isEmpty
        }
        guard !incoming.isEmpty else { throw ExchangeError.empty }
        for index in incoming.indices where isDefaultCombo(incoming[index].categoryOptionCombo) { incoming[index].categoryOptionCombo = nil }
        let summary = try await ValueImport.run(incoming, options: options, authority: .user(req.requireUser()), actor: req.actor,
                                                checks: req.application.settings.valueChecks, language: req.language, on: req.db)
        let importOptions = DHIS2JSON.object([("dryRun", .bool(options.dryRun)), ("async", .bool(false)),
                                              ("importStrategy", .string(options.strategy.rawValue)), ("atomicMode", .string(options.atomic ? "ALL" : "NONE")),
                                              ("idSchemes", .object([]))])
        return try WebMessage.importSummary(summary, options: importOptions).response()
    }
}
