import Foundation
import Testing
@testable import InfraKit

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
        }
    }

    @Test(arguments: ReportFormat.allCases)
    func outputMatchesTheGolden(_ format: ReportFormat) throws {
        let run = runCLI(["validate", "--as-of", SeedGoldenTests.asOf, "--fail-on", "never", "--format", format.rawValue,
                          "inventories/\(Self.inventory).json"])
        #expect(run.code == 0)
        #expect(run.stderr.isEmpty)
        let path = repositoryRoot + "/Tests/InfraKitTests/Goldens/formats/\(Self.inventory).\(Self.fileExtension(format))"
        if ProcessInfo.processInfo.environment["INFRACTL_RECORD"] == "1" {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try run.stdout.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let golden = try String(contentsOfFile: path, encoding: .utf8)
        #expect(golden == run.stdout, "output differs from \(path); rerun with INFRACTL_RECORD=1 and review the diff")
    }
}
