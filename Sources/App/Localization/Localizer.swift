import Planning

/// Every label users read, in Vietnamese and English. Templates receive the table of their language.
enum Localizer {
    static func table(_ language: Language) -> [String: String] {
        language == .vietnamese ? vietnamese : english
    }

    /// The table with `_` in place of `.`, as templates read it (`t.nav_indicators`); built once per language.
    static func labels(_ language: Language) -> [String: String] {
        language == .vietnamese ? vietnameseLabels : englishLabels
    }

    private static let vietnameseLabels = templateKeys(vietnamese)
    private static let englishLabels = templateKeys(english)

    private static func templateKeys(_ table: [String: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: table.map { ($0.key.replacingOccurrences(of: ".", with: "_"), $0.value) })
    }

    static func text(_ key: String, _ language: Language) -> String {
        table(language)[key] ?? key
    }

    /// The text of `key` with each `{name}` replaced by its value.
    static func text(_ key: String, _ language: Language, _ values: [String: String]) -> String {
        values.reduce(text(key, language)) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }

    static func kindLabel(_ kind: OrganisationKind, _ language: Language) -> String {
        text("kind.\(kind.rawValue)", language)
    }

    /// Each feature keeps its labels in its own `Localizer+Feature.swift`; a key defined twice stops the app at start.
    /// Every feature's labels; a key defined twice stops the app at its start.
    static let tables: [Table] = [
        core, reports, tasks, unitPlans, evaluation, security,
        judgement,
        workflow,
        signoff,
        leadAssessment,
        journey, help, performance,
    ]
    static let vietnamese = merged(tables.map(\.vietnamese))
    static let english = merged(tables.map(\.english))

    /// The labels of one feature, in both languages.
    struct Table {
        let vietnamese: [String: String]
        let english: [String: String]
    }

    private static func merged(_ tables: [[String: String]]) -> [String: String] {
        tables.reduce(into: [:]) { all, table in
            all.merge(table) { first, _ in preconditionFailure("label defined twice: \(first)") }
        }
    }

    static let core = Table(vietnamese: coreVietnamese, english: coreEnglish)

    private static let coreVietnamese: [String: String] = [
        "app.name": "Chỉ tiêu KHCN, ĐMST và CĐS ngành Y tế",
        "nav.indicators": "Danh mục chỉ tiêu",
        "nav.organisations": "Cơ quan, đơn vị",
        "nav.api": "API",
        "lang.switch": "English",
        "register.title": "Danh mục chỉ tiêu",
        "register.count": "chỉ tiêu",
        "register.intro": "Phụ lục I của Kế hoạch: các chỉ tiêu, chỉ tiêu theo các mốc năm, cơ quan chủ trì theo dõi, đánh giá và đơn vị thực hiện.",
        "col.number": "TT", "col.name": "Chỉ tiêu", "col.unit": "Đơn vị tính", "col.lead": "Cơ quan chủ trì theo dõi, đánh giá",
        "col.implementers": "Cơ quan/đơn vị thực hiện", "col.year": "Năm", "col.expected": "Chỉ tiêu dự kiến",
        "col.milestone": "Mốc", "col.code": "Mã", "col.kind": "Loại", "col.medical": "Khám, chữa bệnh",
        "col.parent": "Trực thuộc", "col.orgName": "Tên cơ quan, đơn vị", "col.text": "Văn bản gốc", "col.meaning": "Nghĩa",
        "indicator.targets": "Chỉ tiêu theo mốc", "indicator.trajectory": "Lộ trình từng năm 2025–2045",
        "indicator.trajectoryHelp": "Các năm giữa hai mốc có chỉ tiêu dự kiến nội suy tuyến tính giữa hai mốc (chỉ tiêu định tính giữ mức của mốc trước); cạnh một mốc không có chỉ tiêu thì không có lộ trình.",
        "indicator.measure": "Cách đo", "indicator.aggregation": "Cộng theo thời gian", "indicator.reporters": "Đơn vị báo cáo",
        "indicator.scale": "Thang mức", "indicator.note": "Ghi chú chép lại", "indicator.group": "Nhóm",
        "indicator.back": "← Danh mục chỉ tiêu",
        "measure.ratio": "Tỉ lệ (tử số / mẫu số)", "measure.count": "Số đếm (cộng các đơn vị)",
        "measure.shareOfUnits": "Tỉ lệ đơn vị (có / không)", "measure.level": "Mức định tính",
        "aggregation.stock": "Số hiện có — lấy kỳ gần nhất", "aggregation.flow": "Phát sinh — cộng các kỳ trong năm",
        "reporters.allOrganisations": "Các phòng chức năng và đơn vị trực thuộc", "reporters.affiliatedUnits": "Các đơn vị trực thuộc",
        "reporters.medicalUnits": "Các đơn vị khám, chữa bệnh", "reporters.department": "Cấp Sở (phòng chủ trì nhập)",
        "target.atLeast": "tối thiểu (≥)", "target.greaterThan": "lớn hơn (>)", "target.minimum": "tối thiểu (số không dấu)",
        "target.range": "khoảng", "target.blank": "(ô trống)", "target.none": "không có chỉ tiêu", "target.level": "mức",
        "kind.department": "Sở Y tế", "kind.office": "Phòng chức năng", "kind.provincialHospital": "Bệnh viện tuyến tỉnh",
        "kind.specialisedHospital": "Bệnh viện chuyên khoa", "kind.districtHealthCentre": "Trung tâm Y tế",
        "kind.diseaseControl": "Trung tâm Kiểm soát bệnh tật", "kind.otherUnit": "Đơn vị khác",
        "orgs.title": "Cơ quan, đơn vị", "orgs.demoWarning": "Các đơn vị có nhãn MẪU là dữ liệu mẫu để dùng thử, không phải danh sách thật của tỉnh. Nạp danh sách thật bằng lệnh: chitieu orgs import TỆP.csv --remove-demo",
        "orgs.demo": "MẪU", "yes": "Có", "no": "Không",
        "error.title": "Có lỗi", "error.back": "Về trang chủ",
        "footer": "Sở Y tế Ninh Bình · Hệ thống theo dõi chỉ tiêu",
        "role.admin": "Quản trị hệ thống", "role.leadership": "Lãnh đạo", "role.coordinator": "Điều phối (Phòng QLKCB)",
        "role.leadOffice": "Phòng chủ trì", "role.unitReporter": "Cán bộ báo cáo của đơn vị",
        "login.title": "Đăng nhập", "login.email": "Tên đăng nhập (email)", "login.password": "Mật khẩu", "login.submit": "Đăng nhập",
        "login.hint": "Sau 5 lần nhập sai trong 15 phút, tài khoản bị khoá 15 phút.",
        "logout": "Đăng xuất", "nav.account": "Tài khoản", "nav.password": "Đổi mật khẩu", "nav.tokens": "Mã truy cập API", "nav.users": "Người dùng", "nav.adminOrgs": "Quản lý đơn vị",
        "password.title": "Đổi mật khẩu", "password.mustChange": "Đây là lần đăng nhập đầu tiên hoặc mật khẩu vừa được cấp lại: hãy đặt mật khẩu của riêng bạn.",
        "password.current": "Mật khẩu hiện tại", "password.new": "Mật khẩu mới (ít nhất 10 ký tự)", "password.confirm": "Nhập lại mật khẩu mới",
        "password.submit": "Đổi mật khẩu", "password.changed": "Đã đổi mật khẩu.",
        "tokens.title": "Mã truy cập API", "tokens.intro": "Dùng cho phần mềm khác (trục LGSP, tập lệnh): gửi trong tiêu đề Authorization: Bearer <mã>. Mã chỉ hiện một lần.",
        "tokens.name": "Tên gợi nhớ", "tokens.scope": "Quyền", "tokens.read": "Chỉ đọc", "tokens.write": "Đọc và ghi", "tokens.days": "Hết hạn sau (ngày)",
        "tokens.create": "Tạo mã", "tokens.created": "Mã mới — hãy sao chép ngay, sẽ không hiện lại:", "tokens.revoke": "Thu hồi",
        "tokens.prefix": "Mã", "tokens.expires": "Hết hạn", "tokens.lastUsed": "Dùng lần cuối", "tokens.revoked": "Đã thu hồi", "tokens.none": "Chưa có mã nào.",
        "tokens.never": "Không hết hạn",
        "admin.users": "Người dùng", "admin.newUser": "Thêm người dùng", "admin.name": "Họ tên", "admin.role": "Vai trò",
        "admin.organisation": "Cơ quan, đơn vị", "admin.status": "Trạng thái", "admin.service": "Tài khoản dịch vụ (tích hợp)",
        "admin.create": "Tạo", "admin.save": "Lưu", "admin.created": "Đã tạo. Mật khẩu ban đầu (chỉ hiện một lần, người dùng phải đổi khi đăng nhập):",
        "admin.newPassword": "Mật khẩu mới (chỉ hiện một lần, người dùng phải đổi khi đăng nhập):",
        "admin.deactivate": "Ngừng hoạt động", "admin.activate": "Cho hoạt động lại", "admin.reset": "Cấp lại mật khẩu", "admin.unlock": "Mở khoá",
        "admin.active": "Đang hoạt động", "admin.inactive": "Ngừng hoạt động", "admin.locked": "Bị khoá đến", "admin.mustChange": "Phải đổi mật khẩu",
        "admin.events": "Đăng nhập gần đây", "admin.eventAt": "Thời điểm", "admin.eventKind": "Sự kiện", "admin.eventAddress": "Địa chỉ IP",
        "event.success": "Đăng nhập", "event.failure": "Sai mật khẩu", "event.lockout": "Bị khoá", "event.logout": "Đăng xuất",
        "audit.title": "Nhật ký thay đổi", "audit.intro": "Mọi thay đổi về người dùng, mã truy cập, đơn vị và kế hoạch: ai, lúc nào, trường nào, từ giá trị nào sang giá trị nào. Mỗi mục được nối bằng chuỗi băm SHA-256 nên không sửa hay xoá được mà không bị phát hiện.",
        "audit.entity": "Loại", "audit.entityId": "Mã đối tượng", "audit.filter": "Lọc", "audit.verify": "Kiểm tra toàn vẹn", "audit.actor": "Người thay đổi",
        "audit.field": "Trường", "audit.old": "Giá trị cũ", "audit.new": "Giá trị mới", "nav.audit": "Nhật ký",
        "admin.newOrg": "Thêm cơ quan, đơn vị", "admin.orgsHelp": "Không xoá cơ quan, đơn vị: chỉ ngừng hoạt động, để giữ số liệu và lịch sử. Nạp cả danh sách: chitieu orgs import TỆP.csv",
    ]

    private static let coreEnglish: [String: String] = [
        "app.name": "Health sector S&T, innovation and digital transformation targets",
        "nav.indicators": "Indicators",
        "nav.organisations": "Organisations",
        "nav.api": "API",
        "lang.switch": "Tiếng Việt",
        "register.title": "Indicator register",
        "register.count": "indicators",
        "register.intro": "Appendix I of the plan: indicators, milestone targets, the lead office that monitors and evaluates, and the implementing units. Names and target cells are shown in Vietnamese, as the plan writes them.",
        "col.number": "No.", "col.name": "Indicator", "col.unit": "Unit", "col.lead": "Lead office (monitors, evaluates)",
        "col.implementers": "Implementing units", "col.year": "Year", "col.expected": "Expected target",
        "col.milestone": "Milestone", "col.code": "Code", "col.kind": "Kind", "col.medical": "Medical",
        "col.parent": "Parent", "col.orgName": "Name", "col.text": "Cell as written", "col.meaning": "Meaning",
        "indicator.targets": "Milestone targets", "indicator.trajectory": "Year-by-year trajectory 2025–2045",
        "indicator.trajectoryHelp": "Years between two milestones expect a target on the straight line between them (levels keep the earlier milestone's level); next to a milestone without a target there is no trajectory.",
        "indicator.measure": "Measure", "indicator.aggregation": "Over time", "indicator.reporters": "Reported by",
        "indicator.scale": "Level scale", "indicator.note": "Transcription note", "indicator.group": "Group",
        "indicator.back": "← Indicator register",
        "measure.ratio": "Ratio (numerator / denominator)", "measure.count": "Count (summed over units)",
        "measure.shareOfUnits": "Share of units (yes / no)", "measure.level": "Qualitative level",
        "aggregation.stock": "Stock — latest period counts", "aggregation.flow": "Flow — periods of the year add up",
        "reporters.allOrganisations": "Offices and affiliated units", "reporters.affiliatedUnits": "Affiliated units",
        "reporters.medicalUnits": "Medical units", "reporters.department": "Department level (lead office enters)",
        "target.atLeast": "at least (≥)", "target.greaterThan": "more than (>)", "target.minimum": "minimum (bare number)",
        "target.range": "band", "target.blank": "(empty cell)", "target.none": "no target", "target.level": "level",
        "kind.department": "Department of Health", "kind.office": "Functional office", "kind.provincialHospital": "Provincial hospital",
        "kind.specialisedHospital": "Specialised hospital", "kind.districtHealthCentre": "Health centre",
        "kind.diseaseControl": "Centre for Disease Control", "kind.otherUnit": "Other unit",
        "orgs.title": "Organisations", "orgs.demoWarning": "Units marked DEMO are sample data for trying the system, not the province's real list. Load the real list with: chitieu orgs import FILE.csv --remove-demo",
        "orgs.demo": "DEMO", "yes": "Yes", "no": "No",
        "error.title": "Something went wrong", "error.back": "Back to the start page",
        "footer": "Ninh Bình Department of Health · Target tracking",
        "role.admin": "Administrator", "role.leadership": "Leadership", "role.coordinator": "Coordinator (Medical Services Office)",
        "role.leadOffice": "Lead office", "role.unitReporter": "Unit reporter",
        "login.title": "Sign in", "login.email": "User name (email)", "login.password": "Password", "login.submit": "Sign in",
        "login.hint": "After 5 wrong attempts within 15 minutes the account is locked for 15 minutes.",
        "logout": "Sign out", "nav.account": "Account", "nav.password": "Change password", "nav.tokens": "API tokens", "nav.users": "Users", "nav.adminOrgs": "Manage organisations",
        "password.title": "Change password", "password.mustChange": "This is your first sign-in or your password was just reset: choose your own password.",
        "password.current": "Current password", "password.new": "New password (at least 10 characters)", "password.confirm": "New password again",
        "password.submit": "Change password", "password.changed": "Password changed.",
        "tokens.title": "API tokens", "tokens.intro": "For other software (the LGSP platform, scripts): send as the header Authorization: Bearer <token>. A token is shown once.",
        "tokens.name": "Name", "tokens.scope": "Scope", "tokens.read": "Read only", "tokens.write": "Read and write", "tokens.days": "Expires after (days)",
        "tokens.create": "Create token", "tokens.created": "New token — copy it now, it will not be shown again:", "tokens.revoke": "Revoke",
        "tokens.prefix": "Token", "tokens.expires": "Expires", "tokens.lastUsed": "Last used", "tokens.revoked": "Revoked", "tokens.none": "No tokens yet.",
        "tokens.never": "Never",
        "admin.users": "Users", "admin.newUser": "Add a user", "admin.name": "Name", "admin.role": "Role",
        "admin.organisation": "Organisation", "admin.status": "Status", "admin.service": "Service account (integration)",
        "admin.create": "Create", "admin.save": "Save", "admin.created": "Created. Initial password (shown once; the user must change it at first sign-in):",
        "admin.newPassword": "New password (shown once; the user must change it at sign-in):",
        "admin.deactivate": "Deactivate", "admin.activate": "Reactivate", "admin.reset": "Reset password", "admin.unlock": "Unlock",
        "admin.active": "Active", "admin.inactive": "Inactive", "admin.locked": "Locked until", "admin.mustChange": "Must change password",
        "admin.events": "Recent sign-ins", "admin.eventAt": "When", "admin.eventKind": "Event", "admin.eventAddress": "IP address",
        "event.success": "Signed in", "event.failure": "Wrong password", "event.lockout": "Locked", "event.logout": "Signed out",
        "audit.title": "Change log", "audit.intro": "Every change to users, tokens, organisations and the plan: who, when, which field, from what to what. Entries are chained by SHA-256, so none can be edited or deleted unnoticed.",
        "audit.entity": "Kind", "audit.entityId": "Object", "audit.filter": "Filter", "audit.verify": "Verify integrity", "audit.actor": "Changed by",
        "audit.field": "Field", "audit.old": "Old value", "audit.new": "New value", "nav.audit": "Change log",
        "admin.newOrg": "Add an organisation", "admin.orgsHelp": "Organisations are never deleted, only deactivated, to keep their data and history. Load a whole list: chitieu orgs import FILE.csv",
    ]
}
