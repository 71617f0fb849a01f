import Foundation
import Testing
@testable import InfraOutput

/// The whole output of classroom7 in every format equals a reviewed golden file in
/// `Goldens/formats/`. `INFRACTL_RECORD=1 swift test` rewrites them; review the diff before committing.
@Suite("Output format goldens")
struct FormatGoldenTests {
    static let inventory = "classroom7"

    /// The golden's file extension for each format: every format has one.
    static func fileExtension(_ format: ReportFormat) -> String {
        switch format {
        case .text: "txt"
        case .json: "json"
        case .sarif: "sarif"
        case .junit: "xml"
        case .github: "github"
        case .gitlab: "gitlab.json"
        }
    }

    @Test(arguments: ReportFormat.allCases)
    func outputMatchesTheGolden(_ format: ReportFormat) throws {
        let run = runCLI(["validate", "--as-of", SeedGoldenTests.asOf, "--fail-on", "never", "--format", format.rawValue,
                          "inventories/\(Self.inventory).json"])
        #expect(run.code == 0)
        #expect(run.stderr.isEmpty)
        try expectGolden(run.stdout, at: "Tests/InfraKitTests/Goldens/formats/\(Self.inventory).\(Self.fileExtension(format))")
    }
}
