import Fluent
import Foundation
import Planning

/// The reporting cycles tasks and funding are reported in (the cycles themselves are run elsewhere).
enum TaskCycles {
    static func find(_ id: String, on db: any Database) async throws -> CycleRecord {
        guard let uuid = UUID(uuidString: id), let cycle = try await CycleRecord.find(uuid, on: db) else {
            throw TaskError.cycleNotFound(String(id.prefix(40)))
        }
        return cycle
    }

    /// The cycle named by `id`, or the plan's open one; refused unless it is open.
    static func requireOpen(_ id: String?, plan: String, on db: any Database) async throws -> CycleRecord {
        if let id = id?.trimmingCharacters(in: .whitespaces), !id.isEmpty {
            let cycle = try await find(id, on: db)
            guard cycle.planCode == plan else { throw TaskError.cycleNotFound(String(id.prefix(40))) }
            guard cycle.cycleState == .open else { throw TaskError.cycleNotOpen(period: cycle.periodCode) }
            return cycle
        }
        guard let open = try await self.open(plan: plan, on: db) else { throw TaskError.noOpenCycle(plan: plan) }
        return open
    }

    static func open(plan: String, on db: any Database) async throws -> CycleRecord? {
        try await CycleRecord.query(on: db).filter(\.$planCode == plan).filter(\.$state == CycleState.open.rawValue)
            .sort(\.$startsOn, .descending).first()
    }

    /// The plan's cycles, latest first.
    static func all(plan: String, on db: any Database) async throws -> [CycleRecord] {
        try await CycleRecord.query(on: db).filter(\.$planCode == plan).sort(\.$startsOn, .descending).all()
    }

    /// The open cycle, or else the latest one that has begun (opened or closed), or else the latest.
    static func current(plan: String, on db: any Database) async throws -> CycleRecord? {
        let cycles = try await all(plan: plan, on: db)
        return cycles.first { $0.cycleState == .open } ?? cycles.first { $0.cycleState != .planned } ?? cycles.first
    }
}
