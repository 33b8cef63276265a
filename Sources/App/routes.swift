import Vapor

func routes(_ app: Application, settings: Settings) throws {
    try app.register(collection: IndicatorController())
    try app.register(collection: PlanController())
    try app.register(collection: OrganisationController())
    try app.register(collection: HealthController())
    try app.register(collection: OpenAPIController(directory: settings.directory))
    try app.register(collection: AccountController())
    try app.register(collection: AdminUserController())
    try app.register(collection: AdminTokenController())
    try app.register(collection: AdminOrganisationController())
    try app.register(collection: AuditController())
    try app.register(collection: CycleController())
    try app.register(collection: ReportController())
    try app.register(collection: NotificationController())
    try app.register(collection: EvaluationController())
    try app.register(collection: UnitPlanController())
    try app.register(collection: TaskController())
    try app.register(collection: TaskAPIController())
    try app.register(collection: SummaryReportController())
    try app.register(collection: ExchangeController())
    try app.register(collection: LeadAssessmentController())
}
