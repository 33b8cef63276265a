import Foundation
import Planning
import Testing
import VaporTesting
@testable import App

/// Calls the reporting API as a signed-in user of a role (with the session's CSRF token on writes).
struct ReportAPI {
    let app: Application

    func call(_ method: HTTPMethod, _ path: String, as role: Role, organisation: String? = nil, json: String? = nil) async throws -> TestingHTTPResponse {
        var headers = try await app.session(role, organisation: organisation)
        if !method.isSafe { headers.add(name: "X-CSRF-Token", value: try await csrfToken(of: headers, app: app)) }
        if json != nil { headers.contentType = .json }
        return try await app.testing().sendRequest(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    func report(_ id: UUID, as role: Role = .coordinator) async throws -> WireReport {
        let res = try await call(.GET, "/api/v1/reports/\(id)", as: role)
        #expect(res.status == .ok, "\(res.body.string)")
        return try res.content.decode(WireReport.self)
    }

    func save(_ id: UUID, version: Int, values: String, as role: Role = .unitReporter, organisation: String? = nil, submit: Bool = false) async throws -> TestingHTTPResponse {
        try await call(submit ? .POST : .PUT, "/api/v1/reports/\(id)" + (submit ? "/submit" : ""), as: role, organisation: organisation,
                       json: #"{"version":\#(version),"values":{\#(values)}}"#)
    }

    /// Every value of the report filled in validly, as JSON members.
    static func allValues(_ report: WireReport) -> String {
        report.values.map { value in
            let body: String = switch value.measure {
            case "ratio": #"{"numerator":40,"denominator":50}"#
            case "count": #"{"amount":2}"#
            case "shareOfUnits": #"{"answer":true}"#
            default: #"{"level":"\#(value.scaleTop)"}"#
            }
            return #""\#(value.indicator)":\#(body)"#
        }.joined(separator: ",")
    }
}

struct WireReport: Decodable {
    struct Summary: Decodable {
        let id: UUID
        let organisation: String
        let state: String
        let version: Int
        let submittedAt: Date?
        let late: Bool
    }

    struct Value: Decodable {
        let indicator: String
        let measure: String
        let numerator: Double?
        let denominator: Double?
        let amount: Double?
        let answer: Bool?
        let level: String?
        let percent: Double?
        let comment: String?
        let reviewComment: String?
        /// The top of each level indicator's scale in the bundled plan (CT10, CT11, CT33, CT37).
        var scaleTop: String {
            ["CT10": "Ứng dụng mạnh mẽ", "CT11": "Ứng dụng mạnh mẽ một số CN", "CT33": "Đạt chuẩn tiên tiến",
             "CT37": "Hoàn thiện, đưa vào sử dụng thực tế"][indicator] ?? ""
        }
    }

    let report: Summary
    let returnReason: String?
    let values: [Value]

    func value(_ code: String) -> Value? { values.first { $0.indicator == code } }
}
