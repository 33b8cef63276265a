/// Several problems found at once in one input, each naming its field, so that a form can show them all together.
public struct Problems<Problem: Hashable & Sendable>: Error, Hashable, Sendable, ExpressibleByArrayLiteral {
    public let list: [Problem]

    public init(_ list: [Problem]) { self.list = list }
    public init(arrayLiteral elements: Problem...) { list = elements }
}
