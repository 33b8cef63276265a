import Documents
import Fluent
import Planning
import Vapor

/// Data in and out without retyping: DHIS2 dataValueSets (JSON and CSV) and each report's Excel template.
struct ExchangeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let read = routes.requiring(.readReports)
        let write = routes.requiring(.writeReports)
        read.get("api", "v1", "dataValueSets", use: export)
        read.get("api", "v1", "dataValueSets.csv", use: exportCSV)
        write.on(.POST, "api", "v1", "dataValueSets", body: .collect(maxSize: "50mb"), use: importValues)
        read.get("reports", ":id", "template.xlsx", use: template)
        read.get("api", "v1", "reports", ":id", "template.xlsx", use: template)
        write.on(.POST, "reports", ":id", "upload", body: .collect(maxSize: "10mb"), use: uploadFromPage)
        write.on(.POST, "api", "v1", "reports", ":id", "template.xlsx", body: .collect(maxSize: "10mb"), use: upload)
    }

    struct ExportQuery: Content {
        var dataSet: String?
        var period: String?
        var orgUnit: String?
        var children: Bool?
        var format: String?
    }

    @Sendable func export(req: Request) async throws -> Response {
        let query = try req.query.decode(ExportQuery.self)
        let wantsCSV = query.format == "csv" || req.headers.accept.mediaTypes.contains { $0.subType == "csv" }
        return try await exportResponse(req, query, csv: wantsCSV)
    }

    @Sendable func exportCSV(req: Request) async throws -> Response {
        try await exportResponse(req, try req.query.decode(ExportQuery.self), csv: true)
    }

    private func exportResponse(_ req: Request, _ query: ExportQuery, csv: Bool) async throws -> Response {
        guard let period = query.period, !period.isEmpty else { throw ExchangeError.invalidOption(name: "period", value: "", allowed: ["2026NovS1", "…"]) }
        let set = try await ValueExport.dataValueSet(period: period, orgUnit: query.orgUnit, children: query.children ?? false, dataSet: query.dataSet,
                                                     user: req.requireUser(), on: req.db)
        guard csv else { return try await set.encodeResponse(for: req) }
        let response = Response(status: .ok, body: .init(data: ValueExport.csv(set)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        return response
    }

    struct ImportQuery: Content {
        var dryRun: Bool?
        var importStrategy: String?
        var atomicMode: String?
        var dataSet: String?
    }

    /// The body is collected up to the route's limit (50 MB), then read value by value like a file (`ValueSource`).
    @Sendable func importValues(req: Request) async throws -> Response {
        let query = try req.query.decode(ImportQuery.self)
        guard let body = req.body.data, body.readableBytes > 0 else { throw ExchangeError.empty }
        var options = ValueImport.Options(dryRun: query.dryRun ?? false)
        if let text = query.importStrategy {
            guard let strategy = ValueImport.Strategy(rawValue: text.uppercased()) else {
                throw ExchangeError.invalidOption(name: "importStrategy", value: text, allowed: ValueImport.Strategy.allCases.map(\.rawValue))
            }
            options.strategy = strategy
        }
        if let mode = query.atomicMode {
            guard ["ALL", "NONE"].contains(mode.uppercased()) else { throw ExchangeError.invalidOption(name: "atomicMode", value: mode, allowed: ["ALL", "NONE"]) }
            options.atomic = mode.uppercased() == "ALL"
        }
        let bytes = ByteSource.memory(body)
        let isCSV = req.headers.contentType.map { $0.subType == "csv" } ?? (ExchangeFormats.kind(of: Data(body.readableBytesView.prefix(64))) == .csv)
        // The set's own dataSet applies when the query names none (ValueImport.run).
        options.dataSet = query.dataSet
        let summary = try await ValueImport.run(isCSV ? .csv(bytes) : .json(bytes), options: options, authority: .user(req.requireUser()),
                                                actor: req.actor, checks: req.application.settings.valueChecks, language: req.language, on: req.db)
        return try await summary.encodeResponse(status: summary.status == "ERROR" ? .conflict : .ok, for: req)
    }

    @Sendable func template(req: Request) async throws -> Response {
        let context = try await Reports.load(req.parameters.get("id", as: UUID.self), on: req.db)
        try Reports.authorizeRead(context, by: req.requireUser())
        let response = Response(status: .ok, body: .init(data: try ReportTemplate.workbook(Reports.visible(context, to: req.requireUser()))))
        response.headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response.headers.replaceOrAdd(name: .contentDisposition,
                                      value: "attachment; filename=\"mau-bao-cao-\(context.organisation.code)-\(context.cycle.periodCode).xlsx\"")
        return response
    }

    // Uploads: the report and the user's right to write it are checked before the body is looked at.
    @Sendable func upload(req: Request) async throws -> Response {
        let context = try await writableReport(req)
        guard let body = req.body.data, body.readableBytes > 0 else { throw ExchangeError.empty }
        let result = try await apply(Data(buffer: body), to: context, req: req)
        return try await result.encodeResponse(status: result.problems.isEmpty ? .ok : .badRequest, for: req)
    }

    @Sendable func uploadFromPage(req: Request) async throws -> Response {
        struct Form: Content { var file: File? }
        let context = try await writableReport(req)
        guard let file = try req.content.decode(Form.self).file, file.data.readableBytes > 0 else { throw ExchangeError.empty }
        let id = req.parameters.get("id") ?? ""
        let result = try await apply(Data(buffer: file.data), to: context, req: req)
        guard result.problems.isEmpty else {
            return try await req.page("upload-result", UploadResultPage(req, reportID: id, result: result), status: .badRequest)
        }
        return req.redirect(to: "/reports/\(id)?uploaded=\(result.saved)")
    }

    private func writableReport(_ req: Request) async throws -> ReportContext {
        let context = try await Reports.load(req.parameters.get("id", as: UUID.self), on: req.db)
        try TemplateUpload.authorize(context, by: req.requireUser())
        return context
    }

    private func apply(_ data: Data, to context: ReportContext, req: Request) async throws -> TemplateUpload.Result {
        try await TemplateUpload.apply(data, to: context, by: req.requireUser(), actor: req.actor, checks: req.application.settings.valueChecks,
                                       language: req.language, app: req.application)
    }
}

/// The problems of an uploaded template, by sheet, row, column and indicator.
struct UploadResultPage: Encodable {
    let layout: Layout
    let reportID: String
    let problems: [TemplateUpload.Problem]

    init(_ req: Request, reportID: String, result: TemplateUpload.Result) {
        layout = Layout(req, title: Localizer.text("upload.title", req.language))
        self.reportID = reportID
        problems = result.problems
    }
}
