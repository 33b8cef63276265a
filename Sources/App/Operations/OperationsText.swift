import Foundation

/// Small formatting shared by the operator's commands.
enum OperationsText {
    /// Bytes as the operator reads them: `512 B`, `3,4 MB` (vi-VN decimal comma).
    static func size(_ bytes: Int) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let text = unit == 0 ? String(bytes) : String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",")
        return "\(text) \(units[unit])"
    }
}
