import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import SQLKit
import Vapor

/// The composition root: database, migrations, views, middleware, routes and commands.
public func configure(_ app: Application) async throws {
    try await configure(app, settings: .fromEnvironment(directory: app.directory.workingDirectory))
}

func configure(_ app: Application, settings: Settings) async throws {
    app.settings = settings
    app.directory = DirectoryConfiguration(workingDirectory: settings.directory)
    if let problem = Localizer.problem { throw AppError.fileNotReadable(problem) }
    // reliability (issue 14): in the last minute before a deadline hundreds of saves queue for a connection; they wait
    // up to a minute for one instead of failing with a 500 after Fluent's default 10 s (the deadline burst found it).
    if let url = settings.databaseURL {
        try app.databases.use(.postgres(url: url, maxConnectionsPerEventLoop: 2, connectionPoolTimeout: .seconds(60)), as: .psql)
    } else {
        app.databases.use(.sqlite(.file(settings.databasePath), connectionPoolTimeout: .seconds(60)), as: .sqlite)
        // An existing database is tuned now (commands and tests run as `serve` does); a new one when `Setup.prepare`
        // has made it — opening it here would create the file, and `chitieu doctor` must still find it missing.
        if FileManager.default.fileExists(atPath: settings.databasePath) { try await SQLiteTuning.apply(app) }
    }
    app.migrations.add(CreatePlans(), CreateIndicators(), CreateOrganisations())

    app.migrations.add(CreateAccounts(), CreateAuditLog())
    app.migrations.add(CreateCycles())
    app.migrations.add(CreateReports(), CreateNotifications())
    app.migrations.add(CreateUnitTargets())
    app.migrations.add(CreateTasks(), CreateFundingLines())
    app.migrations.add(CreateSummaryReports())
    app.migrations.add(UpdateAuditLogAddKeyed())
    app.migrations.add(UpdateReportsAddSignature())
    app.migrations.add(CreateSummarySignoff())
    app.migrations.add(CreateDirectives())
    app.migrations.add(CreateIndicatorBaselines(), CreateLeadAssessments())
    app.migrations.add(UpdateIndicatorsAddRatioParts())
    app.migrations.add(CreateSiteSettings())
    app.migrations.add(CreateDataVersions())
    app.migrations.add(CreatePeriodSums())
    app.migrations.add(CreateViewsVersion())
    app.migrations.add(IndexCarriedTerms())
    AuditSeal.current = try AuditSeal(keyPath: settings.auditKeyPath)
    app.loadCommonPasswords()
    app.passwordChecks = PasswordChecks()
    if let smtp = settings.smtp { app.mailer = SMTPMailer(smtp) }

    app.views.useCachedLeaf()
    // A non-finite number stored by an old release (a typed 1 followed by 400 zeros was infinity) must not turn an
    // answer into a 500: JSON has no infinity, so it is written as a string. Inputs never accept these any more.
    ContentConfiguration.global.use(encoder: JSONEncoder.custom(
        dates: .iso8601, floats: .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")), for: .json)
    // A unit's report form (values, comments, three narrative parts) is well above Vapor's 16 kB default.
    app.routes.defaultMaxBodySize = "2mb"
    // gzip for clients that ask for it (pages, JSON, CSS); already-compressed files (DOCX, XLSX, images) are left as they are.
    app.http.server.configuration.responseCompression = .enabled
    // Outermost first: every response, error pages included, gets the security headers.
    app.middleware = Middlewares()
    app.useOperations(settings.operations)
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(CacheControlMiddleware())
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(AppErrorMiddleware())
    app.middleware.use(InputGuardMiddleware())
    app.middleware.use(StaticFilesMiddleware(files: FileMiddleware(publicDirectory: app.directory.publicDirectory)))
    app.middleware.use(AuthenticationMiddleware())
    app.middleware.use(CSRFMiddleware())
    app.middleware.use(AuditAnchorMiddleware())
    app.middleware.use(PlanChoiceMiddleware())
    app.heavyWork = HeavyWork(capacity: settings.heavyWorkers, queueLimit: settings.heavyQueue)
    app.pageCache = PageCache(capacity: 32 << 20)   // 32 MB of rendered dashboards (one at 1,000 units is ~40 kB)
    app.middleware.use(HeavyWorkMiddleware())

    try routes(app, settings: settings)
    app.asyncCommands.use(LoadPlanCommand(), as: "load-plan")
    app.asyncCommands.use(OrganisationsCommand(), as: "orgs")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(AuditCommand(), as: "audit")
    app.asyncCommands.use(CycleCommand(), as: "cycles")
    app.asyncCommands.use(RemindersCommand(), as: "reminders")
    app.asyncCommands.use(TasksCommand(), as: "tasks")
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(ExportCommand(), as: "export")
    app.asyncCommands.use(BenchCommand(), as: "bench")
    app.asyncCommands.use(AggregatesCommand(), as: "aggregates")
    app.asyncCommands.use(ServeWithSetupCommand(), as: "serve", isDefault: true)
}
