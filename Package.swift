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
        .testTarget(name: "InfraKitTests", dependencies: ["InfraKit"]),
    ],
    swiftLanguageModes: [.v6]
)
