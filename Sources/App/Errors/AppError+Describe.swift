import Planning

extension AppError {
    static func describe(_ problem: PlanProblem, _ language: Language) -> String {
        let vi = language == .vietnamese
        let place = [problem.indicator.map { (vi ? "chỉ tiêu " : "indicator ") + $0 }, problem.field.isEmpty ? nil : (vi ? "trường " : "field ") + problem.field]
            .compactMap { $0 }.joined(separator: ", ")
        let what: String = switch problem.reason {
        case .unreadable(let detail): vi ? "không đọc được (\(detail))" : "cannot be read (\(detail))"
        case .missing: vi ? "thiếu" : "is missing"
        case .empty: vi ? "để trống" : "is empty"
        case .notAllowed(let value, let allowed):
            vi ? "giá trị \"\(value)\" không hợp lệ; được phép: \(allowed.joined(separator: ", "))"
               : "value \"\(value)\" is not allowed; allowed: \(allowed.joined(separator: ", "))"
        case .duplicate(let value): vi ? "trùng \"\(value)\"" : "duplicates \"\(value)\""
        case .wrongNumber(let expected, let found): vi ? "số thứ tự \(found), đúng ra là \(expected)" : "number \(found), expected \(expected)"
        case .unknownGroup(let group): vi ? "nhóm \"\(group)\" không có trong danh sách nhóm" : "group \"\(group)\" is not among the plan's groups"
        case .unknownOffice(let office): vi ? "phòng \"\(office)\" không có trong danh sách phòng" : "office \"\(office)\" is not among the plan's offices"
        case .unparsableTarget(let text, _):
            vi ? "ô chỉ tiêu \"\(text)\" không phải số, ≥ x, > x, x-y, - và không có trong thang mức"
               : "target cell \"\(text)\" is not a number, ≥ x, > x, x-y or - and is not on the level scale"
        case .targetMismatch(let stated, let parsed):
            vi ? "nghĩa ghi trong tệp (\(stated)) khác với văn bản ô (\(parsed))" : "stated meaning (\(stated)) differs from the cell text (\(parsed))"
        case .targetOutOfDomain(let value, let maximum):
            vi ? "số \(NumberStyle.vietnamese.format(value)) ngoài miền giá trị của chỉ tiêu (0 đến \(NumberStyle.vietnamese.format(maximum)))"
               : "\(NumberStyle.english.format(value)) is outside the indicator's domain (0 to \(NumberStyle.english.format(maximum)))"
        case .missingMilestone(let year): vi ? "thiếu mốc \(year)" : "milestone \(year) is missing"
        case .unexpectedYear(let year): vi ? "năm \(year) không phải là mốc của kế hoạch" : "\(year) is not a milestone year of the plan"
        case .scaleNotAllowed: vi ? "chỉ chỉ tiêu định tính (level) mới có thang mức" : "only level indicators have a scale"
        case .scaleTooShort: vi ? "chỉ tiêu định tính cần thang ít nhất 2 mức" : "a level indicator needs a scale of at least 2 levels"
        case .ratioPartNotAllowed: vi ? "chỉ chỉ tiêu tỉ lệ (ratio) mới có mô tả tử số, mẫu số" : "only ratio indicators describe a numerator and a denominator"
        }
        return place.isEmpty ? what : "\(place): \(what)"
    }

    static func describe(_ problem: OrganisationImport.Problem, _ language: Language) -> String {
        let vi = language == .vietnamese
        let place = problem.line == 0 ? (vi ? "Tệp" : "File")
            : (vi ? "Dòng \(problem.line), cột \(problem.column)" : "Line \(problem.line), column \(problem.column)")
        let what: String = switch problem.reason {
        case .unreadable(let detail): vi ? "không đọc được CSV (\(detail))" : "not readable as CSV (\(detail))"
        case .missingColumn: vi ? "thiếu cột (cần: code,name,kind,medical,parent)" : "column missing (needed: code,name,kind,medical,parent)"
        case .empty: vi ? "để trống" : "is empty"
        case .invalidCode(let code): vi ? "mã \"\(code)\" chỉ được gồm chữ không dấu, số, - và _" : "code \"\(code)\" may hold only ASCII letters, digits, - and _"
        case .invalidKind(let kind):
            vi ? "loại \"\(kind)\" không hợp lệ; được phép: \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))"
               : "kind \"\(kind)\" is not valid; allowed: \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))"
        case .invalidMedical(let value): vi ? "\"\(value)\" không phải có/không (yes/no)" : "\"\(value)\" is not yes/no"
        case .duplicateCode(let code): vi ? "mã \(code) lặp lại trong tệp" : "code \(code) appears twice in the file"
        case .unknownParent(let code): vi ? "đơn vị cấp trên \(code) không có trong tệp lẫn hệ thống" : "parent \(code) is neither in the file nor in the system"
        case .noRows: vi ? "không có dòng dữ liệu nào" : "has no data rows"
        }
        return "\(place): \(what)"
    }
}
