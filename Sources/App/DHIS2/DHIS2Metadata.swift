import Fluent
import Foundation
import Planning

/// chitieu's plan as DHIS2 metadata, read-only. Ids are chitieu's codes (stable, also given as `code`): organisation
/// codes for org units, indicator codes for data elements and indicators, the plan's code for the data set. A ratio's
/// data element has the category combo `NUMDEN` whose option combos `NUM` and `DEN` carry its numerator and
/// denominator (`DataElements`); every other data element has DHIS2's `default` combo.
struct DHIS2Metadata: Sendable {
    static let defaultCombo = "default"
    static let ratioCombo = "NUMDEN"
    static let periodType = "SixMonthlyNov"

    let plan: PlanRecord
    let indicators: [Indicator]
    let organisations: [Organisation]
    /// Every object by type and id, for `parent[id,name]` and `filter=parent.name:…`.
    let objects: [String: [String: DHIS2JSON]]
    let lists: [String: [DHIS2JSON]]

    static func load(on db: any Database) async throws -> DHIS2Metadata {
        let (plan, indicators) = try await IndicatorQueries.list(.init(), on: db)
        let organisations = try await Directory.all(on: db).map { $0.toDomain() }
        return DHIS2Metadata(plan: plan, indicators: indicators, organisations: organisations)
    }

    init(plan: PlanRecord, indicators: [Indicator], organisations: [Organisation]) {
        self.plan = plan
        self.indicators = indicators
        self.organisations = organisations
        let lists: [String: [DHIS2JSON]] = [
            "organisationUnits": Self.organisationUnits(organisations, dataSet: plan.code),
            "dataElements": indicators.map { Self.dataElement($0, dataSet: plan.code) },
            "categoryCombos": Self.categoryCombos(),
            "categoryOptionCombos": Self.categoryOptionCombos(),
            "dataSets": [Self.dataSet(plan, indicators, organisations)],
            "indicators": indicators.compactMap(Self.indicator),
        ]
        self.lists = lists
        objects = lists.mapValues { items in
            Dictionary(items.compactMap { item in item["id"]?.text.map { ($0, item) } }) { first, _ in first }
        }
    }

    /// The DHIS2 type name of each collection (for "… could not be found").
    static let typeNames = ["organisationUnits": "OrganisationUnit", "dataElements": "DataElement", "categoryCombos": "CategoryCombo",
                            "categoryOptionCombos": "CategoryOptionCombo", "dataSets": "DataSet", "indicators": "Indicator"]

    func resolve(_ type: String, _ id: String) -> DHIS2JSON? { objects[type]?[id] }

    private static func identity(_ id: String, name: String, shortName: String? = nil) -> [(String, DHIS2JSON)] {
        let short = shortName ?? String(name.prefix(50))
        return [("id", .string(id)), ("code", .string(id)), ("name", .string(name)), ("displayName", .string(name)),
                ("shortName", .string(short)), ("displayShortName", .string(short))]
    }

    static func organisationUnits(_ organisations: [Organisation], dataSet: String) -> [DHIS2JSON] {
        let byCode = Dictionary(organisations.map { ($0.code, $0) }) { first, _ in first }
        func ancestry(_ organisation: Organisation) -> [String] {
            var chain = [organisation.code]
            var current = organisation
            while let parent = current.parentCode.flatMap({ byCode[$0] }), !chain.contains(parent.code), chain.count < 20 {
                chain.insert(parent.code, at: 0)
                current = parent
            }
            return chain
        }
        return organisations.map { organisation in
            let chain = ancestry(organisation)
            let children = organisations.filter { $0.parentCode == organisation.code }.map { DHIS2JSON.reference(type: "organisationUnits", id: $0.code) }
            var pairs = identity(organisation.code, name: organisation.name)
            pairs += [("level", .number(Double(chain.count))), ("path", .string("/" + chain.joined(separator: "/"))),
                      ("parent", organisation.parentCode.flatMap { byCode[$0] }.map { DHIS2JSON.reference(type: "organisationUnits", id: $0.code) } ?? DHIS2JSON.null),
                      ("children", .array(children)),
                      ("dataSets", .array([.reference(type: "dataSets", id: dataSet)])),
                      ("leaf", .bool(children.isEmpty))]
            return .object(pairs)
        }
    }

    /// DHIS2's value and aggregation types: a stock keeps its latest value over time (DHIS2's LAST: "last value, sum in
    /// org unit hierarchy"), a flow adds up; yes/no and levels are not summed.
    static func dataElement(_ indicator: Indicator, dataSet: String) -> DHIS2JSON {
        let valueType = switch indicator.measure {
        case .ratio, .count: "NUMBER"
        case .shareOfUnits: "BOOLEAN"
        case .level: "TEXT"
        }
        let aggregation = switch indicator.measure {
        case .ratio, .count: indicator.aggregation == .stock ? "LAST" : "SUM"
        case .shareOfUnits: "COUNT"
        case .level: "NONE"
        }
        var pairs = identity(indicator.code, name: indicator.name)
        pairs += [("description", indicator.note.map(DHIS2JSON.string) ?? .null), ("domainType", .string("AGGREGATE")),
                  ("valueType", .string(valueType)), ("aggregationType", .string(aggregation)), ("zeroIsSignificant", .bool(true)),
                  ("categoryCombo", .reference(type: "categoryCombos", id: indicator.measure == .ratio ? ratioCombo : defaultCombo)),
                  ("dataSetElements", .array([.object([("dataSet", .reference(type: "dataSets", id: dataSet)),
                                                       ("dataElement", .reference(type: "dataElements", id: indicator.code))])]))]
        if indicator.measure == .level {
            pairs.append(("optionSetValue", .bool(true)))
            pairs.append(("options", .array(indicator.scale.map(DHIS2JSON.string))))
        }
        return .object(pairs)
    }

    static func categoryCombos() -> [DHIS2JSON] {
        [.object(identity(defaultCombo, name: "default") + [("dataDimensionType", .string("DISAGGREGATION")), ("isDefault", .bool(true)),
                  ("categoryOptionCombos", .array([.reference(type: "categoryOptionCombos", id: defaultCombo)]))]),
         .object(identity(ratioCombo, name: "Tử số / Mẫu số") + [("dataDimensionType", .string("DISAGGREGATION")), ("isDefault", .bool(false)),
                  ("categoryOptionCombos", .array([.reference(type: "categoryOptionCombos", id: "NUM"),
                                                   .reference(type: "categoryOptionCombos", id: "DEN")]))])]
    }

    static func categoryOptionCombos() -> [DHIS2JSON] {
        [(defaultCombo, "default", defaultCombo), ("NUM", "Tử số", ratioCombo), ("DEN", "Mẫu số", ratioCombo)].map { id, name, combo in
            .object(identity(id, name: name) + [("categoryCombo", .reference(type: "categoryCombos", id: combo)), ("ignoreApproval", .bool(false))])
        }
    }

    /// The plan as one data set: its indicators, reported every six months from November, by every organisation that
    /// reports at least one of them.
    static func dataSet(_ plan: PlanRecord, _ indicators: [Indicator], _ organisations: [Organisation]) -> DHIS2JSON {
        let reporting = organisations.filter { organisation in indicators.contains { $0.reporters.includes(organisation) } }
        return .object(identity(plan.code, name: plan.title) + [
            ("periodType", .string(periodType)), ("categoryCombo", .reference(type: "categoryCombos", id: defaultCombo)),
            ("openFuturePeriods", .number(0)), ("expiryDays", .number(0)), ("timelyDays", .number(0)),
            ("dataSetElements", .array(indicators.map { .object([("dataSet", .reference(type: "dataSets", id: plan.code)),
                                                                 ("dataElement", .reference(type: "dataElements", id: $0.code))]) })),
            ("organisationUnits", .array(reporting.map { .reference(type: "organisationUnits", id: $0.code) })),
        ])
    }

    /// A ratio as DHIS2 writes an indicator: 100 × Σ numerator / Σ denominator; a count as its sum. Shares of units and
    /// levels have no such expression (analytics still answers them, from the evaluation).
    static func indicator(_ indicator: Indicator) -> DHIS2JSON? {
        let parts: (numerator: String, denominator: String, factor: Double)
        switch indicator.measure {
        case .ratio: parts = ("#{\(indicator.code).NUM}", "#{\(indicator.code).DEN}", 100)
        case .count: parts = ("#{\(indicator.code)}", "1", 1)
        case .shareOfUnits, .level: return nil
        }
        let (numerator, denominator, factor) = parts
        return .object(identity(indicator.code, name: indicator.name) + [
            ("numerator", .string(numerator)), ("numeratorDescription", .string(indicator.numeratorText ?? "")),
            ("denominator", .string(denominator)), ("denominatorDescription", .string(indicator.denominatorText ?? "")),
            ("indicatorType", .object([("id", .string(factor == 100 ? "PERCENT" : "NUMBER")), ("name", .string(factor == 100 ? "Phần trăm" : "Số")),
                                       ("factor", .number(factor)), ("number", .bool(factor == 1))])),
            ("annualized", .bool(false)), ("decimals", .null),
        ])
    }
}
