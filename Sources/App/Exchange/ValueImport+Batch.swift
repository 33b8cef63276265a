import Fluent
import Foundation
import Planning
import SQLKit

extension ValueImport.Importer {
    /// A run whose report exists and may be written by the importer.
    struct Accepted {
        let run: ValueImport.Run
        let context: ReportContext
        let user: CurrentUser
        let reportID: UUID
    }

    /// A report changed by the batch: its new state, and its values to write by indicator code.
    struct Touched {
        let accepted: Accepted
        let state: ReportState
        var values: [String: StoredValues.Value] = [:]
    }

    /// Checks the waiting runs against their reports and writes what passes: one query for the stored values, one
    /// for the previous period's, a multi-row upsert, one version bump per report and one audit append.
    func writeBatch(_ runs: [ValueImport.Run], on db: any Database) async throws {
        // The batch's reports, read as models once (as they are now in this transaction) and let go after it.
        var batchIDs: [UUID] = []
        for run in runs {
            if let cycle = cycles[run.period], let id = try await reportIDs(of: cycle, on: db)[run.organisation] { batchIDs.append(id) }
        }
        var records: [UUID: ReportRecord] = [:]
        for chunk in Array(Set(batchIDs)).chunked(into: 1_000) {
            for record in try await ReportRecord.query(on: db).filter(\.$id ~~ chunk).all() { records[try record.requireID()] = record }
        }
        var accepted: [Accepted] = []
        for run in runs {
            if let found = try await acceptance(of: run, records: records, on: db) { accepted.append(found) }
        }
        if options.complete {
            for item in accepted { try await submit(item, on: db) }
            return
        }
        let ids = accepted.map(\.reportID)
        var stored = try await StoredValues.load(reports: ids, codes: nil, on: db)
        var previousOf: [UUID: UUID] = [:]
        for item in accepted {
            guard let period = item.context.period, let cycle = cycles[period.previous.code],
                  let report = try await reportIDs(of: cycle, on: db)[item.run.organisation] else { continue }
            previousOf[item.reportID] = report
        }
        let stocks = indicators.filter { $0.aggregation == .stock }.map(\.code)
        let previous = try await StoredValues.load(reports: Array(Set(previousOf.values)), codes: stocks, on: db)

        var touched: [UUID: Touched] = [:]
        var order: [UUID] = []
        var changes: [AuditChange] = []
        for item in accepted {
            let before = stored[item.reportID] ?? [:]
            var entries = before.mapValues(\.entry)
            let earlier = previousOf[item.reportID].flatMap { previous[$0] }?.compactMapValues(\.reported) ?? [:]
            let changed = apply(item, to: &entries, previous: earlier)
            guard !changed.isEmpty else { continue }
            if touched[item.reportID] == nil {
                let state = try Reports.workflow(.save, item.context, by: item.user)
                touched[item.reportID] = Touched(accepted: item, state: state)
                order.append(item.reportID)
            }
            for indicator in item.context.indicators where changed.contains(indicator.code) {
                let entry = entries[indicator.code] ?? ValueEntry()
                let old = before[indicator.code]
                let value = StoredValues.Value(id: old?.id ?? UUID(), entry: entry)
                changes += AuditChange.diff("value", "\(item.context.key)/\(indicator.code)", old: Reports.auditFields(old?.entry ?? ValueEntry()),
                                            new: Reports.auditFields(entry))
                touched[item.reportID]?.values[indicator.code] = value
                stored[item.reportID, default: [:]][indicator.code] = value
            }
        }
        guard writing, !order.isEmpty else { return }
        try await write(order.compactMap { touched[$0] }, changes: changes, on: db)
    }

    /// The report of a run, when the run may go into it; otherwise every value of the run is a conflict.
    private func acceptance(of run: ValueImport.Run, records: [UUID: ReportRecord], on db: any Database) async throws -> Accepted? {
        let (period, org) = (run.period, run.organisation)
        func refuse(_ vi: String, _ en: String) -> Accepted? {
            for item in run.items { conflict(item.value.dataElement, "\(item.value.position): \(vi)", "\(item.value.position): \(en)") }
            return nil
        }
        guard let cycle = cycles[period] else { return refuse("chưa có đợt báo cáo kỳ \(period).", "there is no reporting cycle for \(period).") }
        guard let id = try await reportIDs(of: cycle, on: db)[org], let report = records[id], let organisation = organisations[org] else {
            return refuse("\(org) không có báo cáo trong đợt \(period).", "\(org) has no report in the \(period) cycle.")
        }
        let context = ReportContext(report: report, cycle: cycle, organisation: organisation, indicators: scope(of: organisation), values: [:],
                                    previous: [:], groupNames: [:])
        let user: CurrentUser
        switch authority {
        case .user(let signedIn): user = signedIn
        case .commandLine:
            guard organisation.kind != .department else {
                return refuse("số liệu của Sở do phòng chủ trì nhập: dùng --as EMAIL.", "the Department's values are entered by lead offices: use --as EMAIL.")
            }
            user = CurrentUser(commandLine: "dong-lenh@chitieu.local", name: "Nhập từ dòng lệnh", role: .unitReporter, organisationCode: org)
        }
        do { _ = try Reports.workflow(options.complete ? .submit : .save, context, by: user) } catch let error as FeatureError {
            return refuse(error.message(.vietnamese), error.message(.english))
        }
        return Accepted(run: run, context: context, user: user, reportID: try report.requireID())
    }

    /// Applies the run's values to the report's entries with the import strategy; answers the indicators that changed
    /// and pass the form's checks (the others are conflicts).
    private func apply(_ item: Accepted, to entries: inout [String: ValueEntry], previous: [String: ReportedValue]) -> Set<String> {
        let context = item.context, org = item.run.organisation, period = item.run.period
        let writable = Reports.writableIndicators(context, by: item.user)
        let reported = Set(context.indicators.map(\.code))
        var changed: Set<String> = []
        for entryItem in item.run.items {
            let code = entryItem.indicator.code, position = entryItem.value.position
            guard reported.contains(code) else {
                conflict(entryItem.value.dataElement, "\(position): \(org) không báo cáo chỉ tiêu \(code).", "\(position): \(org) does not report \(code)."); continue
            }
            guard writable.contains(code) else {
                conflict(entryItem.value.dataElement, "\(position): không được nhập \(code) của \(org).", "\(position): you may not enter \(code) of \(org)."); continue
            }
            var entry = entries[code] ?? ValueEntry()
            let before = entry
            let had = Self.has(entryItem.part, before, entryItem.indicator.measure)
            do {
                switch options.strategy {
                case .delete: try DataElements.apply("", part: entryItem.part, of: entryItem.indicator, to: &entry)
                case .update where !had, .create where had: count.ignored += 1; continue
                default: try DataElements.apply(entryItem.value.value ?? "", part: entryItem.part, of: entryItem.indicator, to: &entry)
                }
            } catch {
                conflict(entryItem.value.dataElement, "\(position): " + ValueImport.describe(error, .vietnamese), "\(position): " + ValueImport.describe(error, .english))
                continue
            }
            if options.strategy != .delete, let comment = entryItem.value.comment { entry.comment = ValueEntry.comment(comment) }
            let has = Self.has(entryItem.part, entry, entryItem.indicator.measure)
            switch (had, has, entry == before) {
            case (_, _, true): count.ignored += 1
            case (false, _, _): count.imported += 1
            case (true, false, _): count.deleted += 1
            case (true, true, _): count.updated += 1
            }
            entries[code] = entry
            if entry != before { changed.insert(code) }
        }
        let outcome = ReportCheck.check(entries, indicators: context.indicators, previous: previous, submitting: options.complete, options: checks)
        for (code, problems) in outcome.errors.sorted(by: { $0.key < $1.key }) {
            let message = ReportError.invalidValues([code: problems], names: context.names)
            conflict(code, "\(org) \(period): " + message.message(.vietnamese), "\(org) \(period): " + message.message(.english))
            changed.remove(code)
        }
        return changed
    }

    /// The part holds a value (`DataElements.values` lists exactly these), without writing the numbers out.
    static func has(_ part: DataElements.Part, _ entry: ValueEntry, _ measure: Measure) -> Bool {
        switch (measure, part) {
        case (.ratio, .numerator): entry.numerator != nil
        case (.ratio, .denominator): entry.denominator != nil
        case (.count, .value): entry.amount != nil
        case (.shareOfUnits, .value): entry.answer != nil
        case (.level, .value): entry.level != nil
        default: false
        }
    }

    /// With a completeDate the reports are submitted too: each goes through the form's own save and submission.
    private func submit(_ item: Accepted, on db: any Database) async throws {
        let context = try await Reports.load(item.reportID, on: db)
        let accepted = Accepted(run: item.run, context: context, user: item.user, reportID: item.reportID)
        var entries = context.values.mapValues(\.entry)
        let changed = apply(accepted, to: &entries, previous: context.previous)
        guard writing else { return }
        try await Reports.save(context, .init(version: context.report.version, values: entries.filter { changed.contains($0.key) }), submit: true,
                               by: item.user, actor: actor, checks: checks, on: db)
    }

    /// The batch's writes, each as few statements as the parameter limits allow.
    private func write(_ reports: [Touched], changes: [AuditChange], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw AppError.databaseUnavailable }
        for report in reports {
            // Closing a cycle locks its reports, as the form's save says.
            if report.accepted.context.cycle.cycleState == .planned && !options.dryRun {
                throw ReportError.cycleNotOpen(report.accepted.context.cycle.cycleState)
            }
            try Reports.authorizeRead(report.accepted.context, by: report.accepted.user)
        }
        let now = Date()
        let rows = reports.flatMap { report in report.values.map { (report.accepted.reportID, $0.key, $0.value) } }
        try await StoredValues.upsert(rows, by: actor.name, at: now, on: sql)
        try await bumpVersions(reports, now: now, on: sql)
        try await Audit.record(changes, by: actor, on: db)
    }

    /// Raises each report's version once, checking it is still the one read: a save by someone else in between is a
    /// conflict and the whole import rolls back.
    private func bumpVersions(_ reports: [Touched], now: Date, on sql: any SQLDatabase) async throws {
        let byState = Dictionary(grouping: reports, by: \.state)
        for (state, group) in byState {
            for chunk in group.chunked(into: 1_000) {
                let expected = Dictionary(chunk.map { ($0.accepted.reportID, $0.accepted.context.report) }) { first, _ in first }
                let rows = try await sql.update(ReportRecord.schema)
                    .set(SQLIdentifier("version"), to: SQLBinaryExpression(SQLIdentifier("version"), .add, SQLLiteral.numeric("1")))
                    .set("state", to: state.rawValue)
                    .set("updated_by", to: actor.name)
                    .set("updated_at", to: now)
                    .where("id", .in, Array(expected.keys))
                    .returning("id", "version").all()
                guard rows.count == expected.count else { throw ReportError.versionConflict(current: 0, yours: 0) }
                for row in rows {
                    let id = try row.decode(column: "id", as: UUID.self), version = try row.decode(column: "version", as: Int.self)
                    guard let record = expected[id] else { continue }
                    guard version == record.version + 1 else { throw ReportError.versionConflict(current: version - 1, yours: record.version) }
                    record.version = version
                    record.state = state.rawValue
                }
            }
        }
    }
}
