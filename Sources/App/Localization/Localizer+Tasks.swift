extension Localizer {
    static let tasks = Table(vietnamese: [:], english: [:])
}
