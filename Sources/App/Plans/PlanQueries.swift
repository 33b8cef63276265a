import Fluent
import Foundation
import Planning

enum PlanQueries {
    /// The plan named by `code`, or the most recently loaded one when no code is given.
    static func resolve(_ code: String?, on db: any Database) async throws -> PlanRecord {
        if let code, !code.isEmpty {
            guard let plan = try await PlanRecord.query(on: db).filter(\.$code == code).first() else {
                throw AppError.planNotFound(code)
            }
            return plan
        }
        guard let plan = try await PlanRecord.query(on: db).sort(\.$createdAt, .descending).first() else {
            throw AppError.planNotFound("-")
        }
        return plan
    }

    static func all(on db: any Database) async throws -> [PlanRecord] {
        try await PlanRecord.query(on: db).with(\.$groups).with(\.$indicators).sort(\.$code).all()
    }
}

enum IndicatorQueries {
    struct Filter {
        var plan: String?
        var group: String?
        var leadOffice: String?
    }

    /// The plan's indicators in plan order, narrowed by group and lead office.
    static func list(_ filter: Filter, on db: any Database) async throws -> (PlanRecord, [Indicator]) {
        let plan = try await PlanQueries.resolve(filter.plan, on: db)
        var indicators = try await indicators(of: plan, on: db)
        if let group = filter.group { indicators = indicators.filter { $0.group == group } }
        guard let office = filter.leadOffice else { return (plan, indicators) }
        return (plan, indicators.filter { $0.leadOffices.contains(office) })
    }

    /// A plan's indicators are read and decoded once, then kept until a plan is loaded again (the `plan` data version,
    /// raised in the same transaction as any change to plans, groups, indicators or targets).
    static let cache = VersionedCache<UUID, [Indicator]>(capacity: 16)

    static func indicators(of plan: PlanRecord, on db: any Database) async throws -> [Indicator] {
        let planID = try plan.requireID()
        return try await cache.get(planID, version: "plan", on: db) {
            try await IndicatorRecord.query(on: db).filter(\.$plan.$id == planID).with(\.$targets).sort(\.$number).all().map { $0.toDomain() }
        }
    }

    static func find(_ code: String, plan: String?, on db: any Database) async throws -> (PlanRecord, Indicator) {
        let plan = try await PlanQueries.resolve(plan, on: db)
        let planID = try plan.requireID()
        guard let record = try await IndicatorRecord.query(on: db)
            .filter(\.$plan.$id == planID).filter(\.$code == code.uppercased())
            .with(\.$targets).first() else { throw AppError.indicatorNotFound(code) }
        return (plan, record.toDomain())
    }
}
