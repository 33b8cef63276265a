import Fluent
import Foundation
import Planning
import Vapor

/// Imports data values (from DHIS2 JSON or CSV, or any other source) into the units' reports: every value checked with
/// the form's own rules; by default all of them land, in one transaction, or none do.
enum ValueImport {
    /// One value as it came, with where it came from for the messages (`dataValues[3]`, `dòng 5`).
    struct Incoming: Sendable {
        var dataElement: String
        var period: String?
        var orgUnit: String?
        var categoryOptionCombo: String?
        var value: String?
        var comment: String?
        var position: String
    }

    enum Strategy: String, Sendable, CaseIterable {
        case createAndUpdate = "CREATE_AND_UPDATE"
        case create = "CREATE"
        case update = "UPDATE"
        case delete = "DELETE"
    }

    struct Options: Sendable {
        var dryRun = false
        var strategy = Strategy.createAndUpdate
        /// All or nothing (DHIS2's atomicMode=ALL); false writes the values that pass (atomicMode=NONE).
        var atomic = true
        /// A completeDate was given: the reports are submitted too (with the submission's rules).
        var complete = false
        var dataSet: String?
    }

    /// Who imports: a signed-in user (the report's own rules apply), or the command line, acting as each unit's reporter.
    enum Authority: Sendable {
        case user(CurrentUser)
        case commandLine
    }

    struct Planned: Sendable {
        let context: ReportContext
        let user: CurrentUser
        var entries: [String: ValueEntry]
    }

    static func run(_ values: [Incoming], options: Options, authority: Authority, actor: Actor, checks: ValueCheck.Options,
                    language: Language, on db: any Database) async throws -> ImportSummary {
        var conflicts: [ImportSummary.Conflict] = []
        var count = ImportSummary.Count()
        func conflict(_ object: String, _ vi: String, _ en: String) { conflicts.append(.init(object: object, value: language == .vietnamese ? vi : en)) }

        let (plan, indicators) = try await IndicatorQueries.list(.init(), on: db)
        if let dataSet = options.dataSet, !dataSet.isEmpty, dataSet != plan.code {
            throw AppError.invalidQuery(parameter: "dataSet", value: dataSet, allowed: [plan.code])
        }
        let byCode = Dictionary(uniqueKeysWithValues: indicators.map { ($0.code, $0) })
        let organisations = Set(try await Directory.all(on: db).map(\.code))
        var seen = Set<String>()
        var groups: [String: [(value: Incoming, indicator: Indicator, part: DataElements.Part)]] = [:]
        for value in values {
            guard let period = value.period, (try? ReportingPeriod(code: period)) != nil else {
                conflict(value.period ?? value.position, "\(value.position): kỳ «\(value.period ?? "")» không hợp lệ (viết dạng 2026NovS1).",
                         "\(value.position): period «\(value.period ?? "")» is not valid (write it as 2026NovS1).")
                continue
            }
            guard let org = value.orgUnit, organisations.contains(org) else {
                conflict(value.orgUnit ?? value.position, "\(value.position): không có cơ quan, đơn vị «\(value.orgUnit ?? "")».",
                         "\(value.position): no organisation «\(value.orgUnit ?? "")».")
                continue
            }
            guard let (code, part) = DataElements.parse(value.dataElement, categoryOptionCombo: value.categoryOptionCombo), let indicator = byCode[code] else {
                conflict(value.dataElement, "\(value.position): không có phần tử dữ liệu «\(value.dataElement)» (viết mã chỉ tiêu, CT22.NUM/CT22.DEN cho tỉ lệ).",
                         "\(value.position): no data element «\(value.dataElement)» (write an indicator code, CT22.NUM/CT22.DEN for a ratio).")
                continue
            }
            guard seen.insert("\(code).\(part.rawValue)|\(period)|\(org)").inserted else {
                conflict(value.dataElement, "\(value.position): giá trị \(value.dataElement) của \(org) kỳ \(period) có hai lần trong tệp.",
                         "\(value.position): \(value.dataElement) of \(org) for \(period) is in the file twice.")
                continue
            }
            groups["\(period)|\(org)", default: []].append((value, indicator, part))
        }

        var planned: [Planned] = []
        for (key, items) in groups.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let (period, org) = (parts[0], parts[1])
            func refuse(_ vi: String, _ en: String) { for item in items { conflict(item.value.dataElement, "\(item.value.position): \(vi)", "\(item.value.position): \(en)") } }
            guard let cycle = try await CycleRecord.query(on: db).filter(\.$planCode == plan.code).filter(\.$periodCode == period).first() else {
                refuse("chưa có đợt báo cáo kỳ \(period).", "there is no reporting cycle for \(period)."); continue
            }
            guard let report = try await ReportRecord.query(on: db).filter(\.$cycle.$id == cycle.requireID()).filter(\.$organisationCode == org).first() else {
                refuse("\(org) không có báo cáo trong đợt \(period).", "\(org) has no report in the \(period) cycle."); continue
            }
            let context = try await Reports.load(report.id, on: db)
            let user: CurrentUser
            switch authority {
            case .user(let signedIn): user = signedIn
            case .commandLine:
                guard context.organisation.kind != .department else {
                    refuse("số liệu của Sở do phòng chủ trì nhập: dùng --as EMAIL.", "the Department's values are entered by lead offices: use --as EMAIL."); continue
                }
                user = CurrentUser(commandLine: "dong-lenh@chitieu.local", name: "Nhập từ dòng lệnh", role: .unitReporter, organisationCode: org)
            }
            do { _ = try Reports.workflow(options.complete ? .submit : .save, context, by: user) } catch let error as FeatureError {
                refuse(error.message(.vietnamese), error.message(.english)); continue
            }
            let writable = Reports.writableIndicators(context, by: user)
            var entries = context.values.mapValues(\.entry)
            var changed: Set<String> = []
            for item in items {
                let code = item.indicator.code, position = item.value.position
                guard context.indicators.contains(where: { $0.code == code }) else {
                    conflict(item.value.dataElement, "\(position): \(org) không báo cáo chỉ tiêu \(code).", "\(position): \(org) does not report \(code)."); continue
                }
                guard writable.contains(code) else {
                    conflict(item.value.dataElement, "\(position): không được nhập \(code) của \(org).", "\(position): you may not enter \(code) of \(org)."); continue
                }
                var entry = entries[code] ?? ValueEntry()
                let before = entry
                let had = DataElements.values(of: before, item.indicator).contains { $0.part == item.part }
                do {
                    switch options.strategy {
                    case .delete: try DataElements.apply("", part: item.part, of: item.indicator, to: &entry)
                    case .update where !had, .create where had: count.ignored += 1; continue
                    default: try DataElements.apply(item.value.value ?? "", part: item.part, of: item.indicator, to: &entry)
                    }
                } catch {
                    conflict(item.value.dataElement, "\(position): " + describe(error, .vietnamese), "\(position): " + describe(error, .english)); continue
                }
                if options.strategy != .delete, let comment = item.value.comment { entry.comment = comment.isEmpty ? nil : comment }
                let has = DataElements.values(of: entry, item.indicator).contains { $0.part == item.part }
                switch (had, has, entry == before) {
                case (_, _, true): count.ignored += 1
                case (false, _, _): count.imported += 1
                case (true, false, _): count.deleted += 1
                case (true, true, _): count.updated += 1
                }
                entries[code] = entry
                if entry != before { changed.insert(code) }
            }
            let outcome = ReportCheck.check(entries, indicators: context.indicators, previous: context.previous, submitting: options.complete, options: checks)
            for (code, problems) in outcome.errors.sorted(by: { $0.key < $1.key }) {
                let message = ReportError.invalidValues([code: problems], names: context.names)
                conflict(code, "\(org) \(period): " + message.message(.vietnamese), "\(org) \(period): " + message.message(.english))
                changed.remove(code)
            }
            if !changed.isEmpty || options.complete {
                planned.append(Planned(context: context, user: user, entries: entries.filter { changed.contains($0.key) }))
            }
        }

        let refused = !conflicts.isEmpty && options.atomic
        if refused { count = ImportSummary.Count(ignored: values.count) }
        if !refused && !options.dryRun && !planned.isEmpty {
            let writes = planned
            try await db.transaction { tx in
                for item in writes {
                    try await Reports.save(item.context, .init(version: item.context.report.version, values: item.entries), submit: options.complete,
                                           by: item.user, actor: actor, checks: checks, on: tx)
                }
            }
        }
        let status = refused ? "ERROR" : conflicts.isEmpty ? "SUCCESS" : "WARNING"
        let description: String = switch (refused, options.dryRun, language) {
        case (true, _, .vietnamese): "Không nhập giá trị nào: tệp có \(conflicts.count) lỗi (nhập tất cả hoặc không nhập gì)."
        case (true, _, _): "Nothing was imported: the file has \(conflicts.count) problems (all or nothing)."
        case (false, true, .vietnamese): "Chạy thử: không ghi gì."
        case (false, true, _): "Dry run: nothing was written."
        case (false, false, .vietnamese): "Đã nhập số liệu."
        case (false, false, _): "Import done."
        }
        return ImportSummary(status: status, description: description, importCount: count, conflicts: conflicts,
                             dataSetComplete: options.complete && !refused && !options.dryRun ? "true" : "false")
    }

    static func describe(_ error: any Error, _ language: Language) -> String {
        let vi = language == .vietnamese
        switch error as? DataElements.Problem {
        case .unreadable(let name)?: return vi ? "không đọc được «\(name)»." : "«\(name)» cannot be read."
        case .wrongPart(let code, let measure)?:
            return vi ? "\(code) là \(Localizer.text("measure.\(measure.rawValue)", language).lowercased()): " + (measure == .ratio ? "gửi \(code).NUM và \(code).DEN." : "không có phần NUM/DEN.")
                      : "\(code) is a \(measure.rawValue): " + (measure == .ratio ? "send \(code).NUM and \(code).DEN." : "it has no NUM/DEN part.")
        case .wrongType(let code, let value, let measure)?:
            let expected = switch measure {
            case .ratio, .count: vi ? "một số (dấu chấm thập phân)" : "a number (decimal point)"
            case .shareOfUnits: vi ? "true hoặc false" : "true or false"
            case .level: vi ? "một mức trong thang của chỉ tiêu" : "a level of the indicator's scale"
            }
            return vi ? "giá trị «\(value)» của \(code) không hợp lệ: cần \(expected)." : "value «\(value)» of \(code) is not valid: expected \(expected)."
        case nil: return String(describing: error)
        }
    }
}
