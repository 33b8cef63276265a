import Planning
@testable import App

extension AppTests.AuthorizationMatrixTests {
    static let reportSamples: [String: Sample] = [
        // cycles
        "GET /cycles": .get("/cycles"),
        "POST /cycles": .form("/cycles", ["period": "{fresh-period}", "calendar": "november", "reminderDays": "7"]),
        "GET /cycles/{id}": .get("/cycles/{open-cycle}"),
        "POST /cycles/{id}": .form("/cycles/{open-cycle}", ["due": "31/12/9999", "reminderDays": "5"]),
        "POST /cycles/{id}/open": .form("/cycles/{planned-cycle}/open", [:]),
        "POST /cycles/{id}/close": .form("/cycles/{open-cycle}/close", [:]),
        "GET /cycles/{id}/follow-up": .get("/cycles/{open-cycle}/follow-up"),
        "POST /cycles/{id}/reminders": .form("/cycles/{open-cycle}/reminders", [:]),
        "GET /api/v1/cycles": .get("/api/v1/cycles"),
        "POST /api/v1/cycles": .json("/api/v1/cycles", #"{"period":"{fresh-period}","reminderDays":3}"#),
        "GET /api/v1/cycles/{id}": .get("/api/v1/cycles/{open-cycle}"),
        "PATCH /api/v1/cycles/{id}": .json("/api/v1/cycles/{open-cycle}", #"{"reminderDays":10}"#),
        "POST /api/v1/cycles/{id}/open": .json("/api/v1/cycles/{planned-cycle}/open"),
        "POST /api/v1/cycles/{id}/close": .json("/api/v1/cycles/{open-cycle}/close"),
        "GET /api/v1/cycles/{id}/follow-up": .get("/api/v1/cycles/{open-cycle}/follow-up"),
        "POST /api/v1/cycles/{id}/reminders": .json("/api/v1/cycles/{open-cycle}/reminders"),
        // reports
        "GET /reports": .get("/reports"),
        "GET /reports/{id}": .get("/reports/{report-a}"),
        "POST /reports/{id}": .form("/reports/{own-report}", ["version": "1", "intent": "save", "results": "Ma trận {n}"]),
        "POST /reports/{id}/review": .form("/reports/{submitted-report}/review", ["action": "return", "reason": "Thiếu số liệu {n}"]),
        "POST /reports/{id}/values/{code}/review": .form("/reports/{submitted-report}/values/CT01/review", ["comment": "Nhận xét {n}"]),
        "GET /reports/{id}/values/{code}": .get("/reports/{report-a}/values/CT01"),
        "GET /api/v1/reports": .get("/api/v1/reports?state=draft"),
        "GET /api/v1/reports/{id}": .get("/api/v1/reports/{report-a}"),
        "PUT /api/v1/reports/{id}": .json("/api/v1/reports/{own-report}", #"{"version":1,"results":"Ma trận {n}"}"#),
        "POST /api/v1/reports/{id}/submit": .json("/api/v1/reports/{own-filled-report}/submit", #"{"version":1}"#),
        "POST /api/v1/reports/{id}/return": .json("/api/v1/reports/{returnable-report}/return", #"{"reason":"Thiếu số liệu {n}"}"#),
        "POST /api/v1/reports/{id}/sign": .json("/api/v1/reports/{awaiting-report}/sign"),
        "POST /reports/{id}/sign": .form("/reports/{awaiting-report}/sign", ["decision": "sign"]),
        "POST /api/v1/reports/{id}/approve": .json("/api/v1/reports/{submitted-report}/approve"),
        "POST /api/v1/reports/{id}/reopen": .json("/api/v1/reports/{locked-report}/reopen", #"{"reason":"Sửa số liệu {n}"}"#),
        "POST /api/v1/reports/{id}/lock": .json("/api/v1/reports/{reopened-report}/lock"),
        "PUT /api/v1/reports/{id}/values/{code}/review": .json("/api/v1/reports/{submitted-report}/values/CT01/review", #"{"comment":"Nhận xét {n}"}"#),
        "GET /api/v1/reports/{id}/values/{code}/history": .get("/api/v1/reports/{report-a}/values/CT01/history"),
        // evaluation
        "GET /dashboard": .get("/dashboard?period=2026NovS2"),
        "GET /api/v1/evaluation": .get("/api/v1/evaluation?period=2026NovS2&include=provisional"),
        "GET /api/v1/indicators/{code}/series": .get("/api/v1/indicators/CT01/series"),
        // notices
        "GET /notifications": .get("/notifications"),
        "POST /notifications/read": .form("/notifications/read", [:]),
        "GET /api/v1/notifications": .get("/api/v1/notifications"),
        "POST /api/v1/notifications/read": .json("/api/v1/notifications/read"),
    ]
}

extension SecurityWorld {
    static let reportResolvers: [String: Resolver] = [
        "{fresh-period}": { _, _ in ReportFixtures.freshPeriod() },
        "{planned-cycle}": { world, _ in try await ReportFixtures.cycle(.planned, on: world.app.db).requireID().uuidString },
        "{open-cycle}": { world, _ in
            // With one report waiting, so that a reminder has someone to go to.
            try await ReportFixtures.report("MAU-BVDK-A", on: world.app.db).$cycle.id.uuidString
        },
        "{report-a}": { world, _ in try await ReportFixtures.report("MAU-BVDK-A", on: world.app.db).requireID().uuidString },
        "{own-report}": { world, caller in try await ReportFixtures.report(organisation(of: caller), on: world.app.db).requireID().uuidString },
        "{own-filled-report}": { world, caller in
            try await ReportFixtures.report(organisation(of: caller), filled: true, on: world.app.db).requireID().uuidString
        },
        "{submitted-report}": { world, _ in try await ReportFixtures.report("MAU-BVDK-A", .submitted, on: world.app.db).requireID().uuidString },
        "{awaiting-report}": { world, caller in
            try await ReportFixtures.report(organisation(of: caller), .awaitingHead, on: world.app.db).requireID().uuidString
        },
        // The Department's reviewers return what reached them; a unit head what awaits his signature in his unit.
        "{returnable-report}": { world, caller in
            let head: Bool = if case .session(.unitHead) = caller { true } else if case .token(.unitHead, _) = caller { true } else { false }
            return try await ReportFixtures.report(head ? organisation(of: caller) : "MAU-BVDK-A", head ? .awaitingHead : .submitted, on: world.app.db)
                .requireID().uuidString
        },
        "{locked-report}": { world, _ in try await ReportFixtures.report("MAU-BVDK-A", .locked, on: world.app.db).requireID().uuidString },
        "{reopened-report}": { world, _ in
            try await ReportFixtures.report("MAU-BVDK-A", .returned, cycleState: .closed, on: world.app.db).requireID().uuidString
        },
    ]

    /// The caller's test organisation (anonymous callers: unit A, whose data they must not reach).
    static func organisation(of caller: Caller) -> String {
        switch caller {
        case .anonymous: "MAU-BVDK-A"
        case .session(let role), .token(let role, _): testOrganisation[role]!
        }
    }
}
