import Fluent
import Foundation
import Planning
import Vapor

/// The period and scope choices every dashboard offers, and the query that reproduces the view: a view is a URL
/// that can be bookmarked and shared (`/dashboard?period=2026NovS2&kind=districtHealthCentre&include=provisional`).
struct DashboardFilters: Encodable {
    let period: String
    let periodLabel: String
    let periods: [Choice]
    let organisations: [Choice]
    /// More units than a list can show (a province's commune stations, a whole country): the scope is typed as a unit
    /// code instead of chosen among thousands of options (13,000 options made every dashboard a megabyte).
    let pickByCode: Bool
    /// The unit code in scope, for the box (empty: the whole sector).
    let chosenCode: String
    let kinds: [Choice]
    let leads: [Choice]
    let provisional: Bool
    let hasKinds: Bool
    /// False on a unit's or an office's own page, whose path already fixes the scope.
    let showScope: Bool
    /// `period=…&org=…` — the snapshot's query, for links and downloads.
    let query: String

    init(_ snapshot: EvaluationSnapshot, _ query: EvaluationSnapshot.Query, user: CurrentUser, language: Language,
         fixedScope: Bool = false, on db: any Database) async throws {
        period = snapshot.period.code
        periodLabel = CycleText.period(snapshot.period.code, language)
        let cycles = try await CycleRecord.query(on: db).filter(\.$planCode == snapshot.plan.code).sort(\.$periodCode, .descending).all()
        var periodCodes = cycles.map(\.periodCode)
        if !periodCodes.contains(snapshot.period.code) { periodCodes.insert(snapshot.period.code, at: 0) }
        periods = periodCodes.map { Choice(value: $0, label: CycleText.period($0, language), selected: $0 == snapshot.period.code) }
        let all = try await Directory.active(on: db)
        let chosenOrg = snapshot.scope.isSector || query.kind?.isEmpty == false ? nil : snapshot.scope.organisations.first?.code
        let readable = all.filter { $0.kind != .department && AccessPolicy.mayReadData(role: user.role, own: user.organisationCode, other: $0.code) }
        pickByCode = readable.count > Self.longestList
        chosenCode = chosenOrg ?? ""
        organisations = pickByCode ? [] : [Choice(value: "", label: Localizer.text("dashboard.sector", language), selected: chosenOrg == nil)]
            + readable.map { Choice(value: $0.code, label: "\($0.code) — \($0.name)", selected: $0.code == chosenOrg) }
        kinds = user.role.readsOwnOrganisationOnly ? [] : [Choice(value: "", label: Localizer.text("dashboard.allKinds", language), selected: query.kind?.isEmpty ?? true)]
            + OrganisationKind.allCases.filter { $0 != .department }.map {
                Choice(value: $0.rawValue, label: Localizer.kindLabel($0, language), selected: query.kind == $0.rawValue)
            }
        hasKinds = !kinds.isEmpty && !fixedScope
        showScope = !fixedScope
        leads = [Choice(value: "", label: Localizer.text("dashboard.allLeads", language), selected: snapshot.lead == nil)]
            + all.filter { $0.kind == .office }.map {
                Choice(value: $0.code, label: "\($0.code) — \($0.name)", selected: $0.code == snapshot.lead?.code)
            }
        provisional = snapshot.include == .provisional
        self.query = Self.encode([("period", snapshot.period.code), ("org", query.org), ("kind", query.kind), ("lead", query.lead),
                                  ("include", snapshot.include == .provisional ? "provisional" : nil)])
    }

    /// The most units the scope list shows; beyond, a box for the unit code.
    static let longestList = 300

    static func encode(_ items: [(String, String?)]) -> String {
        var components = URLComponents()
        components.queryItems = items.compactMap { name, value in value.flatMap { $0.isEmpty ? nil : URLQueryItem(name: name, value: $0) } }
        return components.percentEncodedQuery ?? ""
    }
}
