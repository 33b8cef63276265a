extension Localizer {
    /// The unit head's signature (Thủ trưởng đơn vị ký) and due days as the plan words them ("trước ngày …").
    static let workflow = Table(vietnamese: [
        "role.unitHead": "Thủ trưởng đơn vị",
        "state.awaitingHead": "Chờ thủ trưởng ký",
        "action.sign": "Ký và gửi",
        "cycle.dueBefore": "trước ngày {day}",
        "head.title": "Thủ trưởng đơn vị ký",
        "head.help": "Kiểm tra báo cáo của đơn vị: ký và gửi Sở Y tế (thời điểm ký là thời điểm nộp báo cáo), hoặc trả lại cho người báo cáo kèm lý do. Thủ trưởng không sửa số liệu.",
        "head.sign": "Ký và gửi Sở Y tế",
        "head.return": "Trả lại cho người báo cáo",
        "head.awaiting": "Báo cáo đang chờ thủ trưởng đơn vị ký; chưa gửi đến Sở Y tế.",
        "head.signedBy": "Thủ trưởng ký",
        "report.submitToHead": "Gửi thủ trưởng đơn vị ký",
        "report.sentToHead": "Đã lưu và gửi thủ trưởng đơn vị ký.",
        "report.signed": "Đã ký và gửi Sở Y tế.",
        "report.returnedToReporter": "Đã trả lại cho người báo cáo.",
    ], english: [
        "role.unitHead": "Unit head",
        "state.awaitingHead": "Awaiting the head's signature",
        "action.sign": "Sign and send",
        "cycle.dueBefore": "before {day}",
        "head.title": "The unit head signs",
        "head.help": "Check the unit's report: sign it and send it to the Department (the moment of signing is the report's submission), or return it to the reporter with a reason. The head does not change values.",
        "head.sign": "Sign and send to the Department",
        "head.return": "Return to the reporter",
        "head.awaiting": "The report awaits the unit head's signature; it has not reached the Department yet.",
        "head.signedBy": "Signed by the head",
        "report.submitToHead": "Send to the unit head for signature",
        "report.sentToHead": "Saved and sent to the unit head for signature.",
        "report.signed": "Signed and sent to the Department.",
        "report.returnedToReporter": "Returned to the reporter.",
    ])
}
