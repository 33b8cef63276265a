import Fluent
import Foundation
import Planning
import Vapor

/// One data value (`/api/dataValues?de=&pe=&ou=&co=`): read it (`["12"]`, as DHIS2 answers), set it (`value=`,
/// `comment=`; 201) or delete it (204). Through the same import as a whole data value set: the report's rules,
/// the unit's own report only, logged like a save from the form.
enum DHIS2DataValues {
    struct Target {
        let dataElement: String
        let period: String
        let orgUnit: String
        let combo: String?
    }

    /// `de`, `pe`, `ou` and `co` from the query (or, for POST, a form body as DHIS2's data entry sends it).
    static func address(_ req: Request) throws -> (Target, DHIS2Parameters) {
        let parameters = DHIS2Parameters(req)
        func required(_ names: String...) throws -> String {
            if let value = names.lazy.compactMap({ parameters.value($0) }).first { return value }
            if req.headers.contentType == .urlEncodedForm, let value = names.lazy.compactMap({ try? req.content.get(String.self, at: $0) }).first(where: { !$0.isEmpty }) {
                return value
            }
            throw DHIS2Error.missing(names[0])
        }
        let combo = parameters.value("co", "categoryOptionCombo")
        let target = Target(dataElement: try required("de", "dataElement"), period: try required("pe", "period"), orgUnit: try required("ou", "orgUnit"),
                            combo: DHIS2DataValueSets.isDefaultCombo(combo) ? nil : combo)
        return (target, parameters)
    }

    @Sendable static func get(req: Request) async throws -> Response {
        let (target, _) = try address(req)
        guard let (code, part) = DataElements.parse(target.dataElement, categoryOptionCombo: target.combo) else {
            throw DHIS2Error.notFound("DataElement", target.dataElement)
        }
        let (plan, _) = try await IndicatorQueries.list(.init(), on: req.db)
        let set = try await ValueExport.dataValueSet(period: target.period, orgUnit: target.orgUnit, children: false, dataSet: plan.code,
                                                     user: req.requireUser(), on: req.db)
        let name = part == .value ? code : "\(code).\(part.rawValue)"
        guard let value = set.dataValues.first(where: { $0.dataElement == name && $0.orgUnit == target.orgUnit })?.value else {
            throw DHIS2Error(.notFound, code: "E2032", vi: "Không có giá trị này.", en: "Data value does not exist.")
        }
        return try DHIS2JSON.array([.string(value)]).response()
    }

    @Sendable static func set(req: Request) async throws -> Response {
        let (target, parameters) = try address(req)
        var value = parameters.value("value")
        var comment = parameters.value("comment")
        if req.headers.contentType == .urlEncodedForm {
            value = value ?? (try? req.content.get(String.self, at: "value"))
            comment = comment ?? (try? req.content.get(String.self, at: "comment"))
        }
        guard value != nil else { throw DHIS2Error.missing("value") }
        _ = try await write(target, value: value, comment: comment, strategy: .createAndUpdate, req: req)
        return Response(status: .created)
    }

    @Sendable static func delete(req: Request) async throws -> Response {
        let (target, _) = try address(req)
        let summary = try await write(target, value: nil, comment: nil, strategy: .delete, req: req)
        guard summary.importCount.deleted > 0 else { throw DHIS2Error(.notFound, code: "E2032", vi: "Không có giá trị này.", en: "Data value does not exist.") }
        return Response(status: .noContent)
    }

    /// One value through `ValueImport.run`; any conflict is a 409 naming it, and nothing is written.
    private static func write(_ target: Target, value: String?, comment: String?, strategy: ValueImport.Strategy, req: Request) async throws -> ImportSummary {
        let incoming = ValueImport.Incoming(dataElement: target.dataElement, period: target.period, orgUnit: target.orgUnit,
                                            categoryOptionCombo: target.combo, value: value, comment: comment, position: "dataValue")
        var options = ValueImport.Options()
        options.strategy = strategy
        let summary = try await ValueImport.run([incoming], options: options, authority: .user(req.requireUser()), actor: req.actor,
                                                checks: req.application.settings.valueChecks, language: req.language, on: req.db)
        if summary.status != "SUCCESS" {
            let reason = summary.conflicts.map(\.value).joined(separator: " ")
            throw DHIS2Error(vi: reason, en: reason)
        }
        return summary
    }
}
