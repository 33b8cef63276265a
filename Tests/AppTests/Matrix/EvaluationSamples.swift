@testable import App

extension AppTests.AuthorizationMatrixTests {
    static let evaluationSamples: [String: Sample] = [
        "GET /dashboard/indicators/{code}": .get("/dashboard/indicators/CT01?period=2026NovS2"),
        "GET /dashboard/units/{org}": .get("/dashboard/units/MAU-BVDK-A?period=2026NovS2"),
        "GET /dashboard/offices/{org}": .get("/dashboard/offices/BHYT?period=2026NovS2"),
        "GET /summary-report": .get("/summary-report?period=2026NovS2"),
        "POST /summary-report": .form("/summary-report?period=2026NovS2", ["number": "{n}", "date": "05/12/2026", "results": "", "shortcomings": "Hạn chế {n}",
                                                                         "proposals": "Đề xuất {n}", "signerMandate": "KT. GIÁM ĐỐC", "signerTitle": "PHÓ GIÁM ĐỐC",
                                                                         "signerName": "", "recipients": "- Lưu: VT."]),
        "GET /api/v1/evaluation/report": .get("/api/v1/evaluation/report?period=2026NovS2"),
        "PUT /api/v1/evaluation/report": .json("/api/v1/evaluation/report?period=2026NovS2",
                                               #"{"number":"{n}","date":"05/12/2026","results":"","shortcomings":"Hạn chế {n}","proposals":"Đề xuất {n}","signerMandate":"KT. GIÁM ĐỐC","signerTitle":"PHÓ GIÁM ĐỐC","signerName":"","recipients":"- Lưu: VT."}"#),
        "GET /api/v1/evaluation/report.docx": .get("/api/v1/evaluation/report.docx?period=2026NovS2"),
        "GET /api/v1/evaluation/report.xlsx": .get("/api/v1/evaluation/report.xlsx?period=2026NovS2"),
        "GET /api/v1/evaluation/report.csv": .get("/api/v1/evaluation/report.csv?period=2026NovS2"),
    ]
}
