import Foundation

/// The one formatter for numbers users read. vi-VN: decimal comma, dot between thousands (12,5 · 1.250);
/// en: decimal point, comma between thousands. Written out rather than through `NumberFormatter`
/// so that output is the same on every platform and locale data set.
public enum NumberStyle: String, Sendable {
    case vietnamese, english

    /// Total: any `Double` (NaN and infinities read `—`, `-0` reads `0`) and any `maxDecimals` (held to 0…6).
    public func format(_ value: Double, maxDecimals: Int = 2) -> String {
        guard value.isFinite else { return "—" }
        let decimals = min(max(maxDecimals, 0), 6)
        let scale = pow(10, Double(decimals))
        // Past 10^15 a Double holds no fraction worth showing, and `magnitude * scale` could overflow.
        let showsFraction = value.magnitude < 1e15
        let rounded = showsFraction ? (value.magnitude * scale).rounded() / scale : value.magnitude.rounded()
        let whole = rounded.rounded(.down)
        // Both below 10^6 here, so the conversions are exact and cannot trap.
        var fraction = showsFraction ? String(Int64(((rounded - whole) * scale).rounded())) : ""
        if fraction == "0" { fraction = "" }
        fraction = fraction.isEmpty ? "" : String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let (group, decimal) = self == .vietnamese ? (".", ",") : (",", ".")
        // Through a Double format so that values beyond Int's range cannot trap.
        var digits = String(format: "%.0f", whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = group + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        let sign = value < 0 && rounded != 0 ? "-" : ""
        return sign + digits + grouped + (fraction.isEmpty ? "" : decimal + fraction)
    }

    /// `12,5 %` in Vietnamese (a space before the sign, as vi-VN writes it), `12.5%` in English.
    public func percent(_ value: Double, maxDecimals: Int = 1) -> String {
        format(value, maxDecimals: maxDecimals) + (self == .vietnamese ? " %" : "%")
    }
}

extension NumberStyle {
    /// A target as users read it: `≥ 1,4`, `> 80`, `80–90`, `100`, the level's words, or `—` for none.
    public func describe(_ target: Target) -> String {
        switch target {
        case .atLeast(let x): "≥ " + format(x)
        case .greaterThan(let x): "> " + format(x)
        case .minimum(let x): format(x)
        case .range(let low, let high): format(low) + "–" + format(high)
        case .none: "—"
        case .level(let name, _): name
        }
    }
}

extension NumberStyle {
    /// A number as machines write it (CSV, DHIS2, the change log): a decimal point, no grouping, no trailing `.0`.
    public static func plain(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        return value == value.rounded() && value.magnitude < 1e15 ? String(Int64(value)) : String(value)
    }
}
