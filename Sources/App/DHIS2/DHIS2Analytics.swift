import Fluent
import Foundation
import Planning
import Vapor

/// `GET /api/analytics`: consolidated figures as DHIS2's analytics grid (`headers`, `metaData`, `rows`), taken from the
/// evaluation itself (`EvaluationSnapshot`, what `/api/v1/evaluation` answers), so the two cannot disagree: ratios are
/// 100 × Σnumerator / Σdenominator, counts sums, stocks and flows by the year rules; a level is its median's rank.
///
/// `dimension=dx:CT01;CT05`, `dimension=pe:2026NovS1;2026NovS2`, `dimension=ou:SYT;MAU-BVDK-A` (or `filter=pe:…`,
/// `filter=ou:…` with one item each). `ou:SYT` (or `USER_ORGUNIT` of a Department account) is the whole sector.
/// Approved values only, as on the dashboards; `include=provisional` (chitieu's own parameter) counts every value stored.
enum DHIS2Analytics {
    struct Dimensions {
        var dx: [String] = []
        var pe: [String] = []
        var ou: [String] = []
        var asRows: Set<String> = []
    }

    static let maximumViews = 100

    static func dimensions(_ parameters: DHIS2Parameters, user: CurrentUser) throws -> Dimensions {
        var result = Dimensions()
        for (kind, texts) in [("dimension", parameters.values("dimension")), ("filter", parameters.values("filter"))] {
            for text in texts where !text.isEmpty {
                let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2, ["dx", "pe", "ou"].contains(parts[0]) else {
                    throw DHIS2Error.unsupported(kind, text, allowed: ["dx:CT01;CT05", "pe:2026NovS2", "ou:SYT"])
                }
                let items = parts[1].split(separator: ";").map { String($0) == "USER_ORGUNIT" ? user.organisationCode : String($0) }
                if kind == "filter" && items.count != 1 {
                    throw DHIS2Error(vi: "filter=\(parts[0]) chỉ nhận một mục (hãy dùng dimension=\(parts[0]):… để có từng mục).",
                                     en: "filter=\(parts[0]) takes one item here (use dimension=\(parts[0]):… for one row each).")
                }
                switch parts[0] {
                case "dx": result.dx += items
                case "pe": result.pe += items
                default: result.ou += items
                }
                if kind == "dimension" { result.asRows.insert(parts[0]) }
            }
        }
        guard !result.dx.isEmpty else { throw DHIS2Error(code: "E7102", vi: "Cần dimension=dx:… (mã chỉ tiêu).", en: "At least one data dimension item must be specified (dx).") }
        guard !result.pe.isEmpty else { throw DHIS2Error(code: "E7104", vi: "Cần dimension=pe:… hoặc filter=pe:….", en: "At least one period must be specified (pe).") }
        if result.ou.isEmpty { result.ou = [user.role.readsOwnOrganisationOnly ? user.organisationCode : Directory.department.code] }
        // Each period × organisation is one evaluation: a bounded number of them per request.
        guard result.pe.count * result.ou.count <= maximumViews, result.dx.count <= 1_000 else {
            throw DHIS2Error(vi: "Nhiều nhất \(maximumViews) cặp kỳ × đơn vị trong một yêu cầu.", en: "At most \(maximumViews) period × organisation unit pairs per request.")
        }
        return result
    }

    @Sendable static func analytics(req: Request) async throws -> Response {
        let parameters = DHIS2Parameters(req)
        let user = try req.requireUser()
        let dims = try dimensions(parameters, user: user)
        let metadata = try await DHIS2Metadata.load(on: req.db)
        let byCode = Dictionary(metadata.indicators.map { ($0.code, $0) }) { first, _ in first }
        for code in dims.dx where byCode[code] == nil { throw DHIS2Error(code: "E7143", vi: "Không có chỉ tiêu \(code).", en: "Data dimension item \(code) does not exist.") }
        let names = Dictionary(metadata.organisations.map { ($0.code, $0.name) }) { first, _ in first }
        for org in dims.ou where names[org] == nil { throw DHIS2Error(code: "E7143", vi: "Không có cơ quan, đơn vị \(org).", en: "Organisation unit \(org) does not exist.") }
        var rows: [[String]] = []
        for period in dims.pe {
            for org in dims.ou {
                let query = EvaluationSnapshot.Query(period: period, org: org == Directory.department.code ? nil : org, kind: nil, lead: nil,
                                                     include: parameters.value("include"), plan: nil)
                let snapshot = try await EvaluationSnapshot.load(query, user: user, on: req.db, coverageThreshold: req.application.settings.coverageThreshold)
                for code in dims.dx {
                    guard let index = snapshot.indicators.firstIndex(where: { $0.code == code }), snapshot.assessments.indices.contains(index),
                          let value = EvaluationDTO(snapshot.assessments[index], indicator: snapshot.indicators[index]).value, value.isFinite else { continue }
                    var row: [String] = []
                    if dims.asRows.contains("dx") { row.append(code) }
                    if dims.asRows.contains("pe") { row.append(period) }
                    if dims.asRows.contains("ou") { row.append(org) }
                    rows.append(row + [NumberStyle.plain(value)])
                }
            }
        }
        let columns = [("dx", "Data"), ("pe", "Period"), ("ou", "Organisation unit")].filter { dims.asRows.contains($0.0) }
        let headers: [DHIS2JSON] = columns.map { name, column in
            .object([("name", .string(name)), ("column", .string(column)), ("valueType", .string("TEXT")), ("type", .string("java.lang.String")),
                     ("hidden", .bool(false)), ("meta", .bool(true))])
        } + [.object([("name", .string("value")), ("column", .string("Value")), ("valueType", .string("NUMBER")), ("type", .string("java.lang.Double")),
                      ("hidden", .bool(false)), ("meta", .bool(false))])]
        var items: [(String, DHIS2JSON)] = dims.dx.map { ($0, DHIS2JSON.object([("name", .string(byCode[$0]?.name ?? $0))])) }
        items += dims.pe.map { ($0, DHIS2JSON.object([("name", .string($0))])) }
        items += dims.ou.map { ($0, DHIS2JSON.object([("name", .string(names[$0] ?? $0))])) }
        items += [("dx", .object([("name", .string("Data"))])), ("pe", .object([("name", .string("Period"))])), ("ou", .object([("name", .string("Organisation unit"))]))]
        let metaData = DHIS2JSON.object([
            ("items", .object(items)),
            ("dimensions", .object([("dx", .array(dims.dx.map(DHIS2JSON.string))), ("pe", .array(dims.pe.map(DHIS2JSON.string))),
                                    ("ou", .array(dims.ou.map(DHIS2JSON.string))), ("co", .array([]))])),
        ])
        return try DHIS2JSON.object([
            ("headers", .array(headers)), ("metaData", metaData), ("rows", .array(rows.map { .array($0.map(DHIS2JSON.string)) })),
            ("headerWidth", .number(Double(headers.count))), ("width", .number(Double(headers.count))), ("height", .number(Double(rows.count))),
        ]).response()
    }
}
