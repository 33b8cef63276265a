extension Localizer {
    static let reports = Table(vietnamese: [:], english: [:])
}
