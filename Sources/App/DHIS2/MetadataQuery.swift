import Foundation
import Vapor

/// DHIS2's metadata query language over built objects: `fields` (which properties, nested with `[…]`, `*`,
/// `:all`, `:identifiable`, `:nameable`, `!x` to leave one out), `filter` (`property:operator:value`, dotted paths,
/// joined by `rootJunction` AND/OR), `order` (`name:asc`, `:iasc`, `:desc`, `:idesc`) and `paging`/`page`/`pageSize`
/// with DHIS2's `pager`.
struct MetadataQuery: Sendable {
    /// One requested property: `parent[id,name]` is ("parent", [id, name]).
    struct Field: Sendable, Equatable {
        var name: String
        var children: [Field]?
        var excluded = false
    }

    struct Filter: Sendable {
        var path: [String]
        var operation: String
        var value: String
    }

    var fields: [Field]
    var filters: [Filter]
    var matchesAll: Bool
    var order: [(path: [String], ascending: Bool, ignoringCase: Bool)]
    var paging: Bool
    var page: Int
    var pageSize: Int

    static let operations: Set<String> = ["eq", "!eq", "ne", "neq", "like", "!like", "ilike", "!ilike", "$like", "!$like", "like$", "!like$",
                                          "$ilike", "!$ilike", "ilike$", "!ilike$", "in", "!in", "null", "!null", "empty", "!empty",
                                          "gt", "ge", "lt", "le", "token", "!token"]

    /// Reads the query of `request`; `defaultFields` is DHIS2's (`id,displayName` for a list, `*` for one object).
    init(_ request: Request, defaultFields: String) throws {
        let parameters = DHIS2Parameters(request)
        let fieldText = parameters.values("fields").filter { !$0.isEmpty }.joined(separator: ",")
        fields = try Self.parseFields(fieldText.isEmpty ? defaultFields : fieldText)
        filters = try parameters.values("filter").filter { !$0.isEmpty }.map(Self.parseFilter)
        switch parameters.value("rootJunction")?.uppercased() {
        case nil, "AND": matchesAll = true
        case "OR": matchesAll = false
        case let other?: throw DHIS2Error.unsupported("rootJunction", other, allowed: ["AND", "OR"])
        }
        order = try parameters.values("order").flatMap { $0.split(separator: ",") }.map { item in
            let parts = item.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let direction = parts.count > 1 ? parts[1].lowercased() : "asc"
            guard ["asc", "desc", "iasc", "idesc"].contains(direction), parts.count <= 2, let property = parts.first, !property.isEmpty else {
                throw DHIS2Error.unsupported("order", String(item), allowed: ["property:asc", "property:desc", "property:iasc", "property:idesc"])
            }
            return (path: property.split(separator: ".").map(String.init), ascending: direction.hasSuffix("asc"), ignoringCase: direction.hasPrefix("i"))
        }
        paging = try parameters.flag("paging", default: true)
        page = try Self.positive(parameters.value("page"), "page", default: 1)
        pageSize = try Self.positive(parameters.value("pageSize"), "pageSize", default: 50)
    }

    private static func positive(_ text: String?, _ name: String, default value: Int) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), (1...1_000_000).contains(number) else {
            throw AppError.invalidField(field: name, value: text)
        }
        return number
    }

    // MARK: fields

    static func parseFields(_ text: String) throws -> [Field] {
        var index = text.startIndex
        let fields = try parseList(text, &index, depth: 0)
        guard index == text.endIndex else { throw DHIS2Error.unsupported("fields", text, allowed: ["id,name,parent[id,name]", "*", ":all"]) }
        return fields
    }

    /// Nesting deeper than DHIS2's objects go (`a[b[c[…]]]`) is refused rather than followed down the stack.
    static let maximumDepth = 8

    private static func parseList(_ text: String, _ index: inout String.Index, depth: Int) throws -> [Field] {
        guard depth <= maximumDepth else { throw DHIS2Error.unsupported("fields", String(text.prefix(80)), allowed: ["at most \(maximumDepth) levels of […]"]) }
        var fields: [Field] = []
        var name = ""
        func flush(_ children: [Field]? = nil) {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty || children != nil {
                let excluded = trimmed.hasPrefix("!")
                fields.append(Field(name: excluded ? String(trimmed.dropFirst()) : trimmed, children: children, excluded: excluded))
            }
            name = ""
        }
        while index < text.endIndex {
            let character = text[index]
            switch character {
            case ",": flush(); index = text.index(after: index)
            case "[", "(":
                index = text.index(after: index)
                let children = try parseList(text, &index, depth: depth + 1)
                guard index < text.endIndex, "])".contains(text[index]) else {
                    throw DHIS2Error.unsupported("fields", text, allowed: ["id,name,parent[id,name]"])
                }
                index = text.index(after: index)
                flush(children)
            case "]", ")": flush(); return fields
            default: name.append(character); index = text.index(after: index)
            }
        }
        flush()
        return fields
    }

    static let identifiable = ["id", "code", "name", "displayName", "created", "lastUpdated"]
    static let nameable = identifiable + ["shortName", "displayShortName", "description"]

    /// `value` cut to `fields`; a reference is looked up (`resolve`) when more than its id is asked for.
    static func project(_ value: DHIS2JSON, _ fields: [Field]?, resolve: (String, String) -> DHIS2JSON?) -> DHIS2JSON {
        switch value {
        case .array(let items): return .array(items.map { project($0, fields, resolve: resolve) })
        case .reference(let type, let id):
            guard let fields, fields.contains(where: { $0.name != "id" && !$0.excluded }), let full = resolve(type, id) else { return value }
            return project(full, fields, resolve: resolve)
        case .object(let pairs):
            guard let fields else { return value }
            let keys = pairs.map(\.0)
            var wanted: [String] = []
            for field in fields where !field.excluded {
                switch field.name {
                case "*", ":all", ":owner": wanted += keys
                case ":identifiable": wanted += identifiable
                case ":nameable": wanted += nameable
                default: wanted.append(field.name)
                }
            }
            let excluded = Set(fields.filter(\.excluded).map(\.name))
            var seen = Set<String>()
            let chosen = wanted.filter { !excluded.contains($0) && keys.contains($0) && seen.insert($0).inserted }
            return .object(chosen.compactMap { key in
                guard let child = pairs.first(where: { $0.0 == key })?.1 else { return nil }
                let spec = fields.last { $0.name == key && !$0.excluded }?.children
                return (key, project(child, spec, resolve: resolve))
            })
        default: return value
        }
    }

    // MARK: filter

    static func parseFilter(_ text: String) throws -> Filter {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, !parts[0].isEmpty, operations.contains(parts[1]) else {
            throw DHIS2Error.unsupported("filter", text, allowed: ["property:eq:value", "property:in:[a,b]", "property:like:text", "property:ilike:text"])
        }
        let needsValue = !["null", "!null", "empty", "!empty"].contains(parts[1])
        if needsValue && parts.count < 3 { throw DHIS2Error.unsupported("filter", text, allowed: ["property:\(parts[1]):value"]) }
        return Filter(path: parts[0].split(separator: ".").map(String.init), operation: parts[1], value: parts.count > 2 ? parts[2] : "")
    }

    /// The values at `path` in `object` (several where the path goes through a list).
    static func values(at path: [String], in object: DHIS2JSON, resolve: (String, String) -> DHIS2JSON?) -> [DHIS2JSON] {
        guard let key = path.first else { return [object] }
        switch object {
        case .array(let items): return items.flatMap { values(at: path, in: $0, resolve: resolve) }
        case .reference(let type, let id):
            if path == ["id"] { return [.string(id)] }
            return resolve(type, id).map { values(at: path, in: $0, resolve: resolve) } ?? []
        case .object: return object[key].map { values(at: Array(path.dropFirst()), in: $0, resolve: resolve) } ?? []
        default: return []
        }
    }

    static func matches(_ filter: Filter, _ object: DHIS2JSON, resolve: (String, String) -> DHIS2JSON?) -> Bool {
        let found = values(at: filter.path, in: object, resolve: resolve)
        let texts = found.compactMap(\.text)
        let negated = filter.operation.hasPrefix("!") || filter.operation == "ne" || filter.operation == "neq"
        let operation = filter.operation.hasPrefix("!") ? String(filter.operation.dropFirst()) : filter.operation
        let value = filter.value
        let hit: Bool
        switch operation {
        case "eq", "ne", "neq": hit = texts.contains(value)
        case "like": hit = texts.contains { $0.contains(value) }
        case "ilike", "token": hit = texts.contains { $0.localizedCaseInsensitiveContains(value) }
        case "$like": hit = texts.contains { $0.hasPrefix(value) }
        case "like$": hit = texts.contains { $0.hasSuffix(value) }
        case "$ilike": hit = texts.contains { $0.lowercased().hasPrefix(value.lowercased()) }
        case "ilike$": hit = texts.contains { $0.lowercased().hasSuffix(value.lowercased()) }
        case "in":
            let list = Set(value.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",").map(String.init))
            hit = texts.contains { list.contains($0) }
        case "null": hit = found.isEmpty || found.allSatisfy { $0 == .null }
        case "empty": hit = found.allSatisfy { if case .array(let items) = $0 { items.isEmpty } else { $0 == .null } }
        case "gt", "ge", "lt", "le":
            hit = texts.contains { text in
                let ordering: ComparisonResult = if let a = Double(text), let b = Double(value) {
                    a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
                } else { text.compare(value) }
                switch operation {
                case "gt": return ordering == .orderedDescending
                case "ge": return ordering != .orderedAscending
                case "lt": return ordering == .orderedAscending
                default: return ordering != .orderedDescending
                }
            }
        default: hit = false
        }
        return negated ? !hit : hit
    }

    // MARK: the answer

    /// `{"pager": …, "<collection>": […]}` (no pager with `paging=false`), filtered, ordered, paged and cut to `fields`.
    func collection(_ name: String, _ objects: [DHIS2JSON], request: Request, resolve: (String, String) -> DHIS2JSON?) -> DHIS2JSON {
        var selected = objects.filter { object in
            filters.isEmpty || (matchesAll ? filters.allSatisfy { Self.matches($0, object, resolve: resolve) }
                                           : filters.contains { Self.matches($0, object, resolve: resolve) })
        }
        for rule in order.reversed() {
            func key(_ object: DHIS2JSON) -> String {
                let text = Self.values(at: rule.path, in: object, resolve: resolve).first?.text ?? ""
                return rule.ignoringCase ? text.lowercased() : text
            }
            selected = selected.enumerated().sorted { a, b in
                let (x, y) = (key(a.element), key(b.element))
                if x == y { return a.offset < b.offset }
                return rule.ascending ? x < y : x > y
            }.map(\.element)
        }
        let total = selected.count
        guard paging else { return .object([(name, .array(selected.map { Self.project($0, fields, resolve: resolve) }))]) }
        let pageCount = max(1, (total + pageSize - 1) / pageSize)
        let start = min(total, (page - 1).multipliedReportingOverflow(by: pageSize).overflow ? total : (page - 1) * pageSize)
        let slice = Array(selected[start..<min(total, start + pageSize)])
        var pager: [(String, DHIS2JSON)] = [("page", .number(Double(page))), ("total", .number(Double(total))),
                                             ("pageSize", .number(Double(pageSize))), ("pageCount", .number(Double(pageCount)))]
        if page < pageCount { pager.append(("nextPage", .string(Self.link(request, page: page + 1)))) }
        if page > 1 { pager.append(("prevPage", .string(Self.link(request, page: page - 1)))) }
        return .object([("pager", .object(pager)), (name, .array(slice.map { Self.project($0, fields, resolve: resolve) }))])
    }

    /// The same address with another page, absolute as DHIS2 writes it.
    static func link(_ request: Request, page: Int) -> String {
        var components = URLComponents()
        components.path = request.url.path
        components.percentEncodedQuery = request.url.query
        var items = (components.queryItems ?? []).filter { $0.name != "page" }
        items.append(URLQueryItem(name: "page", value: String(page)))
        components.queryItems = items
        let host = request.headers.first(name: .host) ?? "localhost"
        return "http://\(host)\(components.string ?? request.url.path)"
    }
}
