import Documents
import Fluent
import Foundation
import Planning
import Vapor

/// The stored values of a period as a DHIS2 dataValueSet: one organisation, or it and the units under it (`children`;
/// the Department's children are every organisation). Every value stored in a report is exported, whatever the
/// report's state, so that export → import gives the same data back.
enum ValueExport {
    static func dataValueSet(period code: String, orgUnit: String?, children: Bool, dataSet: String?, user: CurrentUser?,
                             on db: any Database) async throws -> DataValueSet {
        guard let period = try? ReportingPeriod(code: code) else { throw CycleError.invalidPeriod(code) }
        let (plan, indicators) = try await IndicatorQueries.list(.init(), on: db)
        if let dataSet, !dataSet.isEmpty, dataSet != plan.code {
            throw AppError.invalidQuery(parameter: "dataSet", value: dataSet, allowed: [plan.code])
        }
        let all = try await Directory.all(on: db).map { $0.toDomain() }
        let root = orgUnit ?? user?.organisationCode ?? Directory.department.code
        guard all.contains(where: { $0.code == root }) else { throw AppError.invalidQuery(parameter: "orgUnit", value: root, allowed: all.map(\.code)) }
        var codes: Set<String> = [root]
        if children { codes.formUnion(root == Directory.department.code ? all.map(\.code) : all.filter { $0.parentCode == root }.map(\.code)) }
        if let user, user.role.readsOwnOrganisationOnly {
            guard codes.contains(user.organisationCode), root == user.organisationCode || root == Directory.department.code else { throw AppError.forbidden }
            codes = [user.organisationCode]
        }
        let byCode = Dictionary(uniqueKeysWithValues: indicators.map { ($0.code, $0) })
        var values: [DataValueSet.DataValue] = []
        if let cycle = try await CycleRecord.query(on: db).filter(\.$planCode == plan.code).filter(\.$periodCode == period.code).first() {
            let reports = try await ReportRecord.query(on: db).filter(\.$cycle.$id == cycle.requireID()).sort(\.$organisationCode).all()
            let stored = try await ReportValues.byReport(cycle: cycle.requireID(), on: db)
            let formatter = ISO8601DateFormatter()
            for report in reports where codes.contains(report.organisationCode) {
                for record in (report.id.flatMap { stored[$0] } ?? []).sorted(by: { (byCode[$0.indicatorCode]?.number ?? 0) < (byCode[$1.indicatorCode]?.number ?? 0) }) {
                    guard let indicator = byCode[record.indicatorCode] else { continue }
                    // A lead office exports another organisation's values only of the indicators it leads.
                    if let user, AccessPolicy.visibleIndicators([indicator], role: user.role, own: user.organisationCode,
                                                                report: report.organisationCode).isEmpty { continue }
                    for element in DataElements.values(of: record.entry, indicator) {
                        values.append(.init(dataElement: element.name, period: period.code, orgUnit: report.organisationCode, value: element.value,
                                            comment: record.comment, storedBy: record.updatedBy, lastUpdated: record.updatedAt.map(formatter.string)))
                    }
                }
            }
        }
        return DataValueSet(dataSet: plan.code, period: period.code, orgUnit: root, completeDate: nil, dataValues: values)
    }

    /// The same values as DHIS2's CSV (header line first, UTF-8 without BOM, as DHIS2 writes it).
    static func csv(_ set: DataValueSet) -> Data {
        let rows = set.dataValues.map { v in
            [v.dataElement, v.period ?? "", v.orgUnit ?? "", v.categoryOptionCombo ?? "", v.attributeOptionCombo ?? "", v.value ?? "",
             v.storedBy ?? "", v.lastUpdated ?? "", v.comment ?? "", "false"]
        }
        return CSVWriter.data([DataValueCSV.header] + rows, byteOrderMark: false)
    }
}
