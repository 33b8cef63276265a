extension Localizer {
    static let unitPlans = Table(vietnamese: [:], english: [:])
}
