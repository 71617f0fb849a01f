// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "infractl",
    products: [
        .executable(name: "infractl", targets: ["infractl"]),
        .library(name: "InfraKit", targets: ["InfraKit"]),
    ],
    targets: [
        .target(name: "InfraKit"),
        .executableTarget(name: "infractl", dependencies: ["InfraKit"]),
        // Goldens and fixtures are read from the source tree by path, not bundled as resources.
        .testTarget(name: "InfraKitTests", dependencies: ["InfraKit"], exclude: ["Goldens", "Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
