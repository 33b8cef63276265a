extension Localizer {
    static let performance = Table(vietnamese: [
        "busy.retry": "Máy chủ đang bận tính toán các bảng tổng hợp khác. Vui lòng thử lại sau vài giây.",
    ], english: [
        "busy.retry": "The server is busy computing other consolidations. Please try again in a few seconds.",
    ])
}
