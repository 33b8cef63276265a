import Planning
@testable import App

extension AppTests.AuthorizationMatrixTests {
    /// CT01 is led by BHYT, the test lead office's own office.
    static let leadAssessmentSamples: [String: Sample] = [
        "POST /dashboard/offices/{org}/assessments/{code}": .form("/dashboard/offices/BHYT/assessments/CT01?period={assess-period}", ["analysis": "Phân tích {n}"]),
        "POST /dashboard/offices/{org}/baseline/{code}": .form("/dashboard/offices/BHYT/baseline/CT01", ["year": "2025", "value": "50", "source": "Nguồn {n}"]),
        "POST /cycles/{id}/assessment-reminders": .form("/cycles/{open-cycle}/assessment-reminders", ["office": "BHYT"]),
        "GET /api/v1/indicators/{code}/baseline": .get("/api/v1/indicators/CT01/baseline"),
        "PUT /api/v1/indicators/{code}/baseline": .json("/api/v1/indicators/CT01/baseline", #"{"year":2025,"value":50,"source":"Nguồn {n}"}"#),
        "DELETE /api/v1/indicators/{code}/baseline": .json("/api/v1/indicators/CT01/baseline"),
        "GET /api/v1/evaluation/assessments": .get("/api/v1/evaluation/assessments?period=2026NovS2"),
        "PUT /api/v1/evaluation/assessments/{code}": .json("/api/v1/evaluation/assessments/CT01?period={assess-period}", #"{"analysis":"Phân tích {n}"}"#),
    ]
}

extension SecurityWorld {
    static let leadAssessmentResolvers: [String: Resolver] = [
        /// A period with a cycle, so that it can be assessed.
        "{assess-period}": { world, _ in try await ReportFixtures.cycle(.open, on: world.app.db).periodCode },
    ]
}
