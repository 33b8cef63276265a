import Fluent
import Foundation
import Planning

/// Names and links of what directives are about, loaded once per page: the plan's indicators and tasks, every organisation.
struct DirectiveSubjects {
    let indicators: [(code: String, name: String)]
    let tasks: [(code: String, name: String, id: UUID?)]
    let organisations: [String: String]
    let organisationOrder: [(code: String, name: String)]

    static func load(on db: any Database) async throws -> DirectiveSubjects {
        let plan = try await PlanQueries.resolve(nil, on: db)
        let indicators = try await IndicatorRecord.query(on: db).filter(\.$plan.$id == plan.requireID()).sort(\.$number).all().map { ($0.code, $0.name) }
        let tasks = try await TaskRecord.query(on: db).filter(\.$planCode == plan.code).sort(\.$code).all().map { ($0.code, $0.content, $0.id) }
        let ordered = try await Directory.all(on: db).map { ($0.code, $0.name) }
        return DirectiveSubjects(indicators: indicators, tasks: tasks, organisations: try await Directory.names(on: db), organisationOrder: ordered)
    }

    func name(_ directive: DirectiveRecord) -> String {
        switch directive.subjectKind {
        case "indicator": indicators.first { $0.code == directive.subjectCode }?.name ?? ""
        case "organisation": organisations[directive.subjectCode] ?? ""
        default: tasks.first { $0.code == directive.subjectCode }?.name ?? ""
        }
    }

    func link(_ directive: DirectiveRecord) -> String? {
        switch directive.subjectKind {
        case "indicator": "/indicators/\(directive.subjectCode)"
        case "organisation": "/dashboard/units/\(directive.subjectCode)"
        default: tasks.first { $0.code == directive.subjectCode }?.id.map { "/tasks/\($0)" }
        }
    }

    func organisationName(_ code: String) -> String { organisations[code] ?? code }
}
