import Fluent
import Vapor

/// `GET /health` — up only when the database answers (for load balancers and monitoring).
struct HealthController: RouteCollection {
    struct Status: Content {
        let status: String
        let database: String
        let plans: Int
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.requiring(.publicAccess).get("health", use: health)
    }

    @Sendable func health(req: Request) async throws -> Status {
        do {
            let plans = try await PlanRecord.query(on: req.db).count()
            return Status(status: "ok", database: req.application.settings.databaseKind, plans: plans)
        } catch {
            req.logger.error("health check: database unavailable: \(String(reflecting: error))")
            throw AppError.databaseUnavailable
        }
    }
}
