// swift-tools-version:6.0
import PackageDescription

// The layers of DESIGN.md ("Architecture"), bottom first. Each is a library target whose folder
// sits under Sources/InfraKit and which depends only on layers below it, so an upward import does
// not compile; scripts/check-layers holds that, with SwiftPM's explicit import check. Declarations
// one layer uses from another are `package`, not `public`. `InfraKit` only re-exports the layers,
// for the executable.
let layers: [(name: String, folder: String, below: [String])] = [
    ("InfraJSON", "JSON", []),
    ("InfraModel", "Model", ["InfraJSON"]),
    ("InfraTopology", "Topology", ["InfraJSON", "InfraModel"]),
    ("InfraRules", "Rules", ["InfraJSON", "InfraModel", "InfraTopology"]),
    ("InfraOutput", "Output", ["InfraJSON", "InfraModel", "InfraTopology", "InfraRules"]),
    ("InfraImport", "Import", ["InfraJSON", "InfraModel"]),
    ("InfraCLI", "CLI", ["InfraJSON", "InfraModel", "InfraTopology", "InfraRules", "InfraOutput", "InfraImport"]),
]

let package = Package(
    name: "infractl",
    products: [
        .executable(name: "infractl", targets: ["infractl"]),
        .library(name: "InfraKit", targets: ["InfraKit"]),
    ],
    targets: layers.map { layer in
        .target(name: layer.name, dependencies: layer.below.map { .target(name: $0) }, path: "Sources/InfraKit/\(layer.folder)")
    } + [
        .target(name: "InfraKit", dependencies: layers.map { .target(name: $0.name) }, path: "Sources/InfraKit/Face"),
        .executableTarget(name: "infractl", dependencies: ["InfraKit"]),
        // Goldens and fixtures are read from the source tree by path, not bundled as resources.
        .testTarget(
            name: "InfraKitTests", dependencies: ["InfraKit"] + layers.map { .target(name: $0.name) },
            exclude: ["Goldens", "Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
