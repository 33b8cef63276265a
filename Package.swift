// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "chitieu",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "chitieu", targets: ["chitieu"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        // Leaf's engine (already under Leaf), named for its renderer and `LeafDataRepresentable` (`CachedLeaf`, `Labels`).
        .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.14.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        // Pure domain: depends on nothing but Foundation, by construction.
        .target(name: "Planning"),
        .target(name: "Documents", dependencies: [
            "Planning",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "App", dependencies: [
            "Planning", "Documents",
            .product(name: "Vapor", package: "vapor"),
            .product(name: "Fluent", package: "fluent"),
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            .product(name: "Leaf", package: "leaf"),
            .product(name: "LeafKit", package: "leaf-kit"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .executableTarget(name: "chitieu", dependencies: ["App"]),
        // Seeded, time-bounded fuzzing for the test targets: a PRNG, the run's seeds and budget, byte mutations.
        .target(name: "FuzzSupport", path: "Tests/FuzzSupport"),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "FuzzSupport"]),
        // The fixtures are read from disk by path, not bundled.
        .testTarget(name: "DocumentsTests", dependencies: ["Documents", "Planning", "FuzzSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "AppTests", dependencies: [
            "App",
            .product(name: "VaporTesting", package: "vapor"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
    ]
)
