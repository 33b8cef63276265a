import Fluent
import Foundation
import Planning
import Vapor
@testable import App

extension AppTests.AuthorizationMatrixTests {
    static let steeringForm = ["number": "{n}", "date": "05/12/2026", "signerTitle": "TRƯỞNG PHÒNG", "signerName": "", "recipients": "- Lưu: VT."]

    static let signoffSamples: [String: Sample] = [
        // the sign-off of the report to UBND tỉnh
        "POST /summary-report/submit": .form("/summary-report/submit?period={signoff-draft}", [:]),
        "POST /summary-report/return": .form("/summary-report/return?period={signoff-awaiting}", ["reason": "Sửa {n}"]),
        "POST /summary-report/approve": .form("/summary-report/approve?period={signoff-awaiting}", [:]),
        "POST /summary-report/issue": .form("/summary-report/issue?period={signoff-approved}", ["number": "{n}", "date": "05/12/2026"]),
        "GET /api/v1/evaluation/report/status": .get("/api/v1/evaluation/report/status?period=2026NovS2"),
        "POST /api/v1/evaluation/report/submit": .json("/api/v1/evaluation/report/submit?period={signoff-draft}"),
        "POST /api/v1/evaluation/report/return": .json("/api/v1/evaluation/report/return?period={signoff-awaiting}", #"{"reason":"Sửa {n}"}"#),
        "POST /api/v1/evaluation/report/approve": .json("/api/v1/evaluation/report/approve?period={signoff-awaiting}"),
        "POST /api/v1/evaluation/report/issue": .json("/api/v1/evaluation/report/issue?period={signoff-approved}", #"{"number":"{n}","date":"05/12/2026"}"#),
        "GET /api/v1/evaluation/report/issued.docx": .get("/api/v1/evaluation/report/issued.docx?period={signoff-issued}"),
        "GET /api/v1/evaluation/report/issued.xlsx": .get("/api/v1/evaluation/report/issued.xlsx?period={signoff-issued}"),
        // the report to the Ban Chỉ đạo
        "POST /summary-report/steering": .form("/summary-report/steering?period=2026NovS2", steeringForm),
        "GET /api/v1/evaluation/steering-report": .get("/api/v1/evaluation/steering-report?period=2026NovS2"),
        "PUT /api/v1/evaluation/steering-report": .json("/api/v1/evaluation/steering-report?period=2026NovS2",
                                                        #"{"number":"{n}","date":"05/12/2026","signerTitle":"TRƯỞNG PHÒNG","signerName":"","recipients":"- Lưu: VT."}"#),
        "GET /api/v1/evaluation/steering-report.docx": .get("/api/v1/evaluation/steering-report.docx?period=2026NovS2"),
        // directives
        "GET /directives": .get("/directives?status=open&kind=indicator"),
        "POST /directives": .form("/directives", ["indicator": "CT05", "text": "Chỉ đạo ma trận {n}", "due": "30/06/2026"]),
        "GET /directives/{id}": .get("/directives/{directive-own}"),
        "POST /directives/{id}/replies": .form("/directives/{directive-own}/replies", ["text": "Trả lời {n}"]),
        "POST /directives/{id}/close": .form("/directives/{directive-own}/close", ["note": "Kết luận {n}"]),
        "POST /directives/{id}/reopen": .form("/directives/{directive-closed}/reopen", [:]),
        "GET /api/v1/directives": .get("/api/v1/directives?overdue=false"),
        "POST /api/v1/directives": .json("/api/v1/directives", #"{"organisation":"MAU-BVDK-A","text":"Chỉ đạo {n}"}"#),
        "GET /api/v1/directives/{id}": .get("/api/v1/directives/{directive-own}"),
        "POST /api/v1/directives/{id}/replies": .json("/api/v1/directives/{directive-own}/replies", #"{"text":"Trả lời {n}"}"#),
        "POST /api/v1/directives/{id}/close": .json("/api/v1/directives/{directive-own}/close", #"{"note":"Kết luận {n}"}"#),
        "POST /api/v1/directives/{id}/reopen": .json("/api/v1/directives/{directive-closed}/reopen"),
    ]
}

extension SecurityWorld {
    /// Fresh periods whose report is a draft, awaits approval, is approved or issued; directives addressed to the caller's
    /// organisation, open or closed.
    static let signoffResolvers: [String: Resolver] = [
        "{signoff-draft}": { _, _ in ReportFixtures.freshPeriod() },
        "{signoff-awaiting}": { world, _ in try await world.signoffPeriod(.awaitingApproval) },
        "{signoff-approved}": { world, _ in try await world.signoffPeriod(.approved) },
        "{signoff-issued}": { world, _ in try await world.signoffPeriod(.issued) },
        "{directive-own}": { world, caller in try await world.directive(to: organisation(of: caller), closed: false) },
        "{directive-closed}": { world, caller in try await world.directive(to: organisation(of: caller), closed: true) },
    ]

    func signoffPeriod(_ state: SummaryReportState) async throws -> String {
        let period = ReportFixtures.freshPeriod()
        let plan = try await ReportFixtures.planCode(on: app.db)
        if state == .issued {
            let issued = IssuedSummaryReportRecord()
            issued.planCode = plan
            issued.periodCode = period
            issued.number = "MT\(next())"
            issued.reportYear = 2026
            issued.reportDate = "2026-12-05"
            issued.issuedAt = Date()
            issued.issuedBy = "ma-tran"
            issued.docx = Data("docx".utf8)
            issued.docxSHA256 = SummarySignoffs.sha256(issued.docx)
            issued.xlsx = Data("xlsx".utf8)
            issued.xlsxSHA256 = SummarySignoffs.sha256(issued.xlsx)
            try await issued.create(on: app.db)
            return period
        }
        let step = SummaryReportStepRecord()
        step.planCode = plan
        step.periodCode = period
        step.action = state == .approved ? "approve" : "submit"
        step.fromState = "draft"
        step.toState = state.rawValue
        step.actor = "ma-tran"
        step.actorName = "Ma trận"
        step.at = Date()
        try await step.create(on: app.db)
        return period
    }

    func directive(to organisation: String, closed: Bool) async throws -> String {
        let directive = DirectiveRecord()
        directive.planCode = try await ReportFixtures.planCode(on: app.db)
        directive.subjectKind = "organisation"
        directive.subjectCode = organisation
        directive.text = "Chỉ đạo của ma trận"
        directive.addressees = [organisation]
        directive.status = closed ? DirectiveStatus.closed.rawValue : DirectiveStatus.open.rawValue
        directive.closingNote = closed ? "Đã xong" : nil
        directive.createdBy = "ma-tran"
        directive.createdByName = "Ma trận"
        directive.createdAt = Date()
        try await directive.create(on: app.db)
        return try directive.requireID().uuidString
    }
}
